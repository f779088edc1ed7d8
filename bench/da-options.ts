/**
 * Which package option calibrates LinDA and ANCOM-BC (docs/DA.md, "Does FDP <= 0.10 hold?"): on the
 * very cohorts of `bench/fdp.bench.ts` (same seeds: power.ts's task seed createRng(42).fork(n).fork(rep),
 * the cohort from its fork(0)), each method runs at its reference defaults and with the options the
 * packages offer: LinDA `winsor.quan = 0.97` (MicrobiomeStat `linda()`'s default), ANCOM-BC
 * `conserve = TRUE`, LinDA `p.adj.method = "holm"`, t p-values (`pDistribution: "t"`, a departure), both; and each at its defaults
 * on the genera with mean relative abundance >= 1e-4 (MicrobiomeStat `linda()`'s `mean.abund.filter`;
 * relative abundance over all genera of the sample, as prepare.ts reports it). Per variant: mean
 * false-discovery proportion at q < 0.1 against the planted truth (V / max(R, 1); false = a call that
 * is not a planted exposure effect with its sign) ± Monte Carlo s.e., the share of replicates with
 * a false call, power for each planted taxon and the most frequent falsely called genera. The default variants reproduce the grid's rows.
 * Run: node --import tsx bench/da-options.ts [--designs kratom,null,real] [--n 65,200,400]
 *        [--reps 100] [--template-draw balanced] [--template illumina]
 * (`real`, as in fdp.bench.ts: real-profile label shuffles, no profile reused up to n = 126.)
 */
import { parseArgs } from "node:util";
import { type AncombcOptions, ancombc } from "../src/core/da/ancombc.js";
import { type LindaOptions, linda } from "../src/core/da/linda.js";
import { type DaInput, prepareDaInput } from "../src/core/da/prepare.js";
import type { DaMethodResult } from "../src/core/da/types.js";
import { createRng } from "../src/core/random/rng.js";
import type { CohortDesign } from "../src/core/simulate/design.js";
import { kratomDesign, nullDesign } from "../src/core/simulate/designs/kratom.js";
import { plantedEffects } from "../src/core/simulate/power-replicate.js";
import { simulateCohort } from "../src/core/simulate/simulate-cohort.js";
import { gutTemplate, isIlluminaGutProfile, selectTemplateSamples } from "../src/core/simulate/template.js";
import { collapseToRank } from "../src/core/table/collapse.js";
import { adjustPValues } from "../src/core/stats/p-adjust.js";
import { subsetFeatures } from "../src/core/table/subset.js";

const FDR = 0.1;
const DESIGNS: Record<string, () => CohortDesign> = {
  kratom: kratomDesign,
  null: nullDesign,
  real: () => nullDesign({ templateDraw: "balanced", exposedProportion: 35 / 65 }),
};
/** LinDA's `p.adj.method = "holm"`: Holm instead of BH across the taxa (one term tested). */
function withHolm(result: DaMethodResult): DaMethodResult {
  const q = adjustPValues(
    result.rows.map((r) => r.p),
    "holm",
  );
  return { ...result, rows: result.rows.map((r, k) => ({ ...r, q: q[k]! })) };
}

/** MicrobiomeStat `linda(mean.abund.filter = 1e-4)`: genera below 1e-4 mean relative abundance untested. */
const MEAN_ABUNDANCE_FILTER = 1e-4;
type Variant = [string, (input: DaInput) => DaMethodResult, "filtered"?];
const VARIANTS: Variant[] = [
  ["linda (defaults)", (i) => linda(i)],
  ["linda winsor.quan 0.97", (i) => linda(i, { winsorQuantile: 0.97 } satisfies LindaOptions)],
  ["ancombc (defaults)", (i) => ancombc(i)],
  ["ancombc conserve", (i) => ancombc(i, { conserve: true } satisfies AncombcOptions)],
  ["ancombc t", (i) => ancombc(i, { pDistribution: "t" })],
  ["ancombc conserve + t", (i) => ancombc(i, { conserve: true, pDistribution: "t" })],
  ["linda p.adj.method holm", (i) => withHolm(linda(i))],
  ["linda mean.abund >= 1e-4", (i) => linda(i), "filtered"],
  ["ancombc mean.abund >= 1e-4", (i) => ancombc(i), "filtered"],
];

