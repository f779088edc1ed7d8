/**
 * StudyResults: everything one study run produced, as plain serialisable objects (JSON round-trips
 * without loss). The study pipeline fills it; the report, provenance.json and the TSV writers read
 * it. It mirrors the results contract (DESIGN.md §7): row objects use the TSV column names
 * (snake_case) so a row is one TSV line; structural fields are camelCase.
 *
 * Every analysis section is optional: an analysis that did not run (no tree -> no UniFrac, no
 * outcomes -> no associations) is absent, and the reason is one of `warnings`.
 * A statistic that could not be computed is `null`, never NaN.
 */
import type { HypothesisResults } from "./hypotheses.js";
import type { DaMethodName } from "../da/types.js";

/** One input file: its role in the study, where it was read from, its checksum and size. */
export interface StudyInput {
  /** "table", "metadata", "taxonomy", "tree", "config", ... */
  role: string;
  path: string;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  /** Human-readable dimensions, e.g. "65 samples x 412 features". */
  dims: string;
}

/**
 * Provenance of a run: title, version, command, seed, timestamps, inputs with checksums, FDR threshold and
 * the config as run.
 */
export interface StudyMeta {
  title: string;
  /** gutresponse version that produced the results. */
  version: string;
  /** Command line as run, e.g. "gutresponse run study.yaml --out out". */
  command: string;
  seed: number;
  /** ISO 8601 timestamps. */
  startedAt: string;
  finishedAt: string;
  /** True when the cohort was simulated (demo, simulate): the report then says so prominently. */
  simulated: boolean;
  inputs: StudyInput[];
  /** FDR threshold: a result is called significant when q < fdr (analysis.fdr of the config). */
  fdr: number;
  /** The validated study config as run. */
  config: unknown;
}

/** Number of samples in one exposure group. */
export interface GroupSize {
  group: string;
  n: number;
}

/** Sequencing depth (reads per sample) quantiles: minimum, quartiles and maximum. */
export interface DepthQuantiles {
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
}

/**
 * The cohort at a glance: samples, features, depth, sparsity, exposure groups, analysis rank and rarefaction
 * depth.
 */
export interface StudySummary {
  nSamples: number;
  nFeatures: number;
  /** Sequencing depth (total counts per sample) quantiles, before any rarefaction. */
  depth: DepthQuantiles;
  /** Fraction of zero cells in the table, in [0, 1]. */
  sparsity: number;
  /** Exposure column and its levels (first = reference), with sample counts. */
  exposure: string;
  groups: GroupSize[];
  /** Taxonomic level the analyses ran at ("genus", "feature", ...). */
  level: string;
  /** Rarefaction depth used, or null when not rarefied. */
  rarefiedDepth: number | null;
}

/** One sample's alpha diversity values by metric ID. */
export interface AlphaValueRow {
  sampleId: string;
  group: string;
  /** metric id -> value; null when not computable for this sample. */
  values: Record<string, number | null>;
}

/** One test of an alpha metric against a design term, with p and q (null when not computable). */
export interface AlphaTestRow {
  metric: string;
  term: string;
  test: string;
  statistic: number | null;
  p: number | null;
  q: number | null;
}

/** The alpha-diversity section: metrics, per-sample values and the tests. */
export interface AlphaResults {
  metrics: string[];
  values: AlphaValueRow[];
  tests: AlphaTestRow[];
}

/**
 * The first PCoA axes for the report's ordination plot, with each sample's group and each axis's proportion
 * explained.
 */
export interface PcoaSummary {
  sampleIds: string[];
  /** Exposure group of each sample, aligned with sampleIds. */
  groups: string[];
  /** One row per sample, first three axes (fewer when fewer positive eigenvalues). */
  coordinates: number[][];
  /** Proportion of variance explained by each returned axis. */
  proportion: number[];
}

/** One row of a PERMANOVA table as written to permanova.tsv. */
export interface PermanovaTableRow {
  term: string;
  df: number;
  sum_of_squares: number;
  r2: number;
  F: number | null;
  p: number | null;
  permutations: number;
}

/** PERMDISP's F and permutation p for the exposure term. */
export interface PermdispSummary {
  term: string;
  F: number;
  p: number;
  permutations: number;
}

