/**
 * PERMANOVA with 999 permutations on 1,000 samples (set GUTRESPONSE_BENCH_N=4000 for more):
 * Euclidean distances of random points in 20 dimensions, 4 groups, `~ group` (one term, 3 df).
 * Prints wall time, permutations/s and samples x permutations/s, then the ratio against
 * scikit-bio `permanova` (and vegan `adonis2` when R has vegan) run once on the same matrix.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromSquare } from "../src/core/beta/distance-matrix.js";
import { permanova } from "../src/core/community/permanova.js";
import { createRng } from "../src/core/random/rng.js";
import { categorical } from "../src/core/table/metadata.js";
import { designMatrix } from "../src/core/stats/design-matrix.js";

const PERMUTATIONS = 999;

function randomInput(n: number): { ids: string[]; square: Float64Array; groups: string[] } {
  const rng = createRng(1);
  const dim = 20;
  const pts = Float64Array.from({ length: n * dim }, () => rng.normal());
  const square = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let c = 0; c < dim; c++) s += (pts[i * dim + c]! - pts[j * dim + c]!) ** 2;
      square[i * n + j] = square[j * n + i] = Math.sqrt(s);
    }
  }
  const ids = Array.from({ length: n }, (_, i) => `s${i}`);
  return { ids, square, groups: ids.map((_, i) => `g${i % 4}`) };
}

/** Runs a reference tool once; its seconds, or null when it is not installed. */
function external(cmd: string, args: string[]): number | null {
  try {
    const out = execFileSync(cmd, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 600_000,
    });
    const s = Number(out.trim().split("\n").at(-1));
    return Number.isFinite(s) ? s : null;
  } catch {
    return null;
  }
}

export async function run(): Promise<void> {
  const n = Number(process.env.GUTRESPONSE_BENCH_N ?? 1000);
  const { ids, square, groups } = randomInput(n);
  const dm = fromSquare(ids, square);
  const md = { idHeader: "sample-id", ids, columns: [categorical("group", groups)] };
  const design = designMatrix("~ group", md, { ids });
  const t0 = performance.now();
  const r = permanova(dm, design, { permutations: PERMUTATIONS, seed: 1 });
  const s = (performance.now() - t0) / 1000;
  process.stdout.write(
    `gutresponse permanova n=${n} B=${PERMUTATIONS}: ${s.toFixed(2)} s, ${(PERMUTATIONS / s).toFixed(0)} permutations/s, ` +
      `${((n * PERMUTATIONS) / s / 1e6).toFixed(2)} M sample-permutations/s (F=${r.rows[0]!.F!.toFixed(4)})\n`,
  );

  const general = permanova(dm, design, { permutations: 99, seed: 1, kernel: "general" });
  const t1 = performance.now();
  permanova(dm, design, { permutations: 99, seed: 1, kernel: "general" });
  const sg = ((performance.now() - t1) / 1000) * (PERMUTATIONS / 99);
  process.stdout.write(
    `  general kernel (any design, here 3 basis vectors), extrapolated to B=${PERMUTATIONS}: ${sg.toFixed(2)} s (F=${general.rows[0]!.F!.toFixed(4)})\n`,
  );
  if (process.env.GUTRESPONSE_BENCH_EXTERNAL === "0") return;
  const dir = mkdtempSync(join(tmpdir(), "gr-bench-"));
  try {
    const lines = [`\t${ids.join("\t")}`];
    for (let i = 0; i < n; i++)
      lines.push(`${ids[i]}\t${Array.from(square.subarray(i * n, (i + 1) * n)).join("\t")}`);
    writeFileSync(join(dir, "dm.tsv"), `${lines.join("\n")}\n`);
    writeFileSync(join(dir, "groups.txt"), `${groups.join("\n")}\n`);
    const py = [
      "import sys, time, numpy as np",
      "from skbio import DistanceMatrix",
      "from skbio.stats.distance import permanova",
      `d = DistanceMatrix.read('${join(dir, "dm.tsv")}')`,
      `g = open('${join(dir, "groups.txt")}').read().split()`,
      "np.random.seed(1); t = time.perf_counter()",
      `permanova(d, g, permutations=${PERMUTATIONS})`,
      "print(time.perf_counter() - t)",
    ].join("\n");
    const skbio = external("/usr/bin/python3", ["-c", py]);
    const rcode = [
      "suppressMessages(library(vegan))",
      `m <- as.matrix(read.delim('${join(dir, "dm.tsv")}', row.names = 1, check.names = FALSE))`,
      `g <- factor(readLines('${join(dir, "groups.txt")}'))`,
      "d <- as.dist(m); set.seed(1)",
      `t <- system.time(adonis2(d ~ g, permutations = ${PERMUTATIONS}, by = 'terms'))[['elapsed']]`,
      "cat(t, '\\n')",
    ].join("; ");
    const vegan = external("Rscript", ["-e", rcode]);
    for (const [name, t] of [
      ["scikit-bio 0.5.8 permanova", skbio],
      ["vegan adonis2", vegan],
    ] as const) {
      process.stdout.write(
        t === null
          ? `${name}: not available\n`
          : `${name}: ${t.toFixed(2)} s -> gutresponse is ${(t / s).toFixed(1)}x faster\n`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
