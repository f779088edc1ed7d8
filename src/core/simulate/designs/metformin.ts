/**
 * A second reference design in the same shape as the kratom one, to show the machinery is general.
 *
 * `metforminDesign()`: a cross-sectional study of 80 adults with type 2 diabetes, metformin users
 * and non-users (~half each), stool 16S-like profiles resampled from the human gut template.
 *   - Abundance shifts in users, in the directions metagenomic studies report for metformin
 *     (Forslund et al. 2015, Nature 528:262, doi:10.1038/nature15766; Wu et al. 2017, Nat Med
 *     23:850, doi:10.1038/nm.4345): Escherichia/Shigella x2.5, Akkermansia x2, and a decrease of
 *     Intestinibacter — absent from the 2011 template (named in 2014), so its family relative
 *     Peptostreptococcus (Peptostreptococcaceae) stands in, x0.5.
 *   - Prevalence shift: Akkermansia given to 30% of the users whose template lacks it.
 *   - Confounder: users are 4 years older (age ~ N(55, 10), 30-80), and age raises
 *     Methanobrevibacter as in the kratom design; antibiotics halve Bifidobacterium.
 *   - HbA1c (%, the before/after score, kept in 0-10) falls by 0.2 points in non-users and 0.8 more
 *     in users, plus 0.1 per doubling of Akkermansia; GI side effects (diarrhoea, bloating) have
 *     log-odds +1.2 in users and +0.4 per doubling of Escherichia/Shigella; nausea 15% vs 5%.
 *   - Dose: median 1.5 g/day, 14 doses/week, users only.
 * Effect sizes are illustrative, not estimates from metformin studies.
 */
import { COVARIATE_DICTIONARY, type DataDictionaryEntry, EMPTY_MISSING, yesNo } from "../data-dictionary.js";
import { type CohortDesign, type DesignColumns, type OutcomeModel, userCohortColumns } from "../design.js";
import { kratomDesign } from "./kratom.js";

export const METFORMIN_DEFAULT_N = 80;

/**
 * The metformin design's outcomes: HbA1c (%, kept in 0-10) falling by 0.2 points in non-users, 0.8
 * more in users and 0.1 per doubling of Akkermansia; GI side effects with log-odds +1.2 in users
 * and +0.4 per doubling of Escherichia/Shigella; nausea in 15% of users, 5% of non-users.
 */
const METFORMIN_OUTCOMES: readonly OutcomeModel[] = [
  {
    kind: "continuous",
    column: "hba1c_reduction",
    before: "hba1c_before",
    after: "hba1c_after",
    unit: "percentage points of HbA1c",
    min: 0,
    max: 10,
    beforeMean: 7.5,
    beforeSd: 0.9,
    changeMean: 0.2,
    exposureEffect: 0.8,
    noiseSd: 0.5,
    links: [{ taxon: "Akkermansia", effect: 0.1 }],
  },
  {
    kind: "binary",
    column: "gi_side_effects",
    intercept: -1.8,
    exposureEffect: 1.2,
    links: [{ taxon: "Escherichia/Shigella", effect: 0.4 }],
  },
  { kind: "side_effect", column: "nausea", probability: 0.05, exposedProbability: 0.15 },
];

export const METFORMIN_COLUMNS: DesignColumns = userCohortColumns("metformin_use");

/**
 * The metformin-like reference design (80 adults with type 2 diabetes; effects in the directions
 * of Forslund et al. 2015, doi:10.1038/nature15766), with optional overrides.
 */
export function metforminDesign(overrides: Partial<CohortDesign> = {}): CohortDesign {
  const shared = kratomDesign();
  const base: CohortDesign = {
    name: "metformin",
    description: "Metformin users vs non-users: gut microbiome, HbA1c, GI side effects (simulated)",
    columns: METFORMIN_COLUMNS,
    hypotheses: [
      { taxon: "Escherichia/Shigella", exposure: "metformin_use", direction: "up" },
      { taxon: "Escherichia/Shigella", outcome: "gi_side_effects", direction: "positive" },
    ],
    caveats: [
      "Metformin is prescribed for type 2 diabetes: users and non-users differ in diagnosis, disease duration and other glucose-lowering drugs, each of which can move the gut microbiome. Nobody should start, stop or change a medicine because of this report; ask the prescribing clinician.",
    ],
    exposedProportion: 0.5,
    abundanceShifts: [
      { taxon: "Escherichia/Shigella", foldChange: 2.5 },
      { taxon: "Akkermansia", foldChange: 2 },
      { taxon: "Peptostreptococcus", foldChange: 0.5 },
    ],
    prevalenceShifts: [{ taxon: "Akkermansia", probability: 0.3 }],
    covariates: {
      ...shared.covariates,
      age: { mean: 55, sd: 10, min: 30, max: 80, exposedShift: 4, digits: 0 },
      bmi: { mean: 30, sd: 5, min: 18, max: 55, exposedShift: 0, digits: 1 },
      sex: { probability: 0.45, exposedProbability: 0.45 },
    },
    covariateEffects: shared.covariateEffects,
    outcomes: METFORMIN_OUTCOMES,
    dose: { gramsMedian: 1.5, gramsSdLog: 0.3, perWeekMedian: 14, perWeekSdLog: 0.2, perWeekMax: 21 },
    sequencing: shared.sequencing,
    excludeTaxa: shared.excludeTaxa,
  };
  return { ...base, ...overrides };
}

/** The metformin design with effects visible at n = 80 (Escherichia/Shigella x6, Akkermansia x6). */
export function metforminDemoDesign(): CohortDesign {
  return metforminDesign({
    description: "Metformin users vs non-users, demo effect sizes (simulated)",
    abundanceShifts: [
      { taxon: "Escherichia/Shigella", foldChange: 6 },
      { taxon: "Akkermansia", foldChange: 6 },
      { taxon: "Peptostreptococcus", foldChange: 0.2 },
    ],
  });
}

/** The metformin questionnaire: the simulator writes exactly these columns, in this order. */
export const metforminDataDictionary = {
  metformin_use: {
    description: "Current metformin use, daily for at least the last 3 months",
    type: "categorical",
    levels: ["non_user", "user"],
    missing: EMPTY_MISSING,
  },
  dose_g_per_day: {
    description: "Prescribed metformin dose per day; 0 for non-users",
    type: "numeric",
    unit: "g/day",
    min: 0,
    max: 6,
    missing: EMPTY_MISSING,
  },
  doses_per_week: {
    description: "Number of metformin doses taken in a usual week; 0 for non-users",
    type: "numeric",
    unit: "doses/week",
    min: 0,
    max: 21,
    missing: EMPTY_MISSING,
  },
  hba1c_before: {
    description: "HbA1c at enrolment",
    type: "numeric",
    unit: "% (DCCT)",
    min: 0,
    max: 10,
    missing: EMPTY_MISSING,
  },
  hba1c_after: {
    description: "HbA1c 3 months after enrolment",
    type: "numeric",
    unit: "% (DCCT)",
    min: 0,
    max: 10,
    missing: EMPTY_MISSING,
  },
  hba1c_reduction: {
    description: "hba1c_before - hba1c_after; positive = HbA1c went down",
    type: "numeric",
    unit: "percentage points",
    min: -10,
    max: 10,
    missing: "empty when either HbA1c value is missing",
  },
  gi_side_effects: yesNo("Diarrhoea, bloating or abdominal pain in the last 4 weeks (self-reported)"),
  nausea: yesNo("Nausea in the last 4 weeks (side effect)"),
  ...COVARIATE_DICTIONARY,
} as const satisfies Record<string, DataDictionaryEntry>;
