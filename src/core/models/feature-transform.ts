/**
 * Per-sample feature transforms applied before modelling. They use one sample's own values only (no
 * parameters learned from a cohort), so they cannot leak information between CV folds and are
 * applied identically at prediction time.
 * - `clr`: centred log-ratio, clr(x)_j = log(x_j + c) - (1/p) sum_k log(x_k + c), pseudocount c > 0
 *   (Aitchison 1986, doi:10.1007/978-94-009-4109-0); the same values as src/core/table/clr.ts on a
 *   FeatureTable, but on one dense row at a time, which is what predicting one person needs;
 * - `log`: log(x_j + c);
 * - `none`: values as given.
 */
import { InputError } from "../errors.js";

/**
 * A per-sample transform applied before modelling (no parameters learned from a cohort, so no CV
 * leakage): CLR (Aitchison 1986, doi:10.1007/978-94-009-4109-0), log, or none; c is the pseudocount.
 */
export type FeatureTransform =
  | { type: "clr"; pseudocount: number }
  | { type: "log"; pseudocount: number }
  | { type: "none" };

/** Transforms row `row` of `src` (row-major, p columns) into `dst` at the same row. */
function transformRow(
  t: FeatureTransform,
  src: ArrayLike<number>,
  dst: Float64Array,
  row: number,
  p: number,
): void {
  const off = row * p;
  if (t.type === "none") {
    for (let j = 0; j < p; j++) dst[off + j] = src[off + j]!;
    return;
  }
  let mean = 0;
  for (let j = 0; j < p; j++) {
    const v = src[off + j]! + t.pseudocount;
    if (!(v > 0)) {
      throw InputError.single({
        code: "negative_value",
        message: `value ${src[off + j]} in row ${row}, column ${j} cannot be log-transformed with pseudocount ${t.pseudocount}`,
      });
    }
    const l = Math.log(v);
    dst[off + j] = l;
    mean += l;
  }
  if (t.type === "log") return;
  mean /= p;
  for (let j = 0; j < p; j++) dst[off + j]! -= mean;
}

/**
 * Applies the transform to every row of row-major x (n x p).
 * @throws {InputError} `negative_value` for a value the log transforms cannot take.
 */
export function applyFeatureTransform(
  t: FeatureTransform,
  x: ArrayLike<number>,
  n: number,
  p: number,
): Float64Array {
  const out = new Float64Array(n * p);
  for (let i = 0; i < n; i++) transformRow(t, x, out, i, p);
  return out;
}
