/**
 * PCoA of a 1,000-sample Bray-Curtis matrix (synthetic sparse table of bench/beta.bench.ts): our
 * solver (Householder tridiagonalisation, all eigenvalues by QL, 10 axes by inverse iteration)
 * against ml-matrix's full symmetric EigenvalueDecomposition of the same matrix. CPU time (user +
 * system), as the bench machine is shared. Results are recorded in docs/PERFORMANCE.md.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { betaDiversity } from "../src/core/beta/beta-diversity.js";
import { toSquare } from "../src/core/beta/distance-matrix.js";
import { pcoa } from "../src/core/ordination/pcoa.js";
import { syntheticTable } from "../test/diversity/synthetic.js";

function cpuSeconds(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1e6;
}

export async function run(): Promise<void> {
  const n = Number(process.env.BENCH_PCOA_N ?? 1000);
  const dm = betaDiversity(syntheticTable(n, 5000, 0.02, 2026), "braycurtis");
  let axes = 0;
  const ours = cpuSeconds(() => {
    axes = pcoa(dm, { dimensions: 10 }).axes.length;
  });
  process.stdout.write(`pcoa ${n} samples, ${axes} axes + all eigenvalues: CPU ${ours.toFixed(2)} s\n`);
  if (process.env.BENCH_NO_REFERENCES === "1") return;
  const square = toSquare(dm);
  const rows = Array.from({ length: n }, (_, i) =>
    Array.from(square.subarray(i * n, i * n + n), (d) => -0.5 * d * d),
  );
  const ml = cpuSeconds(() => {
    new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  });
  process.stdout.write(
    `ml-matrix EigenvalueDecomposition (same size, uncentred): CPU ${ml.toFixed(2)} s (ours/ml ${(ours / ml).toFixed(2)})\n`,
  );
}