/** The beta-diversity section for one metric: PCoA, PERMANOVA table and PERMDISP. */
export interface BetaResult {
  /** Distance metric id ("braycurtis", "weighted_unifrac", ...). */
  metric: string;
  pcoa: PcoaSummary;
  /** Rows as vegan `adonis2` prints them, including "Residual" and "Total". */
  permanova: PermanovaTableRow[];
  permdisp?: PermdispSummary;
}

/**
 * A row of differential_abundance.tsv (one taxon, method and term); null where a statistic could not be
 * computed.
 */
export interface DifferentialAbundanceRow {
  taxon: string;
  method: string;
  term: string;
  /** The contrast in words, e.g. "user vs non_user": a positive log2 FC is higher in users. */
  contrast: string;
  log2_fold_change: number | null;
  se: number | null;
  statistic: number | null;
  p: number | null;
  q: number | null;
  prevalence: number;
  mean_relative_abundance: number;
}

/** A row of consensus.tsv: how many methods called a taxon and in which direction. */
export interface ConsensusRow {
  taxon: string;
  term: string;
  contrast: string;
  direction: "up" | "down" | "mixed" | "none";
  methods_significant: number;
  methods_tested: number;
  log2_fold_change_median: number | null;
  /** The methods with q < fdr and those that tested the taxon (results JSON only; consensus.ts). */
  significant_methods: DaMethodName[];
  tested_methods: DaMethodName[];
}

/** One sample's relative abundance of a top taxon, for the report's abundance plots. */
export interface TaxonAbundancePoint {
  taxon: string;
  sampleId: string;
  group: string;
  relative_abundance: number;
}

/**
 * The differential-abundance section: methods run, the term and contrasts, rows, consensus and plot points.
 */
export interface DifferentialAbundanceResults {
  methods: string[];
  /** The methods counted in the consensus (wilcoxon_clr is not when there are covariates). */
  consensusMethods: string[];
  term: string;
  /** The exposure's contrast(s) in words, one per design column ("user vs non_user"). */
  contrasts: string[];
  rows: DifferentialAbundanceRow[];
  consensus: ConsensusRow[];
  /** Per-sample relative abundance of the top consensus hits. */
  topAbundances: TaxonAbundancePoint[];
}

/** A row of associations.tsv: one taxon's association with one host outcome. */
export interface AssociationRow {
  outcome: string;
  taxon: string;
  method: string;
  /** What the outcome compares: "yes vs no" (binary), the outcome column, or "per unit of <dose>". */
  contrast: string;
  estimate: number | null;
  /** Scale of `estimate`: "slope_per_clr_unit", "log_odds_ratio", "log_rate_ratio", ... */
  estimate_scale: string;
  se: number | null;
  statistic: number | null;
  p: number | null;
  q: number | null;
  n: number;
}

/** One sample's CLR abundance and outcome value, for the scatter plot of a significant link. */
export interface AssociationPoint {
  outcome: string;
  taxon: string;
  sampleId: string;
  /** CLR abundance of the taxon in the sample. */
  clr: number;
  /** Observed outcome (binary outcomes coded 0/1). */
  outcomeValue: number;
}

/** The associations section: rows of associations.tsv and scatter points of the significant links. */
export interface AssociationResults {
  rows: AssociationRow[];
  /** Points for each significant (outcome, taxon) link. */
  scatter: AssociationPoint[];
}

/** A row of calibration.tsv: one method's calls on shuffled labels of this study's data. */
export interface CalibrationRow {
  analysis: "differential_abundance" | "associations";
  method: string;
  /** The column whose labels were shuffled (the exposure, or the outcome). */
  shuffled: string;
  /** Calls (q < fdr) on the real labels. */
  observed_calls: number;
  shuffles: number;
  /** Mean calls per shuffle (every one is false). */
  mean_calls: number;
  /** Shuffles with at least one call. */
  shuffles_with_calls: number;
  max_calls: number;
}

/** The label-permutation calibration section: how many shuffles, the seed, the FDR threshold and the rows. */
export interface CalibrationResults {
  shuffles: number;
  seed: number;
  fdr: number;
  rows: CalibrationRow[];
}

