/**
 * Consensus across DA methods, per taxon and exposure column (a row of consensus.tsv, DESIGN §7):
 *
 * - methods_significant: how many methods have q < fdr; `significant_methods` names them (not a
 *   column of consensus.tsv);
 * - methods_tested: how many methods produced a row for the taxon (ANCOM-BC may skip some taxa);
 * - direction: "up" when every significant method has log2_fold_change > 0, "down" when every one
 *   has < 0, "mixed" when they disagree, "none" when no method is significant;
 * - log2_fold_change_median: median of log2_fold_change over all methods tested.
 * A consensus call (isConsensusCall; the report's "consensus taxa", power's `consensus` family):
 * significant in at least half of the voting methods that tested the taxon, and in at least two of
 * them when two or more tested it, all in the same direction, **and in at least two model families**
 * when two or more families tested it. Families (DA_METHOD_FAMILIES) group methods that fit the same
 * model and so share its failure modes: LinDA and ANCOM-BC (linear models of log counts with a
 * pseudocount and a compositional bias correction), ALDEx2 and Wilcoxon on CLR (CLR of the counts),
 * MaAsLin2 (log of TSS proportions). One method's call alone is a hypothesis, and so is the
 * agreement of two methods of one family: on the null design, 19 of 20 false consensus calls at
 * n = 65 were LinDA and ANCOM-BC agreeing on a rare genus (docs/DA.md, "Consensus calibration").
 * Rows are ordered by term, then by the number of significant methods (descending), then taxon.
 * Only the voting methods' rows are passed in: differential-abundance.ts leaves out wilcoxon_clr
 * when the formula has covariates (it cannot adjust for them). "up" means higher in the first level
 * of the row's `contrast` ("user vs non_user": higher in users).
 * Agreement of several methods with different assumptions is the recommended reading of DA
 * results (Nearing JT et al. (2022) Nat Commun 13:342, doi:10.1038/s41467-022-28034-z).
 */
import type { DaMethodName, DaRow } from "./types.js";
import { median } from "../stats/descriptive.js";

/** Direction agreed by the significant methods: all up, all down, disagreeing, or none significant. */
export type ConsensusDirection = "up" | "down" | "mixed" | "none";

/** One row of consensus.tsv: a taxon × term, how many methods called it and in which direction. */
export interface DaConsensusRow {
  taxon: string;
  term: string;
  /** The term column's contrast in words ("user vs non_user"); "up" = higher in the first level. */
  contrast: string;
  direction: ConsensusDirection;
  methods_significant: number;
  methods_tested: number;
  log2_fold_change_median: number;
  /** The methods with q < fdr, in the order they ran. */
  significant_methods: DaMethodName[];
  /** The methods that tested the taxon, in the order they ran (not a column of consensus.tsv). */
  tested_methods: DaMethodName[];
}

/**
 * Model family of each DA method: methods of one family fit the same kind of model to the same
 * transform, so their agreement is weak corroboration (see the module header).
 */
export const DA_METHOD_FAMILIES: Readonly<Record<DaMethodName, string>> = {
  linda: "log counts, bias-corrected",
  ancombc: "log counts, bias-corrected",
  aldex2: "CLR",
  wilcoxon_clr: "CLR",
  maaslin: "log proportions",
};

/**
 * Cross-method consensus per taxon and term: methods with q < `fdr`, their common direction and the
 * median log2 fold change over the methods that tested it (rules in the module header).
 */
export function consensus(rows: readonly DaRow[], fdr: number): DaConsensusRow[] {
  const groups = new Map<string, DaRow[]>();
  for (const row of rows) {
    const key = `${row.term}\u0000${row.taxon}`;
    const list = groups.get(key);
    if (list) list.push(row);
    else groups.set(key, [row]);
  }
  const out: DaConsensusRow[] = [];
  for (const list of groups.values()) {
    const significant = list.filter((r) => r.q < fdr);
    const up = significant.some((r) => r.log2_fold_change > 0);
    const down = significant.some((r) => r.log2_fold_change < 0);
    out.push({
      taxon: list[0]!.taxon,
      term: list[0]!.term,
      contrast: list[0]!.contrast,
      direction:
        significant.length === 0 ? "none" : up && down ? "mixed" : up ? "up" : down ? "down" : "mixed",
      methods_significant: significant.length,
      methods_tested: list.length,
      log2_fold_change_median: median(list.map((r) => r.log2_fold_change)),
      significant_methods: significant.map((r) => r.method),
      tested_methods: list.map((r) => r.method),
    });
  }
  return out.sort(
    (a, b) =>
      (a.term < b.term ? -1 : a.term > b.term ? 1 : 0) ||
      b.methods_significant - a.methods_significant ||
      (a.taxon < b.taxon ? -1 : a.taxon > b.taxon ? 1 : 0),
  );
}

/** Whether a consensus row is a consensus call (rule in the header). */
export function isConsensusCall(
  row: Pick<DaConsensusRow, "direction" | "significant_methods" | "tested_methods">,
): boolean {
  const significant = row.significant_methods.length;
  const tested = row.tested_methods.length;
  const families = (methods: readonly DaMethodName[]) =>
    new Set(methods.map((m) => DA_METHOD_FAMILIES[m])).size;
  return (
    (row.direction === "up" || row.direction === "down") &&
    significant >= Math.min(2, tested) &&
    2 * significant >= tested &&
    families(row.significant_methods) >= Math.min(2, families(row.tested_methods))
  );
}
