/**
 * Side by side, whole process against whole process (what a user waits for): gutresponse's CLI
 * (compiled dist/) against the tools users would pick instead, on the same generated inputs:
 *   - Striped UniFrac `ssu` (Debian unifrac-tools; fp64, HDF5 output, OMP_NUM_THREADS = threads),
 *   - scikit-bio (Debian python3-skbio, /usr/bin/python3; bench/anchors/*.py),
 *   - vegan (Debian r-cran-vegan; bench/anchors/vegan_permdisp.R).
 * Inputs (bench generator, test/diversity/synthetic.ts): 1,000 x 5,000 features at 3.2% non-zero
 * and 4,000 x 10,000 at 2.1%, a random binary tree over the features (random merges of pairs: the
 * Yule / coalescent ranked shape), a 4-level `group` column. Written as BIOM 2.1 HDF5 + Newick +
 * metadata TSV. Each operation runs BENCH_RUNS times (default 3; 1 at n >= 4,000), ours and the
 * anchor alternating so machine drift cancels; medians of wall time and peak RSS (/usr/bin/time).
 * An anchor that is not installed is skipped with a message.
 *
 *   npm run bench -- anchors                   (n = 1,000)
 *   BENCH_ANCHOR_SIZES=1000,4000 BENCH_ANCHOR_OPS=braycurtis,pcoa npm run bench -- anchors
 *
 * Results are recorded in docs/PERFORMANCE.md.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeBiomHdf5 } from "../src/io/biom-hdf5.js";
import { formatNewick } from "../src/io/newick.js";
import { syntheticTable, syntheticTree } from "../test/diversity/synthetic.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const scripts = join(root, "bench", "anchors");
const SHAPES: Record<number, { features: number; density: number }> = {
  1000: { features: 5000, density: 0.032 },
  4000: { features: 10000, density: 0.021 },
};

interface Measure {
  wall: number;
  /** user + system CPU seconds (the shared machine inflates wall time, not CPU time) */
  cpu: number;
  rssMb: number;
}

