/**
 * Tables of records as TSV, with the writer and quoting rule of core/table/tsv.ts (full precision,
 * `NA` for missing, cells with a tab or quote double-quoted).
 */
import { type Cell, formatTsv } from "../core/table/tsv.js";

export { type Cell, formatCell, formatTsv } from "../core/table/tsv.js";

/** Rows of objects to TSV, taking the columns in the given order. */
export function formatRecords<T extends object>(
  columns: readonly (keyof T & string)[],
  records: readonly T[],
): string {
  return formatTsv(
    columns,
    records.map((r) => columns.map((c) => r[c] as Cell)),
  );
}
