/**
 * What a power replicate scores: the planted effects a test can detect and one test family's calls
 * (shared by power-replicate.ts, which runs the tests, and power-hypotheses.ts, which scores the
 * pre-registered hypotheses).
 */

/** What kind of effect was planted: an abundance shift, a prevalence shift, or a taxon → outcome link. */
export type PlantedKind = "abundance" | "prevalence" | "association";

/** One planted effect a test can detect, with the sign a call must have. */
export interface PlantedEffect {
  /** `Faecalibacterium` for DA effects, `pain_relief ~ Faecalibacterium` for associations. */
  effect: string;
  kind: PlantedKind;
  taxon: string;
  /** The outcome of an association; null for DA effects. */
  outcome: string | null;
  /** Planted log2 fold change of an abundance shift; NaN for prevalence shifts and associations. */
  log2FoldChange: number;
  /** +1 or -1: the sign a call must have. */
  direction: number;
}

/** One test family's calls in one replicate. */
export interface ReplicateCalls {
  /** A DA method, or `model:outcome` for an outcome's association tests (`ols:pain_relief`). */
  method: string;
  /** The outcome of association tests; null for a DA method. */
  outcome: string | null;
  /** Effects (PlantedEffect.effect) detected. */
  detected: string[];
  calls: number;
  falseCalls: number;
  /** Effects this family reports power for, when not all of its outcome's (confirmatory tests). */
  scope?: string[];
}
