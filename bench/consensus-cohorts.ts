/**
 * The consensus checks of docs/DA.md ("Consensus on cohorts of 65"): 10 simulated cohorts of 65
 * (35 users) per design, every default DA method (LinDA, ANCOM-BC, ALDEx2, MaAsLin2; Wilcoxon on
 * CLR reported but not voting, the formula has covariates), `~ kratom_use + age + sex + bmi`,
 * q < 0.1, consensus calls as consensus.ts defines them:
 * - demo: the demo effect sizes (Faecalibacterium x6, Akkermansia x8): cohorts where each is found;
 * - null: nothing planted: cohorts with any consensus call;
 * - confounded: the demo design with Methanobrevibacter x3 per 10 years of age and users 8 years
 *   older: cohorts where the consensus (adjusted) and Wilcoxon on CLR (unadjusted) call it.
 * Run: node --import tsx bench/consensus-cohorts.ts [cohorts]   (seeds 700, 701, ...)
 */
import { differentialAbundance } from "../src/core/da/differential-abundance.js";
import { isConsensusCall } from "../src/core/da/consensus.js";
import type { CohortDesign } from "../src/core/simulate/design.js";
import { kratomDemoDesign, nullDesign } from "../src/core/simulate/designs/kratom.js";
import { simulateCohort } from "../src/core/simulate/simulate-cohort.js";
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

export async function run(cohorts = 10): Promise<void> {
  for (const [name, base] of Object.entries(designs())) {
    const design = { ...base, exposedProportion: USERS / N };
    const found = new Map<string, number>();
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
      const calls = da.consensus.filter(isConsensusCall);
      if (calls.length > 0) anyCall++;
      for (const c of calls) {
        const key = `${c.taxon} ${c.direction}`;
        found.set(key, (found.get(key) ?? 0) + 1);
      }
      if (da.rows.some((r) => r.method === "wilcoxon_clr" && r.taxon === AGE_TAXON && r.q < 0.1))
        wilcoxonAge++;
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
  }
}

if (process.argv[1]?.endsWith("consensus-cohorts.ts") === true) await run(Number(process.argv[2] ?? 10));