/** Runs a command under /usr/bin/time; undefined when it fails (stderr tail printed). */
function measure(cmd: string[], env: NodeJS.ProcessEnv = {}): Measure | undefined {
  const timeFile = join(tmpdir(), `anchors-time-${process.pid}`);
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M %U %S", "-o", timeFile, ...cmd], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
    timeout: 1_800_000,
  });
  if (r.status !== 0) {
    process.stdout.write(
      `  failed: ${cmd.join(" ")}\n  ${(r.stderr ?? "").trim().split("\n").slice(-3).join("\n  ")}\n`,
    );
    return undefined;
  }
  const [wall, kb, user, sys] = readFileSync(timeFile, "utf8")
    .trim()
    .split("\n")
    .at(-1)!
    .split(" ")
    .map(Number);
  return { wall: wall!, cpu: user! + sys!, rssMb: kb! / 1024 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function has(cmd: string, check: string[]): boolean {
  return spawnSync(cmd, check, { stdio: "ignore", timeout: 60_000 }).status === 0;
}

interface Op {
  name: string;
  ours: string[];
  anchor?: { label: string; cmd: string[]; env?: NodeJS.ProcessEnv };
  /** why the anchor is skipped, when it is */
  skip?: string;
  ourEnv?: NodeJS.ProcessEnv;
}

async function writeInputs(dir: string, n: number): Promise<void> {
  const { features, density } = SHAPES[n] ?? { features: 5 * n, density: 0.032 };
  const table = syntheticTable(n, features, density, 2026);
  const tree = syntheticTree(table.featureIds, 2027);
  writeFileSync(join(dir, "table.biom"), await writeBiomHdf5(table, { date: "2026-01-01T00:00:00" }));
  writeFileSync(join(dir, "tree.nwk"), `${formatNewick(tree)}\n`);
  const groups = table.sampleIds.map((_, i) => "ABCD"[i % 4]!);
  writeFileSync(
    join(dir, "metadata.tsv"),
    `sample-id\tgroup\n${table.sampleIds.map((id, i) => `${id}\t${groups[i]}`).join("\n")}\n`,
  );
  writeFileSync(join(dir, "ids.txt"), `${table.sampleIds.join("\n")}\n`);
  writeFileSync(join(dir, "groups.txt"), `${groups.join("\n")}\n`);
  const nnz = table.colPtr[n]!;
  process.stdout.write(
    `\n${n} samples x ${features} features, ${((100 * nnz) / (n * features)).toFixed(1)}% non-zero, ${tree.parent.length} tree nodes (${dir})\n`,
  );
}

export async function run(): Promise<void> {
  const cli = join(root, "dist", "cli-bundle", "main.js");
  if (!existsSync(cli)) {
    process.stdout.write("building the CLI (npm run build:cli) for whole-process timings\n");
    execFileSync("npm", ["run", "build:cli"], { cwd: root, stdio: "inherit" });
  }
  const python = "/usr/bin/python3";
  const skbio = has(python, ["-c", "import skbio, biom"]);
  const ssu = has("ssu", ["--help"]) || existsSync("/usr/bin/ssu");
  const vegan = has("Rscript", ["-e", "library(vegan)"]);
  const skipped = (tool: string, pkg: string) => `${tool} not installed (Debian ${pkg})`;
  if (!skbio)
    process.stdout.write(`skipping scikit-bio anchors: ${skipped("scikit-bio", "python3-skbio")}\n`);
  if (!ssu) process.stdout.write(`skipping ssu anchors: ${skipped("ssu", "unifrac-tools")}\n`);
  if (!vegan) process.stdout.write(`skipping vegan anchors: ${skipped("vegan", "r-cran-vegan")}\n`);
  const sizes = (process.env.BENCH_ANCHOR_SIZES ?? "1000").split(",").map(Number);
  const wanted = process.env.BENCH_ANCHOR_OPS?.split(",");
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  process.stdout.write(`machine load average at start: ${load}\n`);
  const speedups: string[] = [];
  const rows: string[] = [
    "| operation | n | gutresponse (median) | anchor (median) | ratio ours / theirs |",
    "|---|---|---|---|---|",
  ];
  for (const n of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "gutresponse-anchors-"));
    await writeInputs(dir, n);
    const f = (name: string) => join(dir, name);
    // --force: repeated runs overwrite their outputs (else runs after the first fail on "exists")
    const ourCli = (...args: string[]) => ["node", cli, ...args, "--force"];
    const beta = (metric: string, out: string, threads = 1) =>
      ourCli(
        "beta",
        "--table",
        f("table.biom"),
        "--tree",
        f("tree.nwk"),
        "--metric",
        metric,
        "--threads",
        String(threads),
        "--out",
        out,
        "--force",
      );
    // matrices the community operations read (untimed)
    for (const out of [f("bc.h5"), f("bc.tsv")])
      execFileSync("node", [cli, "beta", "--table", f("table.biom"), "--metric", "braycurtis", "--out", out]);
    if (skbio)
      execFileSync(python, [join(scripts, "skbio_to_npy.py"), f("bc.tsv"), f("bc.npy"), f("ids_dm.txt")]);
    const ssuOp = (method: string, threads: number): Op["anchor"] =>
      ssu
        ? {
            label: `ssu ${method}`,
            cmd: [
              "ssu",
              "-i",
              f("table.biom"),
              "-t",
              f("tree.nwk"),
              "-m",
              method,
              "-o",
              f("ssu.h5"),
              "-r",
              "hdf5_fp64",
              "--pcoa",
              "0",
            ],
            env: { OMP_NUM_THREADS: String(threads) },
          }
        : undefined;
    const skbioBeta = (metric: string, out: string): Op["anchor"] =>
      skbio
        ? { label: "scikit-bio", cmd: [python, join(scripts, "skbio_beta.py"), f("table.biom"), metric, out] }
        : undefined;
    const skbioCommunity = (what: string): Op["anchor"] =>
      skbio
        ? {
            label: `scikit-bio ${what === "pcoa" ? "fsvd" : ""}`.trim(),
            cmd: [
              python,
              join(scripts, "skbio_community.py"),
              what,
              f("bc.npy"),
              f("ids_dm.txt"),
              f("groups.txt"),
            ],
          }
        : undefined;
    const unifrac = (label: string, metric: string, ssuMethod: string): Op[] =>
      [1, 2].map((threads) => ({
        name: `${label}, ${threads} thread${threads > 1 ? "s" : ""}`,
        ours: beta(metric, f("o.h5"), threads),
        anchor: ssuOp(ssuMethod, threads),
      }));
    const permanova = (threads: number): Op => ({
      name: `PERMANOVA 999${threads > 1 ? `, ${threads} threads` : ""} (ours reads .h5)`,
      ours: ourCli(
        "permanova",
        "--dm",
        f("bc.h5"),
        "--metadata",
        f("metadata.tsv"),
        "--formula",
        "~ group",
        "--permutations",
        "999",
        "--threads", // explicit: the default is all available cores
        String(threads),
        "--out",
        f("pm.tsv"),
      ),
      anchor: skbioCommunity("permanova"),
    });
    const ops: Op[] = [
      ...(
        [
          ["braycurtis", "h5"],
          ["braycurtis", "tsv"],
          ["jaccard", "h5"],
        ] as const
      ).map(([metric, format]) => ({
        name: `${metric} (${format === "h5" ? ".h5" : "lsmat"} out)`,
        ours: beta(metric, f(`o.${format}`)),
        anchor: skbioBeta(metric, f("sk.tsv")),
      })),
      ...unifrac("unweighted UniFrac", "unweighted_unifrac", "unweighted_fp64"),
      ...unifrac("weighted normalised UniFrac", "weighted_normalized_unifrac", "weighted_normalized_fp64"),
      permanova(1),
      permanova(2),
      ...[1, 2].map((threads) => ({
        name: `PCoA 10 axes${threads > 1 ? `, ${threads} threads` : ""} (ours reads .h5)`,
        ours: ourCli(
          "pcoa",
          "--dm",
          f("bc.h5"),
          "--dimensions",
          "10",
          "--threads", // explicit: the default is all available cores
          String(threads),
          "--out",
          f("pc.tsv"),
        ),
        anchor: skbioCommunity("pcoa"),
      })),
      ...(["centroid", "median"] as const).map((type) => ({
        name: `PERMDISP 999, ${type}`,
        ours: ourCli(
          "permdisp",
          "--dm",
          f("bc.h5"),
          "--metadata",
          f("metadata.tsv"),
          "--column",
          "group",
          "--type",
          type,
          "--permutations",
          "999",
          "--out",
          f("pd.tsv"),
        ),
        anchor: vegan
          ? {
              label: `vegan betadisper(type = "${type}")+permutest`,
              cmd: ["Rscript", join(scripts, "vegan_permdisp.R"), f("bc.tsv"), f("metadata.tsv"), type],
            }
          : undefined,
      })),
    ];
    const runs = Number(process.env.BENCH_RUNS ?? (n >= 4000 ? 1 : 3));
    const oneThread = new Map<string, [number, number]>();
    for (const op of ops) {
      if (wanted && !wanted.some((w) => op.name.toLowerCase().startsWith(w.toLowerCase()))) continue;
      const ours: Measure[] = [];
      const theirs: Measure[] = [];
      for (let r = 0; r < runs; r++) {
        const a = measure(op.ours);
        if (a) ours.push(a);
        if (op.anchor) {
          const b = measure(op.anchor.cmd, op.anchor.env);
          if (b) theirs.push(b);
        }
      }
      const fmt = (ms: Measure[]) =>
        ms.length === 0
          ? "failed"
          : `${median(ms.map((m) => m.wall)).toFixed(2)} s wall, ${median(ms.map((m) => m.cpu)).toFixed(2)} s CPU (${median(ms.map((m) => m.rssMb)).toFixed(0)} MB)`;
      const ratioOf = (key: "wall" | "cpu") =>
        (median(ours.map((m) => m[key])) / median(theirs.map((m) => m[key]))).toFixed(2);
      const ratio = ours.length && theirs.length ? `${ratioOf("wall")} wall / ${ratioOf("cpu")} CPU` : "-";
      const anchorText = op.anchor ? `${op.anchor.label} ${fmt(theirs)}` : "anchor not installed";
      const line = `| ${op.name} | ${n} | ${fmt(ours)} | ${anchorText} | ${ratio} |`;
      rows.push(line);
      process.stdout.write(`${line}\n`);
      // UniFrac: the speed-up of 2 threads over 1 (wall), ours and the anchor's
      const wall = (ms: Measure[]) => (ms.length > 0 ? median(ms.map((m) => m.wall)) : Number.NaN);
      oneThread.set(op.name, [wall(ours), wall(theirs)]);
      // the 1-thread op: "X, 1 thread" (UniFrac) or "X (...)" without the ", 2 threads" (PERMANOVA, PCoA)
      const single =
        oneThread.get(op.name.replace(", 2 threads", ", 1 thread")) ??
        oneThread.get(op.name.replace(", 2 threads", ""));
      if (op.name.includes(", 2 threads") && single) {
        const [o, t] = single;
        speedups.push(
          `${op.name.replace(", 2 threads", "")}, n = ${n}: 2 threads vs 1 (wall) ours ${(o / wall(ours)).toFixed(2)}x, anchor ${(t / wall(theirs)).toFixed(2)}x`,
        );
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
  const loadEnd = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  process.stdout.write(
    `\nmachine load average at end: ${loadEnd}\n${rows.join("\n")}\n${speedups.join("\n")}\n`,
  );
}
