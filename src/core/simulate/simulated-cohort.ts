/**
 * The simulators' shared output: the cohort type, its options, and the feature table built from the
 * dense simulated counts (features never observed are dropped). Used by the cross-sectional
 * (simulate-cohort.ts) and the longitudinal (longitudinal-cohort.ts) simulators.
 */
import { type FeatureTable, fromDense } from "../table/feature-table.js";
import type { SampleMetadata } from "../table/metadata.js";
import type { Taxonomy } from "../table/taxonomy.js";
import type { FeatureLayout } from "./asv-split.js";
import type { Truth } from "./truth.js";

/** Number of participants and the seed. */
export interface SimulateOptions {
  n: number;
  seed: number;
}

/** A simulated study: counts, taxonomy, metadata, and the planted truth to score analyses against. */
export interface SimulatedCohort {
  table: FeatureTable;
  taxonomy: Taxonomy;
  metadata: SampleMetadata;
  truth: Truth;
}

/** The feature table of dense counts (samples x layout features), keeping only the observed features. */
export function buildTable(
  sampleIds: readonly string[],
  layout: FeatureLayout,
  counts: Float64Array,
): { table: FeatureTable; keptFeatures: number[] } {
  const nFeat = layout.featureIds.length;
  const seen = new Uint8Array(nFeat);
  for (let k = 0; k < counts.length; k++) if (counts[k] !== 0) seen[k % nFeat] = 1;
  const keptFeatures: number[] = [];
  for (let f = 0; f < nFeat; f++) if (seen[f]) keptFeatures.push(f);
  const kept = keptFeatures.length;
  const compact = new Float64Array(sampleIds.length * kept);
  for (let s = 0; s < sampleIds.length; s++) {
    for (let j = 0; j < kept; j++) compact[s * kept + j] = counts[s * nFeat + keptFeatures[j]!]!;
  }
  const featureIds = keptFeatures.map((f) => layout.featureIds[f]!);
  return { table: fromDense(sampleIds, featureIds, compact), keptFeatures };
}
