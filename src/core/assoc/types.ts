/** Columns of associations.tsv, in order (DESIGN §7). */
export const ASSOCIATION_COLUMNS = [
  "outcome",
  "taxon",
  "method",
  "contrast",
  "estimate",
  "estimate_scale",
  "se",
  "statistic",
  "p",
  "q",
  "n",
] as const;

/** A row of associations.tsv (DESIGN §7): one taxon's association with one host outcome. */
export interface TaxonAssociationRow {
  outcome: string;
  taxon: string;
  method: AssociationMethod;
  /** What the estimate compares: "yes vs no" (a binary outcome: positive level vs the other), the
   * outcome column (continuous and count outcomes), "per unit of <dose>" (dose–response). */
  contrast: string;
  estimate: number;
  estimate_scale: string;
  se: number;
  statistic: number;
  p: number;
  /** Benjamini–Hochberg across the taxa of this outcome. */
  q: number;
  /** Samples in the fit. */
  n: number;
}

/** The model behind an association row (also the `method` column of associations.tsv). */
export type AssociationMethod =
  | "linda"
  | "linda_agreement"
  | "ols"
  | "logistic"
  | "poisson"
  | "negative_binomial"
  | "dose_response_ols";

/** Association models whose lists are calibrated (report headlines count only their links). */
export const CALIBRATED_ASSOCIATION_METHODS: readonly AssociationMethod[] = ["linda", "linda_agreement"];

/** Rows of associations.tsv for one outcome, the method, warnings, and the samples and taxa analysed. */
export interface AssociationResult {
  rows: TaxonAssociationRow[];
  method: AssociationMethod;
  warnings: string[];
  /** Samples analysed and taxa tested. */
  n: number;
  taxaTested: number;
  minPrevalence: number;
}
