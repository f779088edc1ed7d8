/**
 * Downloadable data of a table or plot: a TSV (header row, full precision, `NA` for missing) or a
 * JSON text, embedded in the report as a base64 `data:` URL so downloads work offline, from disk,
 * without script. Browser-safe (TextEncoder + btoa exist in Node >= 16 and in Web Workers).
 */
import { formatTsv } from "../core/table/tsv.js";

/** A downloadable file embedded in the report: name, MIME type (TSV or JSON) and text. */
export interface DataFile {
  filename: string;
  mime: "text/tab-separated-values" | "application/json";
  content: string;
}

/** A table cell value; null is a missing value (`NA` in TSV). */
export type Cell = string | number | boolean | null;

/** TSV with the given columns (keys of the row objects) in order (core/table/tsv.ts rules). */
export function toTsv(columns: readonly string[], rows: readonly Record<string, Cell>[]): string {
  return formatTsv(
    columns,
    rows.map((row) => columns.map((c) => row[c] ?? null)),
  );
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
