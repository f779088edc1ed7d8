/** Small helpers and types shared by the study steps. */
import { InputError } from "../../errors.js";
import { getColumn } from "../../table/metadata.js";
import type { StudyConfig } from "../config.js";
import type { MethodRecord } from "../results.js";
import type { FeatureTable } from "../../table/feature-table.js";
import type { SampleMetadata } from "../../table/metadata.js";

/**
 * What every study step returns: its result, the warnings it raised (prefixed where they need
 * context) and the method records it adds to the report's methods paragraph.
 */
export interface StepOutput<R> {
  result: R;
  warnings: string[];
  methods: MethodRecord[];
}

/** The slice of the study config the analysis steps read: the design and the analysis settings. */
export type AnalysisConfig = Pick<StudyConfig, "design" | "analysis">;

/**
 * `~ exposure + time + covariate1 + ...` — the adjusted model every step uses (time: design.time):
 * with names back-quoted for the formula parser (default), or as the methods text shows it
 * (`quoted: false`).
 */
export function studyFormula(config: Pick<StudyConfig, "design">, quoted = true): string {
  const { exposure, time, covariates } = config.design;
  const terms = [exposure, ...(time ? [time] : []), ...covariates];
  return `~ ${terms.map((v) => (quoted ? `\`${v}\`` : v)).join(" + ")}`;
}

/**
 * The numeric target vector: 0/1 for binary targets (positive level = 1: the outcome's `positive`,
 * else the second level in R's factor order), NaN where missing. A target without two levels, or
 * a `positive` level that does not occur, is an InputError naming the levels present.
 */
export function targetVector(
  config: Pick<StudyConfig, "outcomes">,
  prepared: PreparedStudy,
  target: string,
): { y: Float64Array; task: "binary" | "continuous" } {
  const column = getColumn(prepared.metadata, target);
  if (!column) {
    throw InputError.single({
      code: "missing_column",
      key: "prediction.targets",
      message: `no column '${target}' in the metadata`,
    });
  }
  if (column.kind === "numeric") return { y: Float64Array.from(column.values), task: "continuous" };
  const outcome = config.outcomes.find((o) => o.column === target);
  const positive = outcome?.positive ?? column.levels[1];
  if (column.levels.length !== 2 || positive === undefined || !column.levels.includes(positive)) {
    throw InputError.single({
      code: "bad_config",
      key: "prediction.targets",
      message:
        outcome?.positive !== undefined && !column.levels.includes(outcome.positive)
          ? `positive level '${outcome.positive}' of target '${target}' does not occur`
          : `target '${target}' must be numeric or have exactly two levels`,
      hint: `levels present: ${column.levels.join(", ") || "(none: every value is missing)"}`,
    });
  }
  return {
    y: Float64Array.from(column.values, (v) => (v === null ? Number.NaN : Number(v === positive))),
    task: "binary",
  };
}

/** The analysis table of a study and what was left out of it (warnings). */
export interface PreparedStudy {
  /** Counts of the analysed samples (all reads). */
  table: FeatureTable;
  /** The same samples rarefied to `rarefiedDepth`, or the table itself when not rarefied. */
  rarefied: FeatureTable;
  rarefiedDepth: number | null;
  /** The table collapsed to `level` (the table itself at level "feature" or without taxonomy). */
  collapsed: FeatureTable;
  level: string;
  /** Metadata rows in the table's sample order. */
  metadata: SampleMetadata;
  /** Exposure level of each analysed sample, by sample ID. */
  groupOf: ReadonlyMap<string, string>;
  warnings: string[];
}
