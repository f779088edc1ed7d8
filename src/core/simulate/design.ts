/**
 * CohortDesign: everything the cohort simulator needs to know, as plain data (serialisable except
 * an optional custom template). Effects follow signal implantation (Wirbel et al. 2024, Genome
 * Biol 25:31, doi:10.1186/s13059-024-03169-z): real template profiles are resampled and changed
 * only where the design says so, so the truth is known exactly.
 *
 * Scales:
 * - abundance shift: fold change multiplying the taxon's relative abundance in exposed
 *   participants, before renormalisation to sum 1. After renormalisation the ratio of the taxon to
 *   any unplanted taxon changes by exactly this factor (the relative abundance itself by slightly
 *   less: a -> f a / (1 + (f - 1) a)).
 * - prevalence shift: probability that an exposed participant whose template lacks the taxon gets
 *   it, at the abundance of a random template carrier.
 * - covariate effect: relative abundance x foldChange^((x - center) / per); binary covariates enter
 *   as x = 1 for yes (female for sex), 0 otherwise; diet as x = 1 for the effect's level.
 * - outcome links: effect per doubling of the taxon's true relative abundance (log2, floored at
 *   LOG_ABUNDANCE_FLOOR), centred at the template median; on the score scale for a continuous
 *   outcome and the log-odds scale for a binary one.
 * Outcomes are a list of generic kinds (a before/after score, a logistic yes/no outcome, a yes/no
 * side effect), each named by the design's own column; the design modules (designs/) supply the
 * names and numbers.
 */
import type { Template } from "./template.js";

/**
 * A planted shift in exposed participants: the taxon's relative abundance multiplied by `foldChange` before
 * renormalisation.
 */
export interface AbundanceShift {
  taxon: string;
  foldChange: number;
}

/** A planted prevalence shift: exposed participants lacking the taxon gain it with this probability. */
export interface PrevalenceShift {
  taxon: string;
  /** Probability, per exposed participant lacking the taxon, of acquiring it. */
  probability: number;
}

/** A normal covariate truncated to [min, max] (by redrawing), rounded to `digits` decimals. */
export interface NumericCovariate {
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** Added to the mean in exposed participants (a confounder when the covariate also moves a taxon). */
  exposedShift: number;
  digits: number;
}

/** P(yes) in non-exposed and exposed participants. */
export interface BinaryCovariate {
  probability: number;
  exposedProbability: number;
}

/** How the host covariates are drawn, in non-exposed and exposed participants (shifts make confounders). */
export interface CovariateModel {
  age: NumericCovariate;
  bmi: NumericCovariate;
  /** P(female). */
  sex: BinaryCovariate;
  antibiotics: BinaryCovariate;
  probiotic: BinaryCovariate;
  /** Diet level probabilities in non-exposed and exposed participants. */
  diet: { levels: string[]; probabilities: number[]; exposedProbabilities: number[] };
}

/** A simulated covariate column. */
export type CovariateName = "age" | "bmi" | "sex" | "antibiotics_3mo" | "probiotic" | "diet";

/** A covariate's effect on a taxon: relative abundance × foldChange^((x − center) / per). */
export interface CovariateEffect {
  covariate: CovariateName;
  /** For diet: the level that moves the taxon (x = 1 for it, 0 otherwise). */
  level?: string;
  taxon: string;
  foldChange: number;
  /** Units of the covariate per application of foldChange (e.g. 10 years); 1 for binary ones. */
  per: number;
  /** Covariate value with no effect (e.g. age 40); 0 for binary ones. */
  center: number;
}

/**
 * A planted taxon → outcome link: the outcome's change per doubling of the taxon's true relative abundance.
 */
export interface TaxonLink {
  taxon: string;
  /** Per doubling of the taxon's true relative abundance. */
  effect: number;
}

/**
 * A continuous outcome measured before and after (a symptom or lab score): before ~
 * N(beforeMean, beforeSd) truncated to [min, max], after = before - change* clamped to [min, max],
 * change* = changeMean + exposureEffect * exposed + sum links + N(0, noiseSd); the outcome column
 * is before - after.
 */
export interface ContinuousOutcome {
  kind: "continuous";
  /** Column of the change, before - after (the study's outcome). */
  column: string;
  /** Columns of the score before and after. */
  before: string;
  after: string;
  /** Unit of the score, e.g. "points on the 0-10 pain scale" (truth.json wording). */
  unit: string;
  /** Range of the score (values are clamped to it). */
  min: number;
  max: number;
  beforeMean: number;
  beforeSd: number;
  /** Mean change at the template median of linked taxa, in non-exposed participants. */
  changeMean: number;
  exposureEffect: number;
  noiseSd: number;
  links: TaxonLink[];
}

/** A yes/no outcome, logistic: logit P(yes) = intercept + exposureEffect * exposed + sum links. */
export interface BinaryOutcome {
  kind: "binary";
  /** Column, levels no/yes. */
  column: string;
  intercept: number;
  exposureEffect: number;
  links: TaxonLink[];
}

/**
 * A yes/no side effect no taxon moves: P(yes) in non-exposed and exposed participants. Written to
 * the metadata; not a study outcome.
 */
export interface SideEffectOutcome extends BinaryCovariate {
  kind: "side_effect";
  /** Column, levels no/yes. */
  column: string;
}

