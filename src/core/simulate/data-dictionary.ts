/**
 * Data dictionaries of simulated study metadata (metadata.tsv, QIIME 2 format): what each column
 * means, its unit, type and allowed values. Each design (designs/) lists its exposure and outcome
 * columns followed by the shared covariates here; `gutresponse init` writes the dictionary next to
 * the metadata template; the simulator produces exactly these columns, in this order, after the
 * ID column `sample-id` (the participant's stool sample ID, matching the feature table).
 */

import type { DataDictionary } from "../study/dictionary.js";

/**
 * One metadata column of a questionnaire: description, type, unit, allowed levels or range, and how a missing
 * value is written.
 */
export interface DataDictionaryEntry {
  description: string;
  type: "categorical" | "numeric";
  unit?: string;
  /** Allowed values of a categorical column; the first is the reference level. */
  levels?: readonly string[];
  /** Inclusive range of a numeric column. */
  min?: number;
  max?: number;
  /** How a missing value is written and what it means. */
  missing: string;
}

export const EMPTY_MISSING = "empty cell = not answered";

export const yesNo = (description: string) =>
  ({ description, type: "categorical", levels: ["no", "yes"], missing: EMPTY_MISSING }) as const;

/** The covariate columns every simulated design writes after its exposure and outcome columns. */
export const COVARIATE_DICTIONARY = {
  age: {
    description: "Age at sampling",
    type: "numeric",
    unit: "years",
    min: 18,
    max: 120,
    missing: EMPTY_MISSING,
  },
  sex: { description: "Sex", type: "categorical", levels: ["female", "male"], missing: EMPTY_MISSING },
  bmi: {
    description: "Body mass index, weight / height^2",
    type: "numeric",
    unit: "kg/m^2",
    min: 10,
    max: 80,
    missing: EMPTY_MISSING,
  },
  antibiotics_3mo: yesNo("Any systemic antibiotics in the 3 months before sampling"),
  probiotic: yesNo("Probiotic supplements in the 4 weeks before sampling"),
  diet: {
    description: "Usual diet",
    type: "categorical",
    levels: ["omnivore", "vegetarian", "vegan"],
    missing: EMPTY_MISSING,
  },
} as const satisfies Record<string, DataDictionaryEntry>;

/** A design's dictionary as the rows `validate` and `run` check (io/data-dictionary.ts writes them). */
export function dictionaryRows(dictionary: Readonly<Record<string, DataDictionaryEntry>>): DataDictionary {
  return Object.entries(dictionary).map(([column, e]) => ({
    column,
    type: e.type,
    description: `${e.description} (missing: ${e.missing})`,
    ...(e.unit ? { unit: e.unit } : {}),
    ...(e.min !== undefined ? { min: e.min } : {}),
    ...(e.max !== undefined ? { max: e.max } : {}),
    ...(e.levels ? { levels: [...e.levels] } : {}),
  }));
}