/** One prediction target's cross-validated performance with its CI and permutation p. */
export interface PredictionRow {
  target: string;
  model: string;
  /** "auroc", "r2", ... */
  metric: string;
  estimate: number;
  ci_low: number | null;
  ci_high: number | null;
  /** Permutation-null p of the cross-validated metric. */
  null_p: number | null;
}

/** Points of the out-of-fold ROC curve of a binary target. */
export interface RocCurve {
  target: string;
  model: string;
  points: { fpr: number; tpr: number }[];
}

/** One sample's observed and out-of-fold predicted value of a continuous target. */
export interface PredictedPoint {
  target: string;
  model: string;
  sampleId: string;
  observed: number;
  predicted: number;
}

/** A feature's importance for a target, its direction and its selection stability across CV folds. */
export interface ImportanceRow {
  target: string;
  feature: string;
  importance: number;
  direction: "positive" | "negative" | "none";
  /** Fraction of cross-validation folds in which the feature was selected / ranked high. */
  stability: number;
}

/**
 * The prediction section: performance rows, ROC curves, predicted-vs-observed points and feature importances.
 */
export interface PredictionResults {
  rows: PredictionRow[];
  roc?: RocCurve[];
  predictedVsObserved?: PredictedPoint[];
  importance: ImportanceRow[];
}

/** A method that actually ran, for the methods paragraph and its reference list. */
export interface MethodRecord {
  /** Registry id, e.g. "permanova". */
  id: string;
  name: string;
  /** Full citation, with DOI. */
  citation: string;
  /** One sentence: what was done with it in this run. */
  description: string;
}

/**
 * Everything one study run produced, as plain JSON-safe objects: what the report, provenance.json and
 * the TSV writers read. A section absent means the analysis did not run (the reason is in `warnings`).
 */
export interface StudyResults {
  meta: StudyMeta;
  warnings: string[];
  summary: StudySummary;
  alpha?: AlphaResults;
  beta?: BetaResult[];
  differentialAbundance?: DifferentialAbundanceResults;
  associations?: AssociationResults;
  /** Label-permutation calibration of the DA and association lists (absent when disabled). */
  calibration?: CalibrationResults;
  prediction?: PredictionResults;
  /** Confirmatory tests of the config's `hypotheses` (absent when none are stated). */
  hypotheses?: HypothesisResults;
  /** The sensitivity panel (absent with `sensitivity: false`). */
  sensitivity?: SensitivityResults;
  methods: MethodRecord[];
}

/** The analysis a sensitivity finding comes from. */
export type SensitivityAnalysis = "differential_abundance" | "association" | "permanova";

/** Columns of sensitivity.tsv: one row per finding. */
export const SENSITIVITY_COLUMNS = ["finding", "analysis", "held", "variants", "not_held_in"] as const;
/** Columns of sensitivity_variants.tsv: one row per finding x variant. */
export const SENSITIVITY_VARIANT_COLUMNS = [
  "finding",
  "analysis",
  "variant",
  "estimate",
  "p",
  "q",
  "holds",
] as const;

/** A row of sensitivity.tsv: one finding and in how many one-change variants it still holds. */
export interface SensitivityRow {
  finding: string;
  analysis: SensitivityAnalysis;
  /** Variants in which the finding holds, out of `variants`. */
  held: number;
  variants: number;
  /** Variant labels where it does not hold, `; `-separated ("none" when it always holds). */
  not_held_in: string;
}

/** A finding's estimate, p and q under one variant, and whether it holds there. */
export interface SensitivityVariantRow {
  finding: string;
  analysis: SensitivityAnalysis;
  variant: string;
  /** log2 fold change (DA), the association estimate, or PERMANOVA R². */
  estimate: number | null;
  p: number | null;
  q: number | null;
  holds: "yes" | "no";
}

/**
 * The sensitivity panel: per finding whether it holds under each one-change variant, and the variant rows.
 */
export interface SensitivityResults {
  rows: SensitivityRow[];
  variants: SensitivityVariantRow[];
  /** Variant labels in the order run, "as run" first. */
  variantLabels: string[];
  daMethod: string;
  /** Wall-clock seconds the panel took, by the run's clock (the report compares it with the run's). */
  seconds: number;
}
