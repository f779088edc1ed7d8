/**
 * The reference designs of gutresponse.
 *
 * `kratomDesign()`: a cross-sectional study of 65 adults, kratom (Mitragyna speciosa) users and
 * non-users (~half each), stool 16S-like profiles resampled from the human gut template.
 *   - Abundance shifts in users: Faecalibacterium x2 (log2 FC 1), Akkermansia x3 (log2 FC 1.58).
 *   - Prevalence shift in users: Akkermansia given to half of the users whose template lacks it.
 *   - Confounder: users are 8 years older on average (age ~ N(38, 11) in non-users, 18-75), and
 *     age raises Methanobrevibacter x1.5 per 10 years (centred at 40) - an exposure-taxon
 *     association that is not caused by exposure; adjusting for age removes it.
 *   - Antibiotics in the last 3 months (10%, both groups) halve Bifidobacterium (not a confounder).
 *   - Pain relief (0-10 scale) rises by 0.8 points per doubling of Faecalibacterium, plus 1.0 point
 *     in users; constipation log-odds rise by 0.5 per doubling of Clostridium, plus 1.0 in users.
 *   - Nausea: 20% of users, 5% of non-users. Dose: median 4 g/day, 10 doses/week, users only.
 *   - Depth log-normal, median 30,000 reads, sd(log) 0.35, at least 5,000; 1-3 ASVs per genus.
 *   - The template's `unassigned` reads (not placed on any genome of the shotgun reference) are
 *     excluded: a 16S classifier places most reads at some rank, and keeping them would make one
 *     feature half of every sample.
 * Effect sizes are illustrative, not estimates from kratom studies.
 *
 * `nullDesign()`: the same cohort with nothing planted: no abundance or prevalence shifts, no
 * covariate effects on taxa, no confounding, outcomes independent of taxa and exposure.
 *
 * `kratomLongitudinalDesign()`: each participant sampled before starting kratom and after
 * (longitudinal-cohort.ts), the kratom design's shifts at the follow-up visit, visit-to-visit
 * perturbation sd(log) 0.5 per taxon; no outcomes.
 *
 * Overrides replace top-level fields (shallow): `kratomDesign({ abundanceShifts: [] })`.
 *
 * `kratomDataDictionary`: the kratom questionnaire (metadata.tsv columns, in the simulator's order).
 */
import { COVARIATE_DICTIONARY, type DataDictionaryEntry, EMPTY_MISSING, yesNo } from "../data-dictionary.js";
import { type CohortDesign, type DesignColumns, type OutcomeModel, userCohortColumns } from "../design.js";

/** Participants of the kratom reference study. */
export const KRATOM_DEFAULT_N = 65;

/**
 * The kratom design's outcomes: pain relief (0-10 scale before and after a dose) rising by 0.8
 * points per doubling of Faecalibacterium and 1.0 point in users; constipation log-odds rising by
 * 0.5 per doubling of Clostridium and 1.0 in users; nausea in 20% of users, 5% of non-users.
 */
const KRATOM_OUTCOMES: readonly OutcomeModel[] = [
  {
    kind: "continuous",
    column: "pain_relief",
    before: "pain_before",
    after: "pain_after",
    unit: "points on the 0-10 pain scale",
    min: 0,
    max: 10,
    beforeMean: 6,
    beforeSd: 1.5,
    changeMean: 1.5,
    exposureEffect: 1,
    noiseSd: 1.2,
    links: [{ taxon: "Faecalibacterium", effect: 0.8 }],
  },
  {
    kind: "binary",
    column: "constipation",
    intercept: -1.5,
    exposureEffect: 1,
    links: [{ taxon: "Clostridium", effect: 0.5 }],
  },
  { kind: "side_effect", column: "nausea", probability: 0.05, exposedProbability: 0.2 },
];

/** The columns of the kratom questionnaire the simulator writes besides its outcomes'. */
export const KRATOM_COLUMNS: DesignColumns = userCohortColumns("kratom_use");

