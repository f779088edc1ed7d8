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
 *   LOG_ABUNDANCE_FLOOR), centred at the template median; on the score scale for pain relief and
 *   the log-odds scale for constipation.
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
 * How the host outcomes are drawn: a before/after score, a logistic binary outcome, a side effect and the
 * dose.
 */
export interface OutcomeModel {
  /** Pain on a 0-10 scale before and after; relief = before - after. */
  painRelief: {
    beforeMean: number;
    beforeSd: number;
    /** Mean relief at the template median of linked taxa, in non-users. */
    reliefMean: number;
    exposureEffect: number;
    noiseSd: number;
    links: TaxonLink[];
  };
  /** Logistic: logit P(yes) = intercept + exposureEffect * user + sum links. */
  constipation: { intercept: number; exposureEffect: number; links: TaxonLink[] };
  nausea: BinaryCovariate;
  /** Users only (0 for non-users): log-normal grams/day and doses/week. */
  dose: {
    gramsMedian: number;
    gramsSdLog: number;
    perWeekMedian: number;
    perWeekSdLog: number;
    perWeekMax: number;
  };
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

/**
 * The column names and levels a design writes: the simulator's models are generic (a continuous
 * before/after score, a logistic binary outcome, a side effect, a dose), each design names them.
 */
export interface DesignColumns {
  /** Exposure column with its reference (non-exposed) and exposed levels. */
  exposure: string;
  reference: string;
  exposed: string;
  /** Dose per day of use (OutcomeModel.dose.gramsMedian, grams) and doses per week; 0 if not exposed. */
  dosePerDay: string;
  dosesPerWeek: string;
  /** The continuous outcome (OutcomeModel.painRelief): score before, after, and before - after. */
  scoreBefore: string;
  scoreAfter: string;
  scoreChange: string;
  /** Unit of the score, e.g. "points on the 0-10 pain scale" (truth.json wording). */
  scoreUnit: string;
  /** The logistic binary outcome (OutcomeModel.constipation), levels no/yes. */
  binaryOutcome: string;
  /** The side effect (OutcomeModel.nausea), levels no/yes. */
  sideEffect: string;
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
  outcomes: OutcomeModel;
  sequencing: SequencingModel;
  /** Template taxa removed before resampling (profiles renormalised). */
  excludeTaxa: string[];
  /** Template profiles; the shipped human gut template when absent. */
  template?: Template;
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
