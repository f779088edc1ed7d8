/**
 * The consensus checks of docs/DA.md ("Consensus on cohorts of 65"): 10 simulated cohorts of 65
 * (35 users) per design, every default DA method (LinDA, ANCOM-BC, ALDEx2, MaAsLin2; Wilcoxon on
 * CLR reported but not voting, the formula has covariates), `~ kratom_use + age + sex + bmi`,
 * q < 0.1, consensus calls as consensus.ts defines them:
 * - demo: the demo effect sizes (Faecalibacterium x6, Akkermansia x8): cohorts where each is found,
 *   and per planted taxon how many cohorts each method calls it in and, per cohort, how many of the
 *   four voting methods call it (`--detail` prints every method's log2 FC and q per cohort);
 * - null: nothing planted: cohorts with any consensus call;
 * - confounded: the demo design with Methanobrevibacter x3 per 10 years of age and users 8 years
 *   older: cohorts where the consensus (adjusted) and Wilcoxon on CLR (unadjusted) call it.
 * Then an oracle bound (`oraclePower`): the power of a t test on the TRUE relative abundances.
 * Run: node --import tsx bench/consensus-cohorts.ts [--cohorts 10] [--detail] [--oracle-only m]
 * (seeds 700, 701, ...)
 */
import { parseArgs } from "node:util";
import { isConsensusCall } from "../src/core/da/consensus.js";
import { differentialAbundance } from "../src/core/da/differential-abundance.js";
import { createRng } from "../src/core/random/rng.js";
import type { CohortDesign } from "../src/core/simulate/design.js";
import { kratomDemoDesign, nullDesign } from "../src/core/simulate/designs/kratom.js";
import { simulateCohort } from "../src/core/simulate/simulate-cohort.js";
import { excludeTemplateTaxa, gutTemplate, templateTaxonIndex } from "../src/core/simulate/template.js";
import { ols } from "../src/core/stats/ols.js";
import { collapseToRank } from "../src/core/table/collapse.js";

const USERS = 35;
const N = 65;
const AGE_TAXON = "Methanobrevibacter";

function designs(): Record<string, CohortDesign> {
  const demo = kratomDemoDesign();
  return {
    demo,
    null: nullDesign(),
    confounded: {
      ...demo,
      covariateEffects: [{ covariate: "age", taxon: AGE_TAXON, foldChange: 3, per: 10, center: 40 }],
    },
  };
}

export async function run(cohorts = 10, detail = false): Promise<void> {
  const taxaTested: number[] = [];
  for (const [name, base] of Object.entries(designs())) {
    const design = { ...base, exposedProportion: USERS / N };
    const planted = design.abundanceShifts.map((s) => s.taxon);
    const found = new Map<string, number>();
    const byMethod = new Map<string, number>();
    const votes = new Map<string, number[]>(planted.map((t) => [t, []]));
    let anyCall = 0;
    let wilcoxonAge = 0;
    const t0 = performance.now();
    for (let k = 0; k < cohorts; k++) {
      const cohort = simulateCohort(design, { n: N, seed: 700 + k });
      const table = collapseToRank(cohort.table, cohort.taxonomy, "genus").table;
      const da = differentialAbundance(table, cohort.metadata, {
        formula: "~ kratom_use + age + sex + bmi",
        term: "kratom_use",
        reference: "non_user",
        fdr: 0.1,
        minPrevalence: 0.1,
        seed: k,
      });
      taxaTested.push(da.taxaTested);
      const calls = da.consensus.filter(isConsensusCall);
      if (calls.length > 0) anyCall++;
      for (const c of calls) {
        const key = `${c.taxon} ${c.direction}`;
        found.set(key, (found.get(key) ?? 0) + 1);
      }
      if (da.rows.some((r) => r.method === "wilcoxon_clr" && r.taxon === AGE_TAXON && r.q < 0.1))
        wilcoxonAge++;
      for (const taxon of planted) {
        const rows = da.rows.filter((r) => r.taxon === taxon);
        for (const r of rows.filter((r) => r.q < 0.1 && r.log2_fold_change > 0)) {
          const key = `${taxon} ${r.method}`;
          byMethod.set(key, (byMethod.get(key) ?? 0) + 1);
        }
        votes.get(taxon)!.push(da.consensus.find((c) => c.taxon === taxon)?.methods_significant ?? 0);
        if (detail) {
          const cells = rows.map((r) => `${r.method} ${r.log2_fold_change.toFixed(2)} q ${r.q.toFixed(3)}`);
          process.stdout.write(`  ${name} seed ${700 + k} ${taxon}: ${cells.join(" | ")}\n`);
        }
      }
    }
    const list = [...found].sort((a, b) => b[1] - a[1]).map(([t, c]) => `${t} ${c}/${cohorts}`);
    process.stdout.write(
      `${name} (${cohorts} cohorts of ${N}, ${USERS} users, ${((performance.now() - t0) / cohorts / 1000).toFixed(1)} s each): ` +
        `cohorts with a consensus call ${anyCall}/${cohorts}; consensus calls: ${list.join(", ") || "none"}` +
        (name === "confounded"
          ? `; wilcoxon_clr (unadjusted) calls ${AGE_TAXON} in ${wilcoxonAge}/${cohorts}`
          : "") +
        "\n",
    );
    for (const taxon of planted) {
      const methods = [...byMethod].filter(([key]) => key.startsWith(`${taxon} `));
      process.stdout.write(
        `  ${taxon} up at q < 0.1 by method: ${methods.map(([key, c]) => `${key.slice(taxon.length + 1)} ${c}/${cohorts}`).join(", ") || "none"}; ` +
          `voting methods calling it per cohort: ${votes.get(taxon)!.join(" ")}\n`,
      );
    }
  }
  const m = taxaTested.sort((a, b) => a - b)[taxaTested.length >> 1]!;
  oraclePower("Akkermansia", m);
}

