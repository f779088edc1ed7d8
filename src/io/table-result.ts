/**
 * What a table reader returns, and the taxonomy carried as BIOM observation metadata: a
 * `taxonomy` entry that is a list of rank strings (`["k__Bacteria", "p__Firmicutes"]`) or one
 * `;`-joined string is parsed with `parseLineage`, exactly as a taxonomy.tsv line would be.
 */
import type { FeatureTable } from "../core/table/feature-table.js";
import { parseLineage, type Taxonomy } from "../core/table/taxonomy.js";

/** The format a table was read from. */
export type TableFormat = "biom-json" | "biom-hdf5" | "tsv" | "qza" | "metaphlan";

/**
 * What a table reader returns: the table, its taxonomy when the file carried one, the format, and notes for
 * the user.
 */
export interface TableRead {
  table: FeatureTable;
  /** Present when the file carried a taxonomy (BIOM observation metadata, TSV taxonomy column). */
  taxonomy?: Taxonomy;
  format: TableFormat;
  /** What the reader decided that the user should know (e.g. the MetaPhlAn rank kept). */
  notes?: string[];
}

/** Lineage text of a BIOM `taxonomy` metadata value (list of ranks or a string). */
export function lineageText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join("; ");
  return undefined;
}

/**
 * A Taxonomy over the table's features from per-feature lineage texts, or undefined when no feature
 * has one. Features without a lineage get an all-unassigned lineage.
 */
export function taxonomyFromTexts(
  featureIds: readonly string[],
  texts: readonly (string | undefined)[],
): Taxonomy | undefined {
  if (!texts.some((t) => t !== undefined)) return undefined;
  return { featureIds: [...featureIds], lineages: texts.map((t) => parseLineage(t ?? "")) };
}
