/**
 * Beta diversity throughput on synthetic sparse tables (98% zeros, uneven feature prevalence, a
 * random binary tree over the features): Bray-Curtis, unweighted and weighted normalised UniFrac,
 * 1,000 samples (4,000 with BENCH_LARGE=1; any sizes with BENCH_SIZES=1000,4000; BENCH_NO_PARALLEL=1
 * skips the 2-thread run, BENCH_NO_REFERENCES=1 the reference tools). Prints CPU time (user + system: the bench machine is
 * shared, so wall time mostly measures the other jobs) and wall time, samples/s and pairs/s by CPU
 * time, peak RSS, and - where installed - the CPU-time ratio against Striped UniFrac `ssu`
 * (OMP_NUM_THREADS=1, fp64, HDF5 output, including its input parsing) and scikit-bio
 * (/usr/bin/python3, `beta_diversity` only) on the same input, written as BIOM (HDF5) + Newick.
 * Results are recorded in docs/PERFORMANCE.md.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { betaDiversity } from "../src/core/beta/beta-diversity.js";
import type { Tree } from "../src/core/phylo/tree.js";
import type { FeatureTable } from "../src/core/table/feature-table.js";
import { betaDiversityParallel } from "../src/node/beta-parallel.js";
import { syntheticTable, syntheticTree } from "../test/diversity/synthetic.js";

const METRICS = ["braycurtis", "unweighted_unifrac", "weighted_normalized_unifrac"] as const;
const SSU_METHOD: Record<string, string> = {
  unweighted_unifrac: "unweighted_fp64",
  weighted_normalized_unifrac: "weighted_normalized_fp64",
};
const FEATURES = 5000;
const DENSITY = 0.02;

function newick(tree: Tree): string {
  const n = tree.parent.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let v = 0; v < n - 1; v++) children[tree.parent[v]!]!.push(v);
  // Postorder arrays: build each node's text after its children.
  const text: string[] = new Array(n);
  for (let v = 0; v < n; v++) {
    const kids = children[v]!;
    const label = kids.length === 0 ? (tree.names[v] ?? "") : `(${kids.map((c) => text[c]).join(",")})`;
    text[v] = v === n - 1 ? `${label};` : `${label}:${tree.length[v]}`;
    for (const c of kids) text[c] = "";
  }
  return text[n - 1]!;
}

function writeInputs(dir: string, table: FeatureTable, tree: Tree): { biom: string; nwk: string } {
  const m = table.featureIds.length;
  const n = table.sampleIds.length;
  const dense = new Float64Array(n * m);
  for (let s = 0; s < n; s++) {
    for (let k = table.colPtr[s]!; k < table.colPtr[s + 1]!; k++)
      dense[s * m + table.featureIndex[k]!] = table.values[k]!;
  }
  const lines = ["# Constructed from biom file", `#OTU ID\t${table.sampleIds.join("\t")}`];
  for (let f = 0; f < m; f++) {
    const row = [table.featureIds[f]!];
    for (let s = 0; s < n; s++) row.push(String(dense[s * m + f]!));
    lines.push(row.join("\t"));
  }
  const tsv = join(dir, "table.tsv");
  writeFileSync(tsv, `${lines.join("\n")}\n`);
  const biom = join(dir, "table.biom");
  execFileSync("biom", ["convert", "-i", tsv, "-o", biom, "--to-hdf5", "--table-type=OTU table"]);
  const nwk = join(dir, "tree.nwk");
  writeFileSync(nwk, newick(tree));
  return { biom, nwk };
}

interface Timing {
  cpu: number;
  wall: number;
}

function timed(f: () => void): Timing {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  f();
  const d = process.cpuUsage(c);
  return { cpu: (d.user + d.system) / 1e6, wall: Number(process.hrtime.bigint() - t) / 1e9 };
}

/** CPU seconds (user + system) of a child command, from bash's `times`. */
function childCpuSeconds(
  command: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeoutS = 600,
): number | null {
  const quoted = command.map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  try {
    const out = execFileSync("bash", ["-c", `${quoted} > /dev/null; times`], {
      encoding: "utf8",
      env,
      timeout: timeoutS * 1000,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const m = out
      .trim()
      .split("\n")[1]!
      .match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/)!;
    return Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]);
  } catch {
    return null;
  }
}