/** One host outcome of a design; the simulator draws them in list order. */
export type OutcomeModel = ContinuousOutcome | BinaryOutcome | SideEffectOutcome;

/** An outcome whose value taxa move (continuous or binary): the kinds a study analyses. */
export type LinkedOutcome = ContinuousOutcome | BinaryOutcome;

/** Exposed participants only (0 for the others): log-normal amount per day and doses per week. */
export interface DoseModel {
  gramsMedian: number;
  gramsSdLog: number;
  perWeekMedian: number;
  perWeekSdLog: number;
  perWeekMax: number;
}

/** How reads are drawn: log-normal depth with a floor, and how many ASVs each taxon is split into. */
export interface SequencingModel {
  /** Log-normal read depth: median and sd of log depth, floored at minDepth. */
  depthMedian: number;
  depthSdLog: number;
  minDepth: number;
  /** Each taxon is split into 1..asvsPerTaxon ASVs (1 = one feature per taxon). */
  asvsPerTaxon: number;
}

/** The exposure and dose columns a design writes (its outcomes name their own columns). */
export interface DesignColumns {
  /** Exposure column with its reference (non-exposed) and exposed levels. */
  exposure: string;
  reference: string;
  exposed: string;
  /** Dose per day of use (DoseModel.gramsMedian, grams) and doses per week; 0 if not exposed. */
  dosePerDay: string;
  dosesPerWeek: string;
}

/**
 * The columns of a users-vs-non-users design: `exposure` with levels non_user (reference) and user,
 * and dose columns dose_g_per_day and doses_per_week.
 */
export function userCohortColumns(exposure: string): DesignColumns {
  return {
    exposure,
    reference: "non_user",
    exposed: "user",
    dosePerDay: "dose_g_per_day",
    dosesPerWeek: "doses_per_week",
  };
}

/** The outcomes taxa move (continuous and binary), in the design's order. */
export function linkedOutcomes(design: Pick<CohortDesign, "outcomes">): LinkedOutcome[] {
  return design.outcomes.filter((o): o is LinkedOutcome => o.kind !== "side_effect");
}

/**
 * The study.yaml `outcomes:` entries of a design: its continuous and binary outcomes in order
 * (binary ones with positive level "yes"); side effects are not analysed.
 */
export function studyOutcomes(
  design: Pick<CohortDesign, "outcomes">,
): ({ column: string; type: "continuous" } | { column: string; type: "binary"; positive: "yes" })[] {
  return linkedOutcomes(design).map((o) =>
    o.kind === "continuous"
      ? { column: o.column, type: "continuous" as const }
      : { column: o.column, type: "binary" as const, positive: "yes" as const },
  );
}

/** A pre-registered hypothesis of a design, in study.yaml's `hypotheses:` form. */
export interface DesignHypothesis {
  taxon: string;
  outcome?: string;
  exposure?: string;
  direction: "up" | "down" | "positive" | "negative";
}

/**
 * Everything the cohort simulator needs, as plain data: columns, planted effects, covariates and
 * confounders, outcome models, sequencing depth, template and (optionally) visits. Effects follow
 * signal implantation (Wirbel et al. 2024, Genome Biol 25:31, doi:10.1186/s13059-024-03169-z).
 */
export interface CohortDesign {
  name: string;
  description: string;
  /** Column names and levels the cohort is written with. */
  columns: DesignColumns;
  /** Pre-registered hypotheses written into the simulated study.yaml (stated before any data). */
  hypotheses: readonly DesignHypothesis[];
  /** Study-specific caveats written into the simulated study.yaml (`caveats:`), e.g. about the drug. */
  caveats: readonly string[];
  /** Share of participants who are exposed; assigned exactly, round(n * share). */
  exposedProportion: number;
  abundanceShifts: AbundanceShift[];
  prevalenceShifts: PrevalenceShift[];
  covariates: CovariateModel;
  covariateEffects: CovariateEffect[];
  /** Host outcomes, drawn in this order (outcomes.ts). */
  outcomes: readonly OutcomeModel[];
  /** Dose of the exposure (exposed participants only). */
  dose: DoseModel;
  sequencing: SequencingModel;
  /** Template taxa removed before resampling (profiles renormalised). */
  excludeTaxa: string[];
  /** Template profiles; the shipped human gut template when absent. */
  template?: Template;
  /**
   * How participants get their template profile (simulate-cohort.ts): `"with_replacement"` (the
   * default) an independent uniform draw per participant, so profiles repeat even below the template's
   * size; `"balanced"` concatenated random permutations of all profiles, so no profile repeats while
   * n <= the number of profiles and each is used floor(n / T) or ceil(n / T) times above it.
   */
  templateDraw?: "with_replacement" | "balanced";
  /** Repeated measures: each participant sampled before and after starting (longitudinal-cohort.ts). */
  visits?: VisitModel;
}

/** Two visits per participant: baseline (not exposed) and follow-up (exposed). */
export interface VisitModel {
  /** sd of the per-taxon log-normal perturbation of the person's profile at each visit. */
  perturbationSdLog: number;
}

/** Relative abundances below this are treated as this in outcome links (log2 scale). */
export const LOG_ABUNDANCE_FLOOR = 1e-5;
