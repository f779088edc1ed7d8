/**
 * Escaping for everything that reaches the report from user files (sample IDs, taxon names,
 * column names, config strings). The report model holds plain text only; the renderer passes every
 * string through one of these functions, so no user string is ever interpreted as markup.
 *
 * - `escapeHtml`: text content and double-quoted attribute values (& < > " ').
 * - `jsonForScript`: JSON inside `<script type="application/json">`: `<`, `>`, `&` and the line
 *   separators U+2028/U+2029 become \uXXXX escapes, so the text can never close the script
 *   element or open a comment, and the result still parses as the same JSON.
 */

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const SCRIPT_JSON_ESCAPES: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => SCRIPT_JSON_ESCAPES[c]!);
}
