/**
 * The study config (study.yaml): one file that says which data to read, the design (exposure,
 * reference level, covariates, strata), the host outcomes, dose columns, analysis settings and the
 * seed. Validated with a zod schema; every problem becomes an InputError issue naming the key, the
 * line in the YAML file and what was expected. Unknown keys are errors (a typo must not be silently
 * ignored). Defaults are pinned here and documented in docs/STUDY.md.
 */
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { ASSOCIATION_MODELS } from "../assoc/associations.js";
import { ALPHA_METRIC_IDS } from "../alpha/alpha-diversity.js";
import { BETA_METRIC_IDS } from "../beta/beta-diversity.js";
import { OUTCOME_TYPES } from "../assoc/outcome-vector.js";
import { DA_METHODS } from "../da/types.js";
import { type Issue, InputError } from "../errors.js";
import { PREDICTION_MODELS } from "../models/model-names.js";
import { RANKS } from "../table/taxonomy.js";
import { confirmatoryAnalysisKeys, hypothesisSchema, sensitivitySchema } from "./config-hypotheses.js";

const [, ...RANKS_BELOW_DOMAIN] = RANKS;
/** `analysis.level`: each feature as it is, or the taxonomy's ranks below domain. */
export const RANK_LEVELS = ["feature", ...RANKS_BELOW_DOMAIN] as const;

const columnName = z.string().min(1);

const outcomeSchema = z.strictObject({
  column: columnName,
  type: z.enum(OUTCOME_TYPES),
  /** For binary outcomes: the level counted as the event (e.g. "yes"). */
  positive: z.string().optional(),
});

const analysisSchema = z.strictObject({
  level: z.enum(RANK_LEVELS).default("genus"),
  min_prevalence: z.number().min(0).max(1).default(0.1),
  min_depth: z.number().int().min(0).default(1000),
  rarefy: z.union([z.literal("auto"), z.literal("none"), z.number().int().min(1)]).default("auto"),
  permutations: z.number().int().min(9).max(1_000_000).default(999),
  fdr: z.number().gt(0).lt(1).default(0.1),
  alpha_metrics: z.array(z.enum(ALPHA_METRIC_IDS)).optional(),
  beta_metrics: z.array(z.enum(BETA_METRIC_IDS)).optional(),
  da_methods: z.array(z.enum(DA_METHODS)).default(["linda", "ancombc", "aldex2", "maaslin"]),
  /** Model of the taxon-outcome association scan (core/assoc/associations.ts). */
  association_model: z.enum(ASSOCIATION_MODELS).default("agreement"),
  ...confirmatoryAnalysisKeys,
});

const predictionSchema = z.strictObject({
  targets: z.array(columnName).default([]),
  models: z.array(z.enum(PREDICTION_MODELS)).default(["elastic_net", "random_forest"]),
  folds: z.number().int().min(2).max(20).default(5),
  repeats: z.number().int().min(1).max(50).default(3),
  permutations: z.number().int().min(0).max(10_000).default(99),
  /** Elastic-net mixing values tried in the inner CV (1 = lasso). */
  alphas: z.array(z.number().gt(0).max(1)).min(1).default([0.1, 0.5, 1]),
  inner_folds: z.number().int().min(2).max(20).default(5),
  /** Trees of each random forest. */
  trees: z.number().int().min(10).max(5000).default(500),
});