/**
 * The pre-registered hypotheses of the kratom design (stated before any cohort is simulated): the
 * reference study's two headline links, tested alone with Holm across the two.
 */
export const KRATOM_HYPOTHESES = [
  { taxon: "Clostridium", outcome: "constipation", direction: "positive" },
  { taxon: "Faecalibacterium", exposure: "kratom_use", direction: "up" },
] as const;

/** What every kratom report adds to the generic caveats (study.yaml `caveats:`). */
export const KRATOM_CAVEATS = [
  "Kratom (Mitragyna speciosa) products are unregulated and vary in alkaloid content and purity; anyone using or stopping kratom, or considering a change in use, should consult a clinician.",
] as const;

/**
 * The kratom reference design with realistic effects (module header lists them), with optional
 * overrides of any field.
 */
export function kratomDesign(overrides: Partial<CohortDesign> = {}): CohortDesign {
  const base: CohortDesign = {
    name: "kratom",
    description: "Kratom users vs non-users: gut microbiome, pain relief, constipation (simulated)",
    columns: KRATOM_COLUMNS,
    hypotheses: KRATOM_HYPOTHESES,
    caveats: KRATOM_CAVEATS,
    exposedProportion: 0.5,
    abundanceShifts: [
      { taxon: "Faecalibacterium", foldChange: 2 },
      { taxon: "Akkermansia", foldChange: 3 },
    ],
    prevalenceShifts: [{ taxon: "Akkermansia", probability: 0.5 }],
    covariates: {
      age: { mean: 38, sd: 11, min: 18, max: 75, exposedShift: 8, digits: 0 },
      bmi: { mean: 26, sd: 4.5, min: 16, max: 50, exposedShift: 0, digits: 1 },
      sex: { probability: 0.5, exposedProbability: 0.5 },
      antibiotics: { probability: 0.1, exposedProbability: 0.1 },
      probiotic: { probability: 0.15, exposedProbability: 0.15 },
      diet: {
        levels: ["omnivore", "vegetarian", "vegan"],
        probabilities: [0.8, 0.15, 0.05],
        exposedProbabilities: [0.8, 0.15, 0.05],
      },
    },
    covariateEffects: [
      { covariate: "age", taxon: "Methanobrevibacter", foldChange: 1.5, per: 10, center: 40 },
      { covariate: "antibiotics_3mo", taxon: "Bifidobacterium", foldChange: 0.5, per: 1, center: 0 },
    ],
    outcomes: KRATOM_OUTCOMES,
    dose: { gramsMedian: 4, gramsSdLog: 0.6, perWeekMedian: 10, perWeekSdLog: 0.5, perWeekMax: 35 },
    sequencing: { depthMedian: 30_000, depthSdLog: 0.35, minDepth: 5_000, asvsPerTaxon: 3 },
    excludeTaxa: ["unassigned"],
  };
  return { ...base, ...overrides };
}

/** The kratom design with nothing planted: taxa, exposure and outcomes independent (for FDP checks). */
export function nullDesign(overrides: Partial<CohortDesign> = {}): CohortDesign {
  const k = kratomDesign();
  return {
    ...k,
    name: "null",
    description: "Null cohort: nothing planted; taxa, exposure and outcomes independent (simulated)",
    abundanceShifts: [],
    prevalenceShifts: [],
    covariates: { ...k.covariates, age: { ...k.covariates.age, exposedShift: 0 } },
    covariateEffects: [],
    outcomes: k.outcomes.map((o) =>
      o.kind === "side_effect"
        ? { ...o, exposedProbability: o.probability }
        : { ...o, exposureEffect: 0, links: [] },
    ),
    ...overrides,
  };
}

