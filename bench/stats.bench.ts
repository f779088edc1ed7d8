/**
 * Statistics base: per-feature rank tests over a 2,000 x 60 table, and model fits. Figures are
 * wall times with a ratio against a baseline of one plain pass summing the same values.
 */
import { createRng } from "../src/core/random/rng.js";
import { spearman } from "../src/core/stats/correlation.js";
import { glm } from "../src/core/stats/glm.js";
import { glmNegativeBinomial } from "../src/core/stats/glm-nb.js";
import { kruskalWallis } from "../src/core/stats/kruskal.js";
import { lmmRandomIntercept } from "../src/core/stats/lmm.js";
import { ols } from "../src/core/stats/ols.js";
import { adjustPValues } from "../src/core/stats/p-adjust.js";
import { wilcoxonRankSum } from "../src/core/stats/wilcoxon.js";

function time(label: string, f: () => void, baseline?: number): number {
  const t0 = performance.now();
  f();
  const ms = performance.now() - t0;
  const ratio = baseline ? `  (${(ms / baseline).toFixed(0)}x baseline)` : "";
  process.stdout.write(`${label.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms${ratio}\n`);
  return ms;
}

export async function run(): Promise<void> {
  const rng = createRng(1);
  const nF = 2000;
  const nS = 60;
  const rows = Array.from({ length: nF }, () =>
    Float64Array.from({ length: nS }, () => Math.floor(rng.uniform() * 20)),
  );
  const cont = Array.from({ length: nF }, () => Float64Array.from({ length: nS }, () => rng.normal()));
  const z = Float64Array.from({ length: nS }, () => rng.normal());
  let sink = 0;
  const base = time("baseline: sum of all values", () => {
    for (const r of rows) for (const v of r) sink += v;
  });
  const p = new Float64Array(nF);
  const perFeature = (label: string, data: Float64Array[], test: (r: Float64Array) => number) =>
    time(
      `${label}, ${nF} features`,
      () => {
        data.forEach((r, f) => {
          p[f] = test(r);
        });
      },
      base,
    );
  perFeature(
    "wilcoxon, normal approx. (tied counts)",
    rows,
    (r) => wilcoxonRankSum(r.subarray(0, 30), r.subarray(30)).p,
  );
  perFeature(
    "wilcoxon, exact (30 vs 30, no ties)",
    cont,
    (r) => wilcoxonRankSum(r.subarray(0, 30), r.subarray(30)).p,
  );
  perFeature(
    "kruskal-wallis, 3 groups",
    rows,
    (r) => kruskalWallis([r.subarray(0, 20), r.subarray(20, 40), r.subarray(40)]).p,
  );
  perFeature("spearman", rows, (r) => spearman(r, z).p);
  time(
    "BH adjustment of 2000 p-values",
    () => {
      sink += adjustPValues(p, "bh")[0]!;
    },
    base,
  );
  const n = 500;
  const k = 6;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) x[i * k + j] = j === 0 ? 1 : rng.normal();
  const design = { x, nRows: n, nCols: k, columnNames: ["(Intercept)", "a", "b", "c", "d", "e"] };
  const eta = Array.from({ length: n }, (_, i) => 0.3 * x[i * k + 1]! - 0.2 * x[i * k + 2]!);
  const yN = Float64Array.from(eta, (e) => e + rng.normal());
  const yB = Float64Array.from(eta, (e) => (rng.uniform() < 1 / (1 + Math.exp(-e)) ? 1 : 0));
  const yC = Float64Array.from(eta, (e) => Math.floor(Math.exp(1 + e) * rng.uniform() * 3));
  const groups = Array.from({ length: n }, (_, i) => `g${i % 25}`);
  time("ols, 500 x 6, x100", () => {
    for (let r = 0; r < 100; r++) sink += ols(design, yN).rss;
  });
  time("logistic glm, 500 x 6, x100", () => {
    for (let r = 0; r < 100; r++) sink += glm(design, yB, "binomial").deviance;
  });
  time("negative binomial glm, 500 x 6, x10", () => {
    for (let r = 0; r < 10; r++) sink += glmNegativeBinomial(design, yC).theta;
  });
  time("random-intercept lmm, 500 x 6, 25 groups, x10", () => {
    for (let r = 0; r < 10; r++) sink += lmmRandomIntercept(design, yN, groups).theta;
  });
  if (Number.isNaN(sink)) process.stdout.write("(NaN sink)\n");
}
