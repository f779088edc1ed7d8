/**
 * The data dictionary of the kratom study metadata (metadata.tsv, QIIME 2 format): what each
 * column means, its unit, type and allowed values. `gutresponse init` writes it next to the
 * metadata template; the simulator produces exactly these columns, in this order, after the ID
 * column `sample-id` (the participant's stool sample ID, matching the feature table).
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

const EMPTY_MISSING = "empty cell = not answered";

const yesNo = (description: string) =>
  ({ description, type: "categorical", levels: ["no", "yes"], missing: EMPTY_MISSING }) as const;

export const kratomDataDictionary = {
  kratom_use: {
    description: "Current kratom (Mitragyna speciosa) use, at least weekly in the last 3 months",
    type: "categorical",
    levels: ["non_user", "user"],
    missing: EMPTY_MISSING,
  },
  dose_g_per_day: {
    description: "Usual kratom leaf dose on a day of use; 0 for non-users",
    type: "numeric",
    unit: "g/day",
    min: 0,
    max: 100,
    missing: EMPTY_MISSING,
  },
  doses_per_week: {
    description: "Number of kratom doses taken in a usual week; 0 for non-users",
    type: "numeric",
    unit: "doses/week",
    min: 0,
    max: 70,
    missing: EMPTY_MISSING,
  },
  pain_before: {
    description:
      "Pain intensity before the usual dose (or at the start of the day for non-users), 0-10 numeric rating scale",
    type: "numeric",
    unit: "points (0 = no pain, 10 = worst imaginable)",
    min: 0,
    max: 10,
    missing: EMPTY_MISSING,
  },
  pain_after: {
    description: "Pain intensity 2 hours after the usual dose (or 2 hours later for non-users), 0-10 scale",
    type: "numeric",
    unit: "points (0-10)",
    min: 0,
    max: 10,
    missing: EMPTY_MISSING,
  },
  pain_relief: {
    description: "pain_before - pain_after; positive = pain went down",
    type: "numeric",
    unit: "points",
    min: -10,
    max: 10,
    missing: "empty when either pain score is missing",
  },
  constipation: yesNo("Constipation in the last 4 weeks (self-reported, Rome IV-like questions)"),
  nausea: yesNo("Nausea in the last 4 weeks (side effect)"),
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

export type KratomColumn = keyof typeof kratomDataDictionary;
