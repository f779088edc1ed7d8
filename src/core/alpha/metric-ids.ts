/**
 * The alpha metric IDs alone, so the CLI's help and option checks can list them without loading
 * the metrics (alpha-diversity.ts has the registry).
 */
/** The alpha metrics by their scikit-bio / QIIME 2 IDs. */
export const ALPHA_METRIC_IDS = [
  "observed_features",
  "shannon",
  "simpson",
  "inverse_simpson",
  "chao1",
  "pielou_e",
  "goods_coverage",
  "faith_pd",
] as const;

/** One of {@link ALPHA_METRIC_IDS}. */
export type AlphaMetricId = (typeof ALPHA_METRIC_IDS)[number];
