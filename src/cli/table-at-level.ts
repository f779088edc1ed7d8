/**
 * Loads a feature table for an analysis command and, with `--level`, collapses it to that taxonomic
 * rank using the table's own taxonomy (BIOM observation metadata) or the `--taxonomy` file.
 */
import { InputError } from "../core/errors.js";
import { collapseToRank } from "../core/table/collapse.js";
import type { FeatureTable } from "../core/table/feature-table.js";
import { RANKS } from "../core/table/taxonomy.js";
import { loadTable, loadTaxonomy } from "../node/load.js";
import { choiceOption } from "./args.js";

export async function loadTableAtLevel(
  command: string,
  tablePath: string,
  taxonomyPath: string | undefined,
  level: string | undefined,
): Promise<FeatureTable> {
  const read = await loadTable(tablePath);
  if (level === undefined) return read.table;
  const rank = choiceOption(command, level, "level", RANKS, "genus");
  const taxonomy = taxonomyPath === undefined ? read.taxonomy : await loadTaxonomy(taxonomyPath);
  if (taxonomy === undefined) {
    throw InputError.single({
      code: "bad_argument",
      message: `--level ${level} needs a taxonomy: the table carries none`,
      hint: "pass --taxonomy taxonomy.tsv (QIIME 2 format)",
    });
  }
  return collapseToRank(read.table, taxonomy, rank).table;
}

/** Comma-separated option values, trimmed, empties dropped. */
export function listOption(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
}
