/**
 * Downloadable data of a table or plot: a TSV (header row, full precision, `NA` for missing) or a
 * JSON text, embedded in the report as a base64 `data:` URL so downloads work offline, from disk,
 * without script. Browser-safe (TextEncoder + btoa exist in Node >= 16 and in Web Workers).
 */

export interface DataFile {
  filename: string;
  mime: "text/tab-separated-values" | "application/json";
  content: string;
}

export type Cell = string | number | boolean | null;

function tsvCell(value: Cell): string {
  if (value === null) return "NA";
  return String(value).replace(/[\t\r\n]/g, " ");
}

/** TSV with the given columns (keys of the row objects) in order. */
export function toTsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  const lines = [columns.join("\t")];
  for (const row of rows) lines.push(columns.map((c) => tsvCell(row[c] ?? null)).join("\t"));
  return `${lines.join("\n")}\n`;
}

export function tsvFile(
  filename: string,
  columns: readonly string[],
  rows: readonly Record<string, Cell>[],
): DataFile {
  return { filename, mime: "text/tab-separated-values", content: toTsv(columns, rows) };
}

const CHUNK = 0x8000;

function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function dataUrl(file: DataFile): string {
  return `data:${file.mime};charset=utf-8;base64,${base64Utf8(file.content)}`;
}
