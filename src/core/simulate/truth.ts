/**
 * The planted truth of a simulated cohort, returned beside the data (and written as truth.json by
 * the CLI), so that every analysis can be scored: which taxa were shifted and by how much, which
 * covariates confound, which taxa drive which outcome. Plain serialisable data.
 */
import type { CovariateEffect, CovariateName } from "./design.js";

/** A planted abundance shift as realised: fold change (and log2) and the table features of the taxon. */
export interface TruthAbundanceShift {
  taxon: string;
  foldChange: number;
  log2FoldChange: number;
  /** Feature IDs of the taxon present in the simulated table. */
  features: string[];
}

/**
 * A planted prevalence shift as realised: probability and how many exposed participants were given the taxon.
 */
export interface TruthPrevalenceShift {
  taxon: string;
  probability: number;
  /** Exposed participants whose template lacked the taxon and who were given it. */
  participantsGiven: number;
  features: string[];
}

/** A covariate effect with the table features of its taxon. */
export interface TruthCovariateEffect extends CovariateEffect {
  features: string[];
}

/** A covariate that differs between groups and moves taxa: the taxa, and its realised means per group. */
export interface TruthConfounder {
  covariate: CovariateName;
  /** For diet: the level whose share differs between groups and moves the taxa. */
  level?: string;
  /** Taxa the covariate moves. */
  taxa: string[];
  /** Realised means (share of yes / of the level for binary and diet) in exposed and reference groups. */
  meanExposed: number;
  meanReference: number;
}

/**
 * A planted taxon → outcome link: effect per doubling, its scale, and the log2 abundance where it contributes
 * 0.
 */
export interface TruthOutcomeLink {
  outcome: string;
  taxon: string;
  effect: number;
  scale: string;
  /** Log2 relative abundance at which the link contributes 0 (template median). */
  center: number;
  features: string[];
}

/** The direct effect of exposure on an outcome, on the outcome's scale. */
export interface TruthExposureEffect {
  outcome: string;
  effect: number;
  scale: string;
}

/**
 * The planted truth of a simulated cohort (truth.json): design, seed, n, template, exposure and every planted
 * effect.
 */
export interface Truth {
  design: string;
  seed: number;
  n: number;
  template: { source: string; samples: number; taxa: number; excluded: string[] };
  exposure: {
    column: string;
    reference: string;
    exposed: string;
    nExposed: number;
    nReference: number;
  };
  abundanceShifts: TruthAbundanceShift[];
  prevalenceShifts: TruthPrevalenceShift[];
  covariateEffects: TruthCovariateEffect[];
  confounders: TruthConfounder[];
  outcomeLinks: TruthOutcomeLink[];
  exposureEffects: TruthExposureEffect[];
  /** Template sample each participant was drawn from, in sample order. */
  templateSamples: string[];
  notes: string[];
}
