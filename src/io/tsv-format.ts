/**
 * Writes tab-separated tables the way the results contract specifies: a header row, one row per
 * record, numbers at full precision (the shortest text that round-trips to the same double), `NA`
 * for missing values (as R writes them; read.delim, pandas and QIIME 2 accept it). Tabs and line
 * breaks inside text cells (which user files could smuggle in) become spaces, so every row stays
 * one line with the header's number of cells.
 */

export type Cell = string | number | boolean | null | undefined;

export function formatCell(value: Cell): string {
  if (value === null || value === undefined) return "NA";
  if (typeof value === "number") return Number.isNaN(value) ? "NA" : String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return value.replace(/[\t\r\n]+/g, " ");
}

export function formatTsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(formatCell).join("\t")];
  for (const row of rows) lines.push(row.map(formatCell).join("\t"));
  return `${lines.join("\n")}\n`;
}

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
