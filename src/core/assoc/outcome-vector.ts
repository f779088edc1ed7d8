/**
 * A host outcome as numbers over the analysed samples, shared by the association models: numeric
 * outcomes as they are, a binary outcome coded 1 for its `positive` level (default: the second
 * level in R's factor order (table/level-order.ts) of a categorical column, or 1 of a 0/1 numeric
 * column), as R's `glm` codes a factor response, and 0 for the other. Samples with a missing
 * outcome are returned in `dropped`. A missing column, a categorical outcome given a numeric type,
 * a "binary" outcome without exactly two levels, a positive level that does not exist, and an
 * outcome missing everywhere or constant among the analysed samples are InputErrors.
 */
import { InputError } from "../errors.js";
import { getColumn, type SampleMetadata } from "../table/metadata.js";

/** The outcome types an association model handles: the one list config, CLI and web read. */
export const OUTCOME_TYPES = ["continuous", "binary", "count"] as const;
/** One of {@link OUTCOME_TYPES}. */
export type OutcomeType = (typeof OUTCOME_TYPES)[number];

export interface OutcomeSpec {
  outcome: string;
  type: OutcomeType;
  /** Level of a binary outcome coded 1. */
  positive?: string;
}

export interface OutcomeVector {
  values: Float64Array;
  ids: string[];
  dropped: string[];
  /** Binary outcomes: the levels coded 0 and 1; null otherwise. */
  levels: { negative: string; positive: string } | null;
  /** What an estimate compares, in words: "yes vs no" for a binary outcome, else the outcome. */
  contrast: string;
}

/** The outcome as numbers over the given samples, with the samples where it is missing dropped. */
export function outcomeVector(
  metadata: SampleMetadata,
  options: OutcomeSpec,
  sampleIds: readonly string[],
): OutcomeVector {
  const column = getColumn(metadata, options.outcome);
  if (column === undefined) {
    throw InputError.single({
      code: "missing_column",
      message: `outcome column '${options.outcome}' is not in the metadata`,
      hint: `columns: ${metadata.columns.map((c) => c.name).join(", ")}`,
      column: options.outcome,
    });
  }
  const row = new Map(metadata.ids.map((id, i) => [id, i]));
  const levels = binaryLevels(column, options);
  const ids: string[] = [];
  const dropped: string[] = [];
  const values: number[] = [];
  for (const id of sampleIds) {
    const i = row.get(id)!;
    const v = column.kind === "numeric" ? column.values[i]! : column.values[i];
    if (v === null || (typeof v === "number" && Number.isNaN(v))) {
      dropped.push(id);
      continue;
    }
    ids.push(id);
    values.push(levels !== null ? (String(v) === levels.positive ? 1 : 0) : Number(v));
  }
  if (ids.length === 0) {
    throw InputError.single({
      code: "bad_value",
      message: `outcome '${options.outcome}' is missing in all ${sampleIds.length} sample(s) with counts`,
      column: options.outcome,
      hint: "check the column name and that the outcome was recorded for the sequenced samples",
    });
  }
  if (values.every((v) => v === values[0])) {
    throw InputError.single({
      code: "bad_level",
      message:
        levels !== null
          ? `binary outcome '${options.outcome}' has one level among the ${ids.length} sample(s) analysed ('${values[0] === 1 ? levels.positive : levels.negative}'); it needs both`
          : `outcome '${options.outcome}' has the same value (${values[0]}) in all ${ids.length} sample(s) analysed`,
      column: options.outcome,
      hint: "an association needs an outcome that varies between samples",
    });
  }
  if (options.type !== "binary" && column.kind !== "numeric") {
    throw InputError.single({
      code: "bad_argument",
      message: `outcome '${options.outcome}' is categorical but type '${options.type}' needs numbers`,
      hint: "use --type binary for a two-level outcome",
      column: options.outcome,
    });
  }
  const contrast = levels !== null ? `${levels.positive} vs ${levels.negative}` : options.outcome;
  return { values: Float64Array.from(values), ids, dropped, levels, contrast };
}

/** The levels coded 0 and 1 of a binary outcome, checked to be exactly two; null for other types. */
function binaryLevels(
  column: NonNullable<ReturnType<typeof getColumn>>,
  options: OutcomeSpec,
): OutcomeVector["levels"] {
  if (options.type !== "binary") return null;
  const levels =
    column.kind === "categorical"
      ? [...column.levels]
      : [...new Set(Array.from(column.values).filter((v) => !Number.isNaN(v)))]
          .sort((a, b) => a - b)
          .map(String);
  if (options.positive !== undefined && !levels.includes(options.positive)) {
    throw InputError.single({
      code: "bad_level",
      message: `positive level '${options.positive}' is not a level of '${options.outcome}'`,
      column: options.outcome,
      hint: `levels present: ${levels.join(", ") || "(none: every value is missing)"}`,
    });
  }
  if (levels.length !== 2) {
    throw InputError.single({
      code: "bad_level",
      message: `binary outcome '${options.outcome}' has ${levels.length} level(s) (${levels.slice(0, 5).join(", ") || "every value is missing"}); it needs 2`,
      column: options.outcome,
    });
  }
  const positive = options.positive ?? levels[1]!;
  return { positive, negative: levels.find((l) => l !== positive)! };
}
