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
import type { SensitivityResults } from "./steps/sensitivity-step.js";

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

export interface GroupSize {
  group: string;
  n: number;
}

export interface DepthQuantiles {
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
}

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

export interface AlphaValueRow {
  sampleId: string;
  group: string;
  /** metric id -> value; null when not computable for this sample. */
  values: Record<string, number | null>;
}

export interface AlphaTestRow {
  metric: string;
  term: string;
  test: string;
  statistic: number | null;
  p: number | null;
  q: number | null;
}

export interface AlphaResults {
  metrics: string[];
  values: AlphaValueRow[];
  tests: AlphaTestRow[];
}

export interface PcoaSummary {
  sampleIds: string[];
  /** Exposure group of each sample, aligned with sampleIds. */
  groups: string[];
  /** One row per sample, first three axes (fewer when fewer positive eigenvalues). */
  coordinates: number[][];
  /** Proportion of variance explained by each returned axis. */
  proportion: number[];
}

export interface PermanovaTableRow {
  term: string;
  df: number;
  sum_of_squares: number;
  r2: number;
  F: number | null;
  p: number | null;
  permutations: number;
}

export interface PermdispSummary {
  term: string;
  F: number;
  p: number;
  permutations: number;
}

export interface BetaResult {
  /** Distance metric id ("braycurtis", "weighted_unifrac", ...). */
  metric: string;
  pcoa: PcoaSummary;
  /** Rows as vegan `adonis2` prints them, including "Residual" and "Total". */
  permanova: PermanovaTableRow[];
  permdisp?: PermdispSummary;
}

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

export interface ConsensusRow {
  taxon: string;
  term: string;
  contrast: string;
  direction: "up" | "down" | "mixed" | "none";
  methods_significant: number;
  methods_tested: number;
  log2_fold_change_median: number | null;
}

export interface TaxonAbundancePoint {
  taxon: string;
  sampleId: string;
  group: string;
  relative_abundance: number;
}

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

export interface AssociationPoint {
  outcome: string;
  taxon: string;
  sampleId: string;
  /** CLR abundance of the taxon in the sample. */
  clr: number;
  /** Observed outcome (binary outcomes coded 0/1). */
  outcomeValue: number;
}

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

export interface CalibrationResults {
  shuffles: number;
  seed: number;
  fdr: number;
  rows: CalibrationRow[];
}

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

export interface RocCurve {
  target: string;
  model: string;
  points: { fpr: number; tpr: number }[];
}

export interface PredictedPoint {
  target: string;
  model: string;
  sampleId: string;
  observed: number;
  predicted: number;
}

export interface ImportanceRow {
  target: string;
  feature: string;
  importance: number;
  direction: "positive" | "negative" | "none";
  /** Fraction of cross-validation folds in which the feature was selected / ranked high. */
  stability: number;
}

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
