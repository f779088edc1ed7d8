/**
 * Downloadable data of a table or plot: a TSV (header row, full precision, `NA` for missing) or a
 * JSON text, embedded in the report as a base64 `data:` URL so downloads work offline, from disk,
 * without script. Browser-safe (TextEncoder and TextDecoder exist in Node >= 16 and in Web Workers).
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

/** The base64 alphabet of RFC 4648, section 4, as ASCII codes. */
const BASE64 = new TextEncoder().encode("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
const PAD = 61; // "="

/**
 * Base64 (RFC 4648, section 4, with "=" padding) of the UTF-8 bytes of `text`: three bytes to four
 * characters, written as ASCII codes into one array and decoded once (a report embeds tens of MB;
 * building a binary string for `btoa` cost ~25x more).
 */
function base64Utf8(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[o++] = BASE64[v >>> 18]!;
    out[o++] = BASE64[(v >>> 12) & 63]!;
    out[o++] = BASE64[(v >>> 6) & 63]!;
    out[o++] = BASE64[v & 63]!;
  }
  if (i < n) {
    const two = i + 1 < n;
    const v = (bytes[i]! << 16) | (two ? bytes[i + 1]! << 8 : 0);
    out[o++] = BASE64[v >>> 18]!;
    out[o++] = BASE64[(v >>> 12) & 63]!;
    out[o++] = two ? BASE64[(v >>> 6) & 63]! : PAD;
    out[o++] = PAD;
  }
  return new TextDecoder().decode(out);
}

export function dataUrl(file: DataFile): string {
  return `data:${file.mime};charset=utf-8;base64,${base64Utf8(file.content)}`;
}
