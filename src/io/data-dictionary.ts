/**
 * Data dictionary TSV: one row per questionnaire column.
 *
 *   column <TAB> type <TAB> unit <TAB> min <TAB> max <TAB> levels <TAB> description
 *   pain_before    numeric  NRS 0-10  0  10             pain before ... (0 = none, 10 = worst)
 *   constipation   categorical                  no|yes  constipation since starting ...
 *
 * `levels` are separated by `|`, the first being the reference level. Empty cells mean "not
 * declared". Lines starting with `#` are comments.
 */
import { type Issue, InputError } from "../core/errors.js";
import type { DataDictionary, DictionaryEntry } from "../core/study/dictionary.js";

const HEADER = ["column", "type", "unit", "min", "max", "levels", "description"] as const;

export function parseDataDictionary(text: string, source: string): DataDictionary {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const issues: Issue[] = [];
  const entries: DictionaryEntry[] = [];
  let header: string[] | null = null;
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (line.trim() === "" || line.startsWith("#")) return;
    const cells = line.split("\t").map((c) => c.trim());
    if (header === null) {
      header = cells;
      const missing = HEADER.filter((h) => !cells.includes(h));
      if (missing.length > 0) {
        issues.push({
          code: "bad_header",
          file: source,
          line: lineNo,
          message: `missing columns: ${missing.join(", ")}`,
          hint: `the header must be: ${HEADER.join("<TAB>")}`,
        });
      }
      return;
    }
    const get = (name: string) => cells[header!.indexOf(name)] ?? "";
    const type = get("type");
    if (type !== "numeric" && type !== "categorical") {
      issues.push({
        code: "bad_value",
        file: source,
        line: lineNo,
        column: "type",
        message: `type must be 'numeric' or 'categorical', got '${type}'`,
      });
      return;
    }
    const num = (name: string): number | undefined => {
      const v = get(name);
      if (v === "") return undefined;
      const n = Number(v);
      if (!Number.isFinite(n)) {
        issues.push({
          code: "non_numeric",
          file: source,
          line: lineNo,
          column: name,
          message: `'${v}' is not a number`,
        });
      }
      return n;
    };
    const entry: DictionaryEntry = { column: get("column"), type, description: get("description") };
    const unit = get("unit");
    if (unit !== "") entry.unit = unit;
    const min = num("min");
    const max = num("max");
    if (min !== undefined) entry.min = min;
    if (max !== undefined) entry.max = max;
    const levels = get("levels");
    if (levels !== "") entry.levels = levels.split("|").map((l) => l.trim());
    entries.push(entry);
  });
  if (header === null)
    issues.push({ code: "empty_table", file: source, message: "the data dictionary is empty" });
  if (issues.length > 0) throw new InputError(issues);
  return entries;
}

export function formatDataDictionary(dictionary: DataDictionary): string {
  const rows = dictionary.map((e) =>
    [
      e.column,
      e.type,
      e.unit ?? "",
      e.min ?? "",
      e.max ?? "",
      (e.levels ?? []).join("|"),
      e.description,
    ].join("\t"),
  );
  return `${[HEADER.join("\t"), ...rows].join("\n")}\n`;
}
