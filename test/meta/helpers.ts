// Builders for the meta-analysis tests: cohorts from a (cohort, method, taxon, estimate, se) table.
import type { CohortEstimate, CohortResults, CohortSettings } from "../../src/core/meta/cohorts.js";

export const SETTINGS: CohortSettings = {
  rank: "genus",
  daMethods: ["linda", "maaslin"],
  exposure: "kratom_use",
  reference: "non_user",
  covariates: ["age", "sex", "bmi"],
  outcomes: [],
  dose: [],
  simulated: true,
};

export function daEstimate(method: string, taxon: string, estimate: number, se: number): CohortEstimate {
  return {
    analysis: "differential_abundance",
    method,
    contrast: "kratom_useuser",
    outcome: null,
    scale: "log2 fold change",
    taxon,
    estimate,
    se,
  };
}

export function cohort(
  name: string,
  estimates: CohortEstimate[],
  settings: Partial<CohortSettings> = {},
): CohortResults {
  return {
    name,
    settingsFile: `${name}/provenance.json`,
    settings: { ...SETTINGS, ...settings },
    has: { differential_abundance: true, association: false },
    estimates,
  };
}

/** Cohorts, in first-seen order, from the fixture TSV `cohort method taxon estimate se`. */
export function cohortFromEstimates(text: string): CohortResults[] {
  const byCohort = new Map<string, CohortEstimate[]>();
  for (const line of text.trim().split("\n").slice(1)) {
    const [c, method, taxon, est, se] = line.split("\t") as [string, string, string, string, string];
    if (!byCohort.has(c)) byCohort.set(c, []);
    byCohort.get(c)!.push(daEstimate(method, taxon, Number(est), Number(se)));
  }
  return [...byCohort].map(([name, estimates]) => cohort(name, estimates));
}