function ssuSeconds(inputs: { biom: string; nwk: string }, dir: string, metric: string): number | null {
  const method = SSU_METHOD[metric];
  if (!method || !existsSync("/usr/bin/ssu")) return null;
  const args = [
    "-i",
    inputs.biom,
    "-t",
    inputs.nwk,
    "-m",
    method,
    "-o",
    join(dir, "ssu.h5"),
    "-r",
    "hdf5_fp64",
  ];
  return childCpuSeconds(["ssu", ...args, "--pcoa", "0"], { ...process.env, OMP_NUM_THREADS: "1" });
}

const SKBIO = `
import sys, time, biom, skbio
from skbio.diversity import beta_diversity
t = biom.load_table(sys.argv[1]); tree = skbio.TreeNode.read(sys.argv[2], convert_underscores=False)
counts = t.matrix_data.T.toarray().astype(int); ids = list(t.ids()); otu = list(t.ids('observation'))
metric = sys.argv[3]
kw = {} if metric == 'braycurtis' else dict(otu_ids=otu, tree=tree)
if metric == 'weighted_normalized_unifrac': metric, kw['normalized'] = 'weighted_unifrac', True
t0 = time.process_time(); beta_diversity(metric, counts, ids, **kw); print(time.process_time() - t0)
`;

function skbioSeconds(inputs: { biom: string; nwk: string }, dir: string, metric: string): number | string {
  const script = join(dir, "skbio_bench.py");
  writeFileSync(script, SKBIO);
  try {
    const out = execFileSync("/usr/bin/python3", [script, inputs.biom, inputs.nwk, metric], {
      encoding: "utf8",
      timeout: Number(process.env.BENCH_SKBIO_TIMEOUT_S ?? 120) * 1000,
      stdio: ["ignore", "pipe", "pipe"],
    });
    return Number(out.trim());
  } catch {
    return `> ${process.env.BENCH_SKBIO_TIMEOUT_S ?? 120} s (timed out)`;
  }
}

export async function run(): Promise<void> {
  const sizes =
    process.env.BENCH_SIZES?.split(",").map(Number) ??
    (process.env.BENCH_LARGE === "1" ? [1000, 4000] : [1000]);
  const parallel = process.env.BENCH_NO_PARALLEL !== "1";
  const withReferences = process.env.BENCH_NO_REFERENCES !== "1";
  for (const n of sizes) {
    const table = syntheticTable(n, FEATURES, DENSITY, 2026);
    const tree = syntheticTree(table.featureIds, 2027);
    const nnz = table.colPtr[n]!;
    process.stdout.write(
      `\n${n} samples x ${FEATURES} features, ${(100 * (1 - nnz / (n * FEATURES))).toFixed(1)}% zeros, ${tree.parent.length} tree nodes\n`,
    );
    const dir = mkdtempSync(join(tmpdir(), "gutresponse-bench-"));
    const inputs = withReferences && n <= 1000 ? writeInputs(dir, table, tree) : null;
    const pairs = (n * (n - 1)) / 2;
    for (const metric of METRICS) {
      const one = timed(() => betaDiversity(table, metric, { tree }));
      const t0 = process.hrtime.bigint();
      if (parallel) await betaDiversityParallel(table, metric, { tree, threads: 2 });
      const wall2 = Number(process.hrtime.bigint() - t0) / 1e9;
      const peak = process.resourceUsage().maxRSS / 1024;
      const t1 = one.cpu;
      let line = `${metric.padEnd(28)} 1 thread: CPU ${t1.toFixed(2)} s, wall ${one.wall.toFixed(2)} s (${(n / t1).toFixed(0)} samples/s, ${(pairs / t1 / 1e3).toFixed(0)} k pairs/s); ${parallel ? `2 threads wall ${wall2.toFixed(2)} s; ` : ""} peak RSS ${peak.toFixed(0)} MB`;
      if (inputs) {
        const ssu = ssuSeconds(inputs, dir, metric);
        if (ssu !== null) line += `; ssu CPU ${ssu.toFixed(2)} s (ours/ssu ${(t1 / ssu).toFixed(2)})`;
        const sk = skbioSeconds(inputs, dir, metric);
        line +=
          typeof sk === "number"
            ? `; skbio CPU ${sk.toFixed(2)} s (ours/skbio ${(t1 / sk).toFixed(3)})`
            : `; skbio ${sk}`;
      }
      process.stdout.write(`${line}\n`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
