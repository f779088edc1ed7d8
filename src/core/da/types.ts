/**
 * Shared shapes of differential-abundance (DA) results. Rows follow the results contract of
 * `differential_abundance.tsv` exactly (DESIGN §7), so a row array is written as TSV directly.
 *
 * `log2_fold_change` is on the log2 scale for every method: methods whose native model is on the
 * natural-log scale (ANCOM-BC; ALDEx2's and LinDA's CLR are computed in log2 already) convert
 * with log2(x) = ln(x) / ln 2, and their `se` with the same factor. `statistic` is unitless and
 * therefore unchanged by the conversion.
 */

/** Columns of differential_abundance.tsv, in order (DESIGN §7). */
export const DA_ROW_COLUMNS = [
  "taxon",
  "method",
  "term",
  "contrast",
  "log2_fold_change",
  "se",
  "statistic",
  "p",
  "q",
  "prevalence",
  "mean_relative_abundance",
] as const;

/** Columns of consensus.tsv, in order (DESIGN §7). */
export const CONSENSUS_COLUMNS = [
  "taxon",
  "term",
  "contrast",
  "direction",
  "methods_significant",
  "methods_tested",
  "log2_fold_change_median",
] as const;

/** One taxon x term result of one method (a row of differential_abundance.tsv). */
export interface DaRow {
  taxon: string;
  method: DaMethodName;
  /** Design-matrix column of the exposure term (e.g. `groupexposed`). */
  term: string;
  /** The column's contrast in words: "exposed vs control" (positive log2_fold_change = higher in
   * exposed) or "per unit of age" for a numeric term. */
  contrast: string;
  log2_fold_change: number;
  se: number;
  statistic: number;
  p: number;
  /** Benjamini–Hochberg q across the taxa tested by this method, per term. */
  q: number;
  /** Fraction of analysed samples in which the taxon is non-zero. */
  prevalence: number;
  /** Mean over analysed samples of count / sample total (totals over all taxa). */
  mean_relative_abundance: number;
}

/** Every DA method, in report order: the one list the config schema, CLI and runner read. */
export const DA_METHODS = ["linda", "ancombc", "aldex2", "maaslin", "wilcoxon_clr"] as const;
/** One of {@link DA_METHODS}. */
export type DaMethodName = (typeof DA_METHODS)[number];

/** What one method did: its parameters, zero handling and soft problems, for provenance. */
export interface DaMethodSummary {
  method: DaMethodName;
  reference: string;
  parameters: Record<string, number | string | boolean>;
  zeroHandling: string;
  taxaTested: number;
  warnings: string[];
}

/** A method's output: rows (taxon x term) plus its summary. */
export interface DaMethodResult {
  rows: DaRow[];
  summary: DaMethodSummary;
}
