/**
 * Collapses a table to a taxonomic rank: features with the same label at that rank (`labelAtRank`:
 * the rank's name, or `Unassigned <rank> (<parent>)` so unassigned taxa of different parents stay
 * apart) are summed. Sample totals are preserved exactly for integer tables (sums of the same
 * terms). Like QIIME 2 `taxa collapse` / phyloseq `tax_glom(NArm = FALSE)`, with labels instead of
 * full lineage strings. Every table feature must have a lineage: missing ones are an InputError.
 * Output features are in order of first appearance in the table.
 */
import { InputError, listIds } from "../errors.js";
import { type FeatureTable, nFeatures } from "./feature-table.js";
import { labelAtRank, lineageMap, type Rank, RANKS, type Taxonomy } from "./taxonomy.js";
import { tableFromGroups } from "./group-features.js";

/** A table collapsed to one rank, and the truncated lineage of each output feature. */
export interface CollapseResult {
  table: FeatureTable;
  /** Lineage of each output feature, truncated below the rank. */
  taxonomy: Taxonomy;
}

/**
 * Sums features sharing a label at `rank` (QIIME 2 `taxa collapse`, phyloseq
 * `tax_glom(NArm = FALSE)`); unassigned taxa of different parents stay apart.
 * @throws {InputError} `id_mismatch` when a table feature has no lineage.
 */
export function collapseToRank(t: FeatureTable, taxonomy: Taxonomy, rank: Rank): CollapseResult {
  const lineageOf = lineageMap(taxonomy);
  const missing = t.featureIds.filter((id) => !lineageOf.has(id));
  if (missing.length > 0) {
    throw InputError.single({
      code: "id_mismatch",
      message: `${missing.length} table feature(s) have no taxonomy: ${listIds(missing)}`,
      hint: "give the taxonomy of every table feature (or filter the table to the classified features)",
    });
  }
  const r = RANKS.indexOf(rank);
  const group = new Int32Array(nFeatures(t));
  const labels: string[] = [];
  const lineages: string[][] = [];
  const labelIndex = new Map<string, number>();
  t.featureIds.forEach((id, f) => {
    const lineage = lineageOf.get(id)!;
    const label = labelAtRank(lineage, rank);
    let g = labelIndex.get(label);
    if (g === undefined) {
      g = labels.length;
      labelIndex.set(label, g);
      labels.push(label);
      lineages.push(RANKS.map((_, i) => (i <= r ? (lineage[i] ?? "") : "")));
    }
    group[f] = g;
  });
  return { table: tableFromGroups(t, group, labels), taxonomy: { featureIds: labels, lineages } };
}