const { values } = parseArgs({
  options: {
    designs: { type: "string", default: "kratom,null,real" },
    n: { type: "string", default: "65,200,400" },
    reps: { type: "string", default: "100" },
    "template-draw": { type: "string" },
    template: { type: "string" },
  },
});
const reps = Number(values.reps);
for (const name of values.designs.split(",")) {
  const base = DESIGNS[name]!();
  const draw = values["template-draw"] as CohortDesign["templateDraw"];
  const design = {
    ...base,
    ...(draw ? { templateDraw: draw } : {}),
    ...(values.template === "illumina"
      ? { template: selectTemplateSamples(gutTemplate(), isIlluminaGutProfile) }
      : {}),
  };
  for (const n of values.n.split(",").map(Number)) {
    const t0 = Date.now();
    const perSize = createRng(42).fork(n);
    const fdp = VARIANTS.map(() => [] as number[]);
    const anyFalse = VARIANTS.map(() => 0);
    const hits = VARIANTS.map(() => new Map<string, number>());
    const falseTaxa = VARIANTS.map(() => new Map<string, number>());
    for (let rep = 0; rep < reps; rep++) {
      const cohort = simulateCohort(design, { n, seed: createRng(perSize.fork(rep).seed).fork(0).seed });
      const table = collapseToRank(cohort.table, cohort.taxonomy, "genus").table;
      const planted = plantedEffects(cohort.truth).filter((e) => e.kind !== "association");
      const options = {
        formula: "~ kratom_use + age + sex + bmi",
        term: "kratom_use",
        reference: "non_user",
        minPrevalence: 0.1,
      };
      const input = prepareDaInput(table, cohort.metadata, options);
      const abundant = input.taxa.filter((_, j) => input.meanRelativeAbundance[j]! >= MEAN_ABUNDANCE_FILTER);
      const filtered = prepareDaInput(subsetFeatures(table, abundant), cohort.metadata, options);
      VARIANTS.forEach(([, run, filter], v) => {
        const calls = run(filter ? filtered : input).rows.filter((r) => r.q < FDR);
        let falseCalls = 0;
        for (const r of calls) {
          const hit = planted.find(
            (e) => e.taxon === r.taxon && e.direction === Math.sign(r.log2_fold_change),
          );
          if (hit) hits[v]!.set(hit.taxon, (hits[v]!.get(hit.taxon) ?? 0) + 1);
          else {
            falseCalls++;
            falseTaxa[v]!.set(r.taxon, (falseTaxa[v]!.get(r.taxon) ?? 0) + 1);
          }
        }
        fdp[v]!.push(falseCalls / Math.max(calls.length, 1));
        if (falseCalls > 0) anyFalse[v]!++;
      });
    }
    const lines = VARIANTS.map(([label], v) => {
      const x = fdp[v]!;
      const mean = x.reduce((s, y) => s + y, 0) / reps;
      const se = Math.sqrt(x.reduce((s, y) => s + (y - mean) ** 2, 0) / (reps - 1) / reps);
      const power = [...hits[v]!].map(([taxon, k]) => `${taxon} ${(k / reps).toFixed(2)}`).join(", ");
      const top = [...falseTaxa[v]!]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([taxon, k]) => `${taxon} ${k}`)
        .join(", ");
      return `  ${label.padEnd(24)} FDP ${mean.toFixed(3)} ± ${se.toFixed(3)}  any false ${(anyFalse[v]! / reps).toFixed(2)}  power: ${power}  false: ${top}`;
    });
    const secs = ((Date.now() - t0) / 1000).toFixed(0);
    process.stdout.write(
      `${name}${draw ? ` (${draw})` : ""}${values.template ? ` (${values.template} template)` : ""} n=${n} reps=${reps} (${secs} s)\n${lines.join("\n")}\n`,
    );
  }
}
