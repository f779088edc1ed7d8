/**
 * The data dictionary of a study's questionnaire: for each metadata column its meaning, unit, type,
 * and allowed values (a numeric range or a list of levels). `checkMetadata` reports every cell that
 * breaks a declared rule — sample ID, column, value and the rule — so a research team can fix their
 * spreadsheet in one pass.
 */
import type { Issue } from "../errors.js";
import { getColumn, type SampleMetadata } from "../table/metadata.js";

/** One metadata column of a data dictionary: meaning, type, unit, and allowed range or levels. */
export interface DictionaryEntry {
  column: string;
  type: "numeric" | "categorical";
  description: string;
  unit?: string;
  min?: number;
  max?: number;
  /** Allowed levels of a categorical column, in their order (the first is the reference). */
  levels?: string[];
}

/** A study's data dictionary: one entry per metadata column. */
export type DataDictionary = readonly DictionaryEntry[];

export function checkMetadata(md: SampleMetadata, dictionary: DataDictionary, source: string): Issue[] {
  const issues: Issue[] = [];
  for (const entry of dictionary) {
    const col = getColumn(md, entry.column);
    if (!col) {
      issues.push({
        code: "missing_column",
        file: source,
        column: entry.column,
        message: `the data dictionary declares column '${entry.column}', which the metadata lacks`,
        hint: `add the column (empty cells for missing values) or remove it from the dictionary`,
      });
      continue;
    }
    if (entry.type === "numeric") {
      if (col.kind !== "numeric") {
        const bad = col.values.findIndex((v) => v !== null && !Number.isFinite(Number(v)));
        issues.push({
          code: "non_numeric",
          file: source,
          column: entry.column,
          sampleId: md.ids[bad],
          message: `column '${entry.column}' must be numeric${bad >= 0 ? `, but has '${col.values[bad]}'` : ""}`,
          hint: "use numbers only (a dot as decimal mark); leave a cell empty when the value is missing",
        });
        continue;
      }
      col.values.forEach((v, i) => {
        if (Number.isNaN(v)) return;
        if ((entry.min !== undefined && v < entry.min) || (entry.max !== undefined && v > entry.max)) {
          issues.push({
            code: "out_of_range",
            file: source,
            column: entry.column,
            sampleId: md.ids[i],
            message: `${entry.column} = ${v} is outside the declared range [${entry.min ?? "-inf"}, ${entry.max ?? "inf"}]${entry.unit ? ` ${entry.unit}` : ""}`,
            hint: "correct the value, or leave the cell empty if unknown",
          });
        }
      });
    } else if (entry.levels) {
      const allowed = new Set(entry.levels);
      const values =
        col.kind === "categorical"
          ? col.values
          : Array.from(col.values, (v) => (Number.isNaN(v) ? null : String(v)));
      values.forEach((v, i) => {
        if (v !== null && !allowed.has(v)) {
          issues.push({
            code: "bad_level",
            file: source,
            column: entry.column,
            sampleId: md.ids[i],
            message: `${entry.column} = '${v}' is not one of the declared levels: ${entry.levels!.join(", ")}`,
            hint: "levels are case-sensitive; use exactly the declared spelling",
          });
        }
      });
    }
  }
  return issues;
}
