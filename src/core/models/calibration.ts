/**
 * Calibration of predicted probabilities for a binary outcome.
 * - Reliability table: probabilities cut into `bins` equal-width bins on [0, 1] (the last bin closed);
 *   per non-empty bin the count, mean predicted probability and observed event fraction.
 * - Logistic recalibration: the logistic regression logit P(y = 1) = a + b logit(p), fitted by Newton
 *   (IRLS) on the two parameters; b is the calibration slope (1 = ideal, < 1 = over-confident
 *   predictions), a the calibration intercept (0 = ideal when b = 1). Probabilities are clipped to
 *   [1e-8, 1 - 1e-8] before the logit. Matches R `glm(y ~ qlogis(p), family = binomial)` (equivalently
 *   rms::val.prob's "Intercept" and "Slope").
 * Reference: Cox DR (1958). Two further applications of a model for binary regression. Biometrika
 * 45:562-565. doi:10.1093/biomet/45.3-4.562; Van Calster B et al. (2019) BMC Med 17:230.
 * Edge cases: both classes needed; a perfectly separating logit(p) makes the fit diverge, which is
 * reported in `warnings` with the last iterate.
 */
import { InputError } from "../errors.js";

/**
 * One bin of a reliability table: its probability range, count, mean predicted probability and observed event
 * fraction.
 */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  n: number;
  meanPredicted: number;
  observedFraction: number;
}

/** Reliability table plus the logistic recalibration slope (1 = ideal) and intercept (0 = ideal). */
export interface Calibration {
  bins: ReliabilityBin[];
  slope: number;
  intercept: number;
  warnings: string[];
}

const CLIP = 1e-8;

/**
 * Calibration of predicted probabilities of a binary outcome: a reliability table over `bins`
 * equal-width bins and the logistic recalibration logit P(y) = a + b logit(p) (Cox 1958, Biometrika
 * 45:562, doi:10.1093/biomet/45.3-4.562), as R `glm(y ~ qlogis(p), family = binomial)`.
 * @throws {InputError} `out_of_range` (a label not 0/1 or a probability outside [0, 1]),
 *   `too_few_samples` (one class only, or lengths differ).
 */
export function calibration(y: ArrayLike<number>, prob: ArrayLike<number>, bins = 10): Calibration {
  const n = y.length;
  let n1 = 0;
  for (let i = 0; i < n; i++) {
    if ((y[i] !== 0 && y[i] !== 1) || !(prob[i]! >= 0 && prob[i]! <= 1)) {
      throw InputError.single({
        code: "out_of_range",
        message: `label ${i} = ${y[i]} or probability ${prob[i]} is outside its range`,
      });
    }
    n1 += y[i]!;
  }
  if (prob.length !== n || n1 === 0 || n1 === n) {
    throw InputError.single({
      code: "too_few_samples",
      message: "calibration needs equal-length labels and probabilities with both classes present",
    });
  }
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumY = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    const b = Math.min(bins - 1, Math.floor(prob[i]! * bins));
    count[b]!++;
    sumP[b]! += prob[i]!;
    sumY[b]! += y[i]!;
  }
  const table: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    table.push({
      lower: b / bins,
      upper: (b + 1) / bins,
      n: count[b]!,
      meanPredicted: sumP[b]! / count[b]!,
      observedFraction: sumY[b]! / count[b]!,
    });
  }
  const { a, b, converged } = logisticRecalibration(y, prob);
  return {
    bins: table,
    slope: b,
    intercept: a,
    warnings: converged ? [] : ["logistic recalibration did not converge (separation?)"],
  };
}

/** Newton-Raphson for logit P(y) = a + b x with x = logit(p). */
function logisticRecalibration(
  y: ArrayLike<number>,
  prob: ArrayLike<number>,
): { a: number; b: number; converged: boolean } {
  const n = y.length;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = Math.min(Math.max(prob[i]!, CLIP), 1 - CLIP);
    x[i] = Math.log(p / (1 - p));
  }
  let a = 0;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    // score (g0, g1) and information [[h00, h01], [h01, h11]] of (a, b)
    const [g0, g1, h00, h01, h11] = scoreAndInformation(y, x, a, b);
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0)) return { a, b, converged: false };
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    a += da;
    b += db;
    if (Math.abs(da) + Math.abs(db) < 1e-10 * (1 + Math.abs(a) + Math.abs(b)))
      return { a, b, converged: true };
  }
  return { a, b, converged: false };
}

/** Score and information of logit P(y) = a + b x: [g0, g1, h00, h01, h11]. */
function scoreAndInformation(
  y: ArrayLike<number>,
  x: Float64Array,
  a: number,
  b: number,
): [number, number, number, number, number] {
  const s: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const mu = 1 / (1 + Math.exp(-(a + b * x[i]!)));
    const w = mu * (1 - mu);
    const r = y[i]! - mu;
    s[0] += r;
    s[1] += r * x[i]!;
    s[2] += w;
    s[3] += w * x[i]!;
    s[4] += w * x[i]! * x[i]!;
  }
  return s;
}