export const studyConfigSchema = z.strictObject({
  name: z.string().min(1),
  /** Study-specific caveats (e.g. what is known about the exposure) added to the report's caveats. */
  caveats: z.array(z.string().min(1)).default([]),
  data: z.strictObject({
    table: z.string().min(1),
    metadata: z.string().min(1),
    taxonomy: z.string().min(1).optional(),
    tree: z.string().min(1).optional(),
    /** Data dictionary TSV declaring each questionnaire column's type, unit, range and levels. */
    dictionary: z.string().min(1).optional(),
  }),
  design: z.strictObject({
    exposure: columnName,
    /** Optional: defaults to the exposure's first level in R's sorted order (resolveReference). */
    reference: z.string().min(1).optional(),
    covariates: z.array(columnName).default([]),
    strata: columnName.nullable().default(null),
    subject: columnName.nullable().default(null),
    /** Time/visit column of a repeated-measures design: a term after the exposure (needs subject). */
    time: columnName.nullable().default(null),
    /** Leave out exposure groups with fewer than MIN_GROUP_SIZE samples instead of refusing. */
    drop_small_groups: z.boolean().default(false),
  }),
  outcomes: z.array(outcomeSchema).default([]),
  dose: z.array(columnName).default([]),
  analysis: analysisSchema.prefault({}),
  prediction: predictionSchema.optional(),
  hypotheses: z.array(hypothesisSchema).default([]),
  sensitivity: sensitivitySchema,
  /** Label-permutation calibration of the DA and association lists; shuffles: 0 disables it. */
  calibration: z.strictObject({ shuffles: z.number().int().min(0).max(1000).default(20) }).prefault({}),
  seed: z.number().int().min(0).default(42),
});

/** study.yaml as parsed: `design.reference` may be absent until the data are loaded. */
export type StudyConfigInput = z.infer<typeof studyConfigSchema>;
/** A study config with its reference level resolved (resolveReference): what the steps read. */
export type StudyConfig = StudyConfigInput & { design: StudyConfigInput["design"] & { reference: string } };
export type OutcomeSpec = z.infer<typeof outcomeSchema>;

type YamlDoc = ReturnType<typeof parseDocument>;
type Path = (string | number)[];

/** Offset of a key (when `key` is given) or of the value at `path` in the YAML text. */
function offsetOf(doc: YamlDoc, path: Path, key?: string): number | undefined {
  if (key !== undefined) {
    const map = (path.length === 0 ? doc.contents : doc.getIn(path, true)) as {
      items?: { key?: { value?: unknown; range?: [number, number, number] } }[];
    } | null;
    return map?.items?.find((p) => p.key?.value === key)?.key?.range?.[0];
  }
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  return node?.range?.[0];
}

/** Deepest `[`/`{` nesting accepted; a study.yaml needs 3, and the YAML parser slows down past 1000s. */
const MAX_FLOW_NESTING = 64;

/** Refuses absurd flow nesting (`[[[[...`) before the YAML parser spends seconds on it. */
function checkNesting(text: string, source: string): void {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 91 || c === 123) depth++;
    else if ((c === 93 || c === 125) && depth > 0) depth--;
    if (depth > MAX_FLOW_NESTING) {
      throw InputError.single({
        code: "bad_config",
        file: source,
        line,
        message: `brackets nested more than ${MAX_FLOW_NESTING} deep`,
        hint: "a study.yaml needs a few levels; check for a stray '[' or '{'",
      });
    }
  }
}

/**
 * Parses and validates study.yaml text. `source` names the file in errors. Throws InputError with
 * one issue per problem (YAML syntax errors, wrong types, unknown keys, out-of-range values).
 */
export function parseStudyConfig(text: string, source = "study.yaml"): StudyConfigInput {
  checkNesting(text, source);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map(
        (e): Issue => ({
          code: "bad_config",
          file: source,
          line: lineCounter.linePos(e.pos[0]).line,
          message: `YAML syntax: ${e.message.split("\n")[0]}`,
          hint: "check indentation and quoting",
        }),
      ),
    );
  }
  const result = studyConfigSchema.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((issue): Issue[] => {
    const path = issue.path as Path;
    const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    return unknownKeys.map((key) => {
      const offset = offsetOf(doc, path, key);
      return {
        code: "bad_config",
        file: source,
        line: offset === undefined ? undefined : lineCounter.linePos(offset).line,
        key: [...path.map(String), ...(key === undefined ? [] : [key])].join(".") || "(top level)",
        message: key === undefined ? issue.message : "unknown key",
        hint:
          key === undefined
            ? "docs/STUDY.md describes every key and its allowed values"
            : "check the spelling; docs/STUDY.md lists every key",
      };
    });
  });
  throw new InputError(issues);
}
