/**
 * The one TSV writer of every command, results file and report download: a header row, one row
 * per record, numbers at full precision (the shortest text that round-trips to the same double),
 * `NA` for missing values and NaN (as R writes them; read.delim, pandas and QIIME 2 accept it).
 *
 * Quoting (RFC 4180 rules with a tab separator, as Python's csv `excel-tab` dialect that QIIME 2
 * metadata reads, and R's `read.delim`): a text cell that contains a tab or a double quote is
 * wrapped in double quotes, with each inner `"` doubled; `a\tb` -> `"a\tb"`, `say "hi"` ->
 * `"say ""hi"""`. Our readers (io/text.ts splitCells) undo it, so sample IDs with tabs or quotes
 * round-trip. Line breaks inside a cell become a space: every row stays one line, for line-based
 * tools (head, grep, wc -l) and our line-based readers.
 */

export type Cell = string | number | boolean | null | undefined;

export function formatCell(value: Cell): string {
  if (value === null || value === undefined) return "NA";
  if (typeof value === "number") return Number.isNaN(value) ? "NA" : String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = value.replace(/\r\n|[\r\n]/g, " ");
  return /[\t"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatTsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(formatCell).join("\t")];
  for (const row of rows) lines.push(row.map(formatCell).join("\t"));
  return `${lines.join("\n")}\n`;
}
