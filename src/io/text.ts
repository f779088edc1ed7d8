/**
 * Text helpers shared by the readers: bytes -> string (UTF-8, BOM stripped, invalid UTF-8 refused),
 * lines (LF or CRLF), TSV cells (tab separated; a cell wrapped in double quotes is unquoted with
 * `""` as an escaped quote, via d3-dsv, as QIIME 2 metadata allows) and a number parser stricter
 * than `Number()` (no empty string, no hex, no `Infinity`).
 */
import { tsvParseRows } from "d3-dsv";
import { type Issue, ParseError } from "../core/errors.js";

/** Text as bytes (decoded as UTF-8, BOM removed) or as a string. */
export type TextInput = Uint8Array | string;

/** Decodes UTF-8 (BOM removed); a string input only loses a leading BOM. */
export function decodeText(input: TextInput, source: string): string {
  if (typeof input === "string") return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input);
  } catch {
    throw ParseError.single({
      code: "corrupt_file",
      file: source,
      message: "is not valid UTF-8 text",
      hint: "save the file as UTF-8 (plain text), not as a spreadsheet or in another encoding",
    });
  }
}

/** Lines without their terminators (LF, CRLF or lone CR); a final empty line is dropped. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Cells of one TSV line; quoted cells are unquoted only when the line contains a quote. */
export function splitCells(line: string): string[] {
  return line.includes('"') ? (tsvParseRows(line)[0] ?? [""]) : line.split("\t");
}

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NAN_RE = /^[+-]?(nan|inf|infinity)$/i;

/**
 * Parses a decimal number; returns undefined when the text is not one. `nan`/`inf` (any case)
 * parse to NaN/±Infinity so callers can report them as non-finite rather than non-numeric.
 */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (NUMBER_RE.test(t)) return Number(t);
  if (NAN_RE.test(t)) {
    const lower = t.toLowerCase().replace(/^\+/, "");
    if (lower.endsWith("nan")) return Number.NaN;
    return lower.startsWith("-") ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return undefined;
}

/** Issue for a table cell that is not a usable abundance, or undefined when the value is fine. */
export function abundanceIssue(
  value: number | undefined,
  cell: string,
  where: Omit<Issue, "code" | "message" | "hint">,
): Issue | undefined {
  if (value === undefined) {
    return {
      ...where,
      code: "non_numeric",
      message: `'${cell}' is not a number`,
      hint: "table cells must be numbers (counts or abundances); write 0 for absent",
    };
  }
  if (!Number.isFinite(value)) {
    return {
      ...where,
      code: "non_finite",
      message: `value '${cell}' is not finite`,
      hint: "replace NaN/Inf by a count (0 for absent)",
    };
  }
  if (value < 0) {
    return {
      ...where,
      code: "negative_value",
      message: `negative value ${cell}`,
      hint: "counts and abundances cannot be negative; check the file was not transformed (CLR, log)",
    };
  }
  return undefined;
}

/** The error for a text file with no header line (empty, or comments only). */
export function noHeaderError(
  source: string,
  code: "empty_table" | "bad_header",
  example: string,
): ParseError {
  return ParseError.single({
    code,
    file: source,
    message: "no header line found (the file is empty or has only comments)",
    hint: `expected ${example}`,
  });
}
