import type { OutcomeSpec } from "./outcome-vector.js";

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

/** Every association model, the list config, CLI and web read. */
export const ASSOCIATION_MODELS = ["linda", "outcome_on_clr", "agreement"] as const;
/** "agreement" (default): both of "linda" (taxon ~ outcome) and "outcome_on_clr" (outcome ~ CLR(taxon)) call it. */
export type AssociationModel = (typeof ASSOCIATION_MODELS)[number];

/** Options of `associations` (associations.ts): the outcome and its type, covariates, prevalence filter and model. */
export interface AssociationOptions extends OutcomeSpec {
  covariates?: readonly string[];
  minPrevalence?: number;
  /** Default "agreement" (calibrated on the power designs; docs/DA.md). */
  model?: AssociationModel;
}

/**
 * Association rows (associations.tsv) plus, for count outcomes, the overdispersion test that chose the
 * family.
 */
export interface AssociationsResult extends AssociationResult {
  /** For count outcomes: the overdispersion test that chose the family. */
  dispersion?: { lrStatistic: number; p: number; theta: number };
  /** How the model was chosen (e.g. Poisson vs negative binomial). */
  notes: string[];
}
