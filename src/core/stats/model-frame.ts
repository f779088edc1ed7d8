/**
 * Model frame: the response and the design matrix of a formula with a response ("y ~ a + b"), over
 * the same complete cases, as R's `model.frame` + `model.response` + `model.matrix`.
 *
 * Response coding: a numeric column as is; a categorical column as 0/1 with 1 = `options.positive`,
 * else (exactly two levels) 1 = the second level in R's sorted factor order (table/level-order.ts)
 * — R's glm convention that the first factor level is "failure". Rows with a missing response or a missing predictor are dropped
 * and listed in `droppedIds` (in row order); `design.rows` indexes `options.ids` (or the metadata
 * rows), as for `designMatrix`.
 *
 * Edge cases: no response in the formula, an unknown response column, a categorical response with
 * other than two levels and no `positive`, or a `positive` level that does not occur -> InputError.
 * Matches: R 4.x `model.frame(y ~ ..., data)` row selection (na.action = na.omit).
 * Reference: Chambers JM, Hastie TJ (eds) (1992) Statistical Models in S, ch. 2. Wadsworth.
 */

import { InputError } from "../errors.js";
import { getColumn, isMissing, type MetadataColumn, type SampleMetadata } from "../table/metadata.js";
import { type DesignMatrix, type DesignMatrixOptions, designMatrix } from "./design-matrix.js";
import { type Formula, parseFormula } from "./formula.js";

/** Options of {@link modelFrame}. */
export interface ModelFrameOptions extends DesignMatrixOptions {
  /** For a categorical response: the level coded 1. */
  positive?: string;
}

/**
 * A response vector and its design matrix over the same complete cases, and the samples dropped for missing
 * values.
 */
export interface ModelFrame {
  response: string;
  /** y[i] belongs to design row i. */
  y: Float64Array;
  design: DesignMatrix;
  droppedIds: string[];
}

function responseCoder(column: MetadataColumn, positive: string | undefined): (row: number) => number {
  if (column.kind === "numeric") {
    if (positive !== undefined) {
      throw InputError.single({
        code: "bad_argument",
        message: `'positive' was given but the response '${column.name}' is numeric`,
        column: column.name,
      });
    }
    return (row) => column.values[row]!;
  }
  const level = positive ?? (column.levels.length === 2 ? column.levels[1] : undefined);
  if (level === undefined || !column.levels.includes(level)) {
    throw InputError.single({
      code: "bad_level",
      message:
        positive === undefined
          ? `categorical response '${column.name}' has ${column.levels.length} levels; name the positive one`
          : `positive level '${positive}' does not occur in '${column.name}'`,
      column: column.name,
      hint: `levels present: ${column.levels.join(", ") || "(none: every value is missing)"}`,
    });
  }
  return (row) => (column.values[row] === level ? 1 : 0);
}

/**
 * The parsed formula, which must have a response.
 * @throws {InputError} `bad_formula` when it has none.
 */
function withResponse(formula: string | Formula): Formula & { response: string } {
  const f = typeof formula === "string" ? parseFormula(formula) : formula;
  if (f.response === undefined) {
    throw InputError.single({
      code: "bad_formula",
      message: "the formula has no response: write it as 'outcome ~ predictors'",
    });
  }
  return { ...f, response: f.response };
}

/**
 * The response and design matrix of `y ~ …` over complete cases (R `model.frame` + `model.response`
 * + `model.matrix`); a two-level categorical response is coded 0/1 (1 = `positive`, else the second
 * level).
 * @throws {InputError} `bad_formula` (no response), `missing_column`, `bad_level` (categorical
 *   response without two levels or an absent `positive`), `bad_argument` (`positive` with a numeric
 *   response), plus those of {@link designMatrix}.
 */
export function modelFrame(
  formula: string | Formula,
  metadata: SampleMetadata,
  options: ModelFrameOptions = {},
): ModelFrame {
  const f = withResponse(formula);
  const column = getColumn(metadata, f.response);
  if (!column) {
    throw InputError.single({
      code: "missing_column",
      message: `response '${f.response}' is not a metadata column`,
      column: f.response,
      hint: `available columns: ${metadata.columns.map((c) => c.name).join(", ")}`,
    });
  }
  const code = responseCoder(column, options.positive);
  const candidateIds = options.ids ?? metadata.ids;
  const rowOf = new Map(metadata.ids.map((id, i) => [id, i]));
  const keptIds: string[] = [];
  const keptPositions: number[] = [];
  candidateIds.forEach((id, k) => {
    const r = rowOf.get(id);
    if (r === undefined || !isMissing(column, r)) {
      keptIds.push(id);
      keptPositions.push(k);
    }
  });
  const design = designMatrix(f, metadata, { ...options, ids: keptIds });
  const y = Float64Array.from(design.rows, (k) => code(rowOf.get(keptIds[k]!)!));
  const rows = Int32Array.from(design.rows, (k) => keptPositions[k]!);
  const usedIds = new Set(Array.from(design.rows, (k) => keptIds[k]!));
  const droppedIds = candidateIds.filter((id) => !usedIds.has(id));
  return { response: f.response, y, design: { ...design, rows, droppedIds }, droppedIds };
}