/**
 * The design of `gutresponse demo`: the kratom design with effects large enough to be visible in a
 * 65-person cohort after FDR control across ~250 genera (Faecalibacterium x6, Akkermansia x8,
 * constipation +1.5 log-odds per doubling of Clostridium). The reference design's effects are
 * realistic and mostly invisible at n = 65 — that is what `gutresponse power` is for.
 */
export function kratomDemoDesign(): CohortDesign {
  const k = kratomDesign();
  return kratomDesign({
    description: "Kratom users vs non-users, demo effect sizes (simulated)",
    abundanceShifts: [
      { taxon: "Faecalibacterium", foldChange: 6 },
      { taxon: "Akkermansia", foldChange: 8 },
    ],
    outcomes: k.outcomes.map((o) =>
      o.kind === "binary" ? { ...o, links: [{ taxon: "Clostridium", effect: 1.5 }] } : o,
    ),
  });
}

export function kratomLongitudinalDesign(overrides: Partial<CohortDesign> = {}): CohortDesign {
  return kratomDesign({
    name: "kratom-longitudinal",
    description: "Kratom users sampled before and after starting: gut microbiome (simulated, paired)",
    visits: { perturbationSdLog: 0.5 },
    ...overrides,
  });
}

/** The kratom questionnaire: the simulator writes exactly these columns, in this order. */
export const kratomDataDictionary = {
  kratom_use: {
    description: "Current kratom (Mitragyna speciosa) use, at least weekly in the last 3 months",
    type: "categorical",
    levels: ["non_user", "user"],
    missing: EMPTY_MISSING,
  },
  dose_g_per_day: {
    description: "Usual kratom leaf dose on a day of use; 0 for non-users",
    type: "numeric",
    unit: "g/day",
    min: 0,
    max: 100,
    missing: EMPTY_MISSING,
  },
  doses_per_week: {
    description: "Number of kratom doses taken in a usual week; 0 for non-users",
    type: "numeric",
    unit: "doses/week",
    min: 0,
    max: 70,
    missing: EMPTY_MISSING,
  },
  pain_before: {
    description:
      "Pain intensity before the usual dose (or at the start of the day for non-users), 0-10 numeric rating scale",
    type: "numeric",
    unit: "points (0 = no pain, 10 = worst imaginable)",
    min: 0,
    max: 10,
    missing: EMPTY_MISSING,
  },
  pain_after: {
    description: "Pain intensity 2 hours after the usual dose (or 2 hours later for non-users), 0-10 scale",
    type: "numeric",
    unit: "points (0-10)",
    min: 0,
    max: 10,
    missing: EMPTY_MISSING,
  },
  pain_relief: {
    description: "pain_before - pain_after; positive = pain went down",
    type: "numeric",
    unit: "points",
    min: -10,
    max: 10,
    missing: "empty when either pain score is missing",
  },
  constipation: yesNo("Constipation in the last 4 weeks (self-reported, Rome IV-like questions)"),
  nausea: yesNo("Nausea in the last 4 weeks (side effect)"),
  ...COVARIATE_DICTIONARY,
} as const satisfies Record<string, DataDictionaryEntry>;

/** A column of the kratom questionnaire. */
export type KratomColumn = keyof typeof kratomDataDictionary;

/** The longitudinal kratom questionnaire: the columns `kratomLongitudinalDesign()` cohorts carry. */
export const kratomLongitudinalDataDictionary = {
  subject_id: {
    description: "Participant ID: both visits of one person share it (the random-effect grouping)",
    type: "categorical",
    missing: "never missing",
  },
  visit: {
    description: "Sampling visit: before starting kratom, and at follow-up",
    type: "categorical",
    levels: ["baseline", "follow_up"],
    missing: "never missing",
  },
  kratom_use: kratomDataDictionary.kratom_use,
  age: COVARIATE_DICTIONARY.age,
  sex: COVARIATE_DICTIONARY.sex,
  bmi: COVARIATE_DICTIONARY.bmi,
} as const satisfies Record<string, DataDictionaryEntry>;
