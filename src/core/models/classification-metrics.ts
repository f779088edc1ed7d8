/**
 * Discrimination and accuracy of predicted probabilities (or scores) for a binary outcome y in {0, 1}.
 *
 * - AUROC by the Mann-Whitney identity: AUC = (R_1 - n_1 (n_1 + 1) / 2) / (n_1 n_0), with R_1 the sum
 *   of mid-ranks of the positives' scores among all scores; equals P(S_1 > S_0) + P(S_1 = S_0) / 2
 *   (Hanley & McNeil 1982, Radiology 143:29, doi:10.1148/radiology.143.1.7063747).
 * - AUPRC as average precision AP = sum_k (R_k - R_{k-1}) P_k over the distinct score thresholds in
 *   decreasing order (tied scores form one threshold); matches scikit-learn
 *   `average_precision_score` (no interpolation).
 * - Brier score (1/n) sum (p_i - y_i)^2 (Brier 1950, Mon Weather Rev 78:1).
 * Edge cases: AUROC and AUPRC need both classes (InputError otherwise); non-finite scores are an
 * InputError.
 */
import { InputError } from "../errors.js";

function checkBinary(y: ArrayLike<number>, score: ArrayLike<number>, needBoth: boolean): number {
  if (y.length !== score.length) {
    throw InputError.single({
      code: "bad_argument",
      message: `${y.length} labels but ${score.length} scores`,
    });
  }
  let n1 = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw InputError.single({ code: "bad_level", message: `label ${i} is ${y[i]}, expected 0 or 1` });
    }
    if (!Number.isFinite(score[i]!)) {
      throw InputError.single({ code: "non_finite", message: `score ${i} is ${score[i]}` });
    }
    n1 += y[i]!;
  }
  if (needBoth && (n1 === 0 || n1 === y.length)) {
    throw InputError.single({
      code: "too_few_samples",
      message: "AUROC/AUPRC need both classes among the labels",
    });
  }
  return n1;
}

/** Indices sorted by score, descending. */
function orderDescending(score: ArrayLike<number>): Int32Array {
  const idx = new Int32Array(score.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => score[b]! - score[a]!);
}

/**
 * Area under the ROC curve via the Mann-Whitney U statistic with mid-ranks for ties.
 * Hanley & McNeil 1982, Radiology 143:29, doi:10.1148/radiology.143.1.7063747.
 * @throws {InputError} `bad_argument` (lengths differ), `bad_level` (a label not 0/1), `non_finite`
 *   (a score), `too_few_samples` (one class only).
 */
export function auroc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const n1 = checkBinary(y, score, true);
  const n = y.length;
  const n0 = n - n1;
  const idx = orderDescending(score);
  // Ascending rank of position k in the descending order is n - k; ties share the mean rank.
  let rankSumPos = 0;
  for (let k = 0; k < n; ) {
    let e = k + 1;
    while (e < n && score[idx[e]!] === score[idx[k]!]) e++;
    const midRank = n - (k + e - 1) / 2;
    for (let t = k; t < e; t++) if (y[idx[t]!] === 1) rankSumPos += midRank;
    k = e;
  }
  return (rankSumPos - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}

/**
 * The empirical ROC curve: (false-positive rate, true-positive rate) at every distinct score
 * threshold, from (0, 0) to (1, 1); tied scores move diagonally, so the trapezoid area under these
 * points equals `auroc` (the Mann-Whitney identity).
 * @throws {InputError} `bad_argument` (lengths differ), `bad_level` (a label not 0/1), `non_finite`
 *   (a score), `too_few_samples` (one class only).
 */
export function rocCurve(y: ArrayLike<number>, score: ArrayLike<number>): { fpr: number; tpr: number }[] {
  const n1 = checkBinary(y, score, true);
  const n0 = y.length - n1;
  const idx = orderDescending(score);
  const points = [{ fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < idx.length; ) {
    let e = k;
    while (e < idx.length && score[idx[e]!] === score[idx[k]!]) {
      if (y[idx[e]!] === 1) tp++;
      else fp++;
      e++;
    }
    points.push({ fpr: fp / n0, tpr: tp / n1 });
    k = e;
  }
  return points;
}

/**
 * Average precision (area under the precision-recall curve, step interpolation).
 * @throws {InputError} `bad_argument` (lengths differ), `bad_level` (a label not 0/1), `non_finite`
 *   (a score), `too_few_samples` (one class only).
 */
export function auprc(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const n1 = checkBinary(y, score, true);
  const n = y.length;
  const idx = orderDescending(score);
  let tp = 0;
  let seen = 0;
  let ap = 0;
  let prevRecall = 0;
  for (let k = 0; k < n; ) {
    let e = k;
    while (e < n && score[idx[e]!] === score[idx[k]!]) {
      tp += y[idx[e]!]!;
      e++;
    }
    seen = e;
    const recall = tp / n1;
    ap += (recall - prevRecall) * (tp / seen);
    prevRecall = recall;
    k = e;
  }
  return ap;
}

/**
 * Brier score: mean squared difference between predicted probability and outcome.
 * Brier 1950, Mon Weather Rev 78:1, doi:10.1175/1520-0493(1950)078<0001:VOFEIT>2.0.CO;2.
 * @throws {InputError} `bad_argument` (lengths differ), `bad_level` (a label not 0/1), `non_finite`.
 */
export function brierScore(y: ArrayLike<number>, prob: ArrayLike<number>): number {
  checkBinary(y, prob, false);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (prob[i]! - y[i]!) ** 2;
  return s / y.length;
}
