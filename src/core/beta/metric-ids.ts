/**
 * The beta metric IDs alone, so the CLI's help and option checks can list them without loading
 * the metrics (beta-diversity.ts has the registry).
 */
/** The beta metrics by their scikit-bio / QIIME 2 IDs. */
export const BETA_METRIC_IDS = [
  "braycurtis",
  "jaccard",
  "aitchison",
  "robust_aitchison",
  "unweighted_unifrac",
  "weighted_unifrac",
  "weighted_normalized_unifrac",
  "generalized_unifrac",
] as const;

/** One of {@link BETA_METRIC_IDS}. */
export type BetaMetricId = (typeof BETA_METRIC_IDS)[number];
