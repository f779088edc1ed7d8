/**
 * Inductive Venn-Abers predictor: a calibrated probability with an interval for a binary outcome from
 * any score. With calibration scores s_i and labels y_i and a new score s, fit isotonic regression
 * (pool-adjacent-violators, ties pooled) to the calibration set plus (s, 0) -> p0 = fitted value at s,
 * and plus (s, 1) -> p1. [p0, p1] is the multiprobability interval; the merged probability is
 * p = p1 / (1 - p0 + p1) (log-loss minimax merge). Validity: one of p0, p1 is perfectly calibrated
 * under exchangeability.
 * Reference: Vovk V, Petej I, Fedorova V (2015). Large-scale probabilistic predictors with and
 * without guarantees of validity. NeurIPS 28; Vovk & Petej (2014) UAI, arXiv:1211.0025.
 */
import { InputError } from "../errors.js";

/** Venn–Abers multiprobability interval [p0, p1] and the merged probability p1 / (1 − p0 + p1). */
export interface VennAbers {
  p0: number;
  p1: number;
  probability: number;
}

/** Isotonic (non-decreasing) fit value at `score` of the points (scores, labels) plus (score, label). */
function isotonicAt(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  score: number,
  label: number,
): number {
  const n = scores.length + 1;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const sa = a < n - 1 ? scores[a]! : score;
    const sb = b < n - 1 ? scores[b]! : score;
    return sa - sb;
  });
  // blocks: sum of labels, weight, score key; equal scores start pooled in one block
  const sum = new Float64Array(n);
  const weight = new Float64Array(n);
  const key = new Float64Array(n);
  let top = -1;
  let previous = Number.NaN;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    const s = i < n - 1 ? scores[i]! : score;
    const l = i < n - 1 ? labels[i]! : label;
    const tied = s === previous;
    previous = s;
    if (tied) {
      sum[top]! += l;
      weight[top]!++;
    } else {
      top++;
      sum[top] = l;
      weight[top] = 1;
      key[top] = s;
    }
    while (top > 0 && sum[top - 1]! / weight[top - 1]! >= sum[top]! / weight[top]!) {
      sum[top - 1]! += sum[top]!;
      weight[top - 1]! += weight[top]!;
      top--;
    }
  }
  // the block whose score range contains `score`: the last block whose starting key <= score
  let b = 0;
  while (b + 1 <= top && key[b + 1]! <= score) b++;
  return sum[b]! / weight[b]!;
}

/**
 * Inductive Venn–Abers calibrated probability for a new score from calibration scores and 0/1 labels
 * (isotonic regression; Vovk, Petej & Fedorova 2015, NeurIPS 28).
 * @throws {InputError} `bad_argument` for unequal or empty calibration data or a non-finite score.
 */
export function vennAbers(
  calScores: ArrayLike<number>,
  calLabels: ArrayLike<number>,
  score: number,
): VennAbers {
  if (calScores.length !== calLabels.length || calScores.length === 0 || !Number.isFinite(score)) {
    throw InputError.single({
      code: "bad_argument",
      message: "Venn-Abers needs equal-length, non-empty calibration scores and labels and a finite score",
    });
  }
  const p0 = isotonicAt(calScores, calLabels, score, 0);
  const p1 = isotonicAt(calScores, calLabels, score, 1);
  return { p0, p1, probability: p1 / (1 - p0 + p1) };
}