/**
 * Oracle power: the share of 2,000 draws in which a pooled t test of log2(a_taxon / a_rest) on the
 * TRUE relative abundances (template profiles drawn as the simulator draws them, the fold change
 * applied to the users' profiles, no sequencing, the template's non-carriers left out, no
 * covariates) has p below the Benjamini-Hochberg threshold 0.1 x 2 / m of the second-ranked of m
 * genera (Faecalibacterium being the first). Every DA method sees less than this (reads, zeros,
 * covariates), so it bounds their power from above.
 */
function oraclePower(taxon: string, m: number): void {
  const template = excludeTemplateTaxa(gutTemplate(), kratomDemoDesign().excludeTaxa);
  const nTaxa = template.taxa.length;
  const samples = template.sampleIds.length;
  const j = templateTaxonIndex(template, taxon, "oracle");
  const f = templateTaxonIndex(template, "Faecalibacterium", "oracle");
  const logRatio = Array.from({ length: samples }, (_, s) => {
    const a = template.profiles[s * nTaxa + j]!;
    return a > 0 ? Math.log2(a / (1 - a - template.profiles[s * nTaxa + f]!)) : Number.NaN;
  });
  const rng = createRng(1);
  const draws = 2000;
  const cells: string[] = [];
  for (const [n, users, fold] of [
    [65, 35, 8],
    [65, 35, 16],
    [65, 35, 24],
    [100, 50, 8],
    [150, 75, 8],
    [200, 100, 8],
  ] as const) {
    let hits = 0;
    for (let r = 0; r < draws; r++) {
      const y: number[] = [];
      const x: number[] = [];
      for (let i = 0; i < n; i++) {
        const v = logRatio[rng.int(samples)]!;
        if (Number.isNaN(v)) continue;
        const user = i < users ? 1 : 0;
        y.push(v + user * Math.log2(fold));
        x.push(1, user);
      }
      const fit = ols(
        { x: Float64Array.from(x), nRows: y.length, nCols: 2, columnNames: ["(Intercept)", "user"] },
        y,
      );
      if (fit.p[1]! < (0.1 * 2) / m) hits++;
    }
    cells.push(`n ${n} (${users} users) x${fold}: ${(hits / draws).toFixed(2)}`);
  }
  process.stdout.write(`oracle power for ${taxon} (m = ${m} genera tested): ${cells.join("; ")}\n`);
}

if (process.argv[1]?.endsWith("consensus-cohorts.ts") === true) {
  const { values } = parseArgs({
    options: {
      cohorts: { type: "string", default: "10" },
      detail: { type: "boolean", default: false },
      "oracle-only": { type: "string" },
    },
  });
  if (values["oracle-only"]) oraclePower("Akkermansia", Number(values["oracle-only"]));
  else await run(Number(values.cohorts), values.detail);
}
