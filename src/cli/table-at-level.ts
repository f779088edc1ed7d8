/**
 * Loads a feature table for an analysis command and, with `--level`, collapses it to that taxonomic
 * rank using the table's own taxonomy (BIOM observation metadata) or the `--taxonomy` file.
 */
import { InputError } from "../core/errors.js";
import { collapseToRank } from "../core/table/collapse.js";
import type { FeatureTable } from "../core/table/feature-table.js";
import type { Rank } from "../core/table/taxonomy.js";
import { loadTable, loadTaxonomy } from "../node/load.js";

/**
 * The table at `tablePath`, collapsed to `level` when given.
 * @throws InputError when a file cannot be read, or `level` is given and no taxonomy is available
 */
export async function loadTableAtLevel(
  tablePath: string,
  taxonomyPath: string | undefined,
  level: Rank | undefined,
): Promise<FeatureTable> {
  const read = await loadTable(tablePath);
  if (level === undefined) return read.table;
  const taxonomy = taxonomyPath === undefined ? read.taxonomy : await loadTaxonomy(taxonomyPath);
  if (taxonomy === undefined) {
    throw InputError.single({
      code: "bad_argument",
      message: `--level ${level} needs a taxonomy: the table carries none`,
      hint: "pass --taxonomy taxonomy.tsv (QIIME 2 format)",
    });
  }
  return collapseToRank(read.table, taxonomy, level).table;
}
