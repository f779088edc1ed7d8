/**
 * Multiple-testing adjustment of p-values.
 *
 * With m non-missing p-values sorted p(1) <= ... <= p(m):
 *   bonferroni: min(1, m p)
 *   holm:       p~(i) = min(1, max_{j<=i} (m - j + 1) p(j))                     (step-down)
 *   bh:         p~(i) = min(1, min_{j>=i} (m / j) p(j))                          (step-up)
 *   by:         as bh with an extra factor c(m) = sum_{k=1..m} 1/k
 * NaN entries pass through as NaN and are excluded from m (R `p.adjust` with NA). Tied p-values get
 * identical adjusted values. An input outside [0, 1] is an InputError.
 *
 * Matches: R 4.x `p.adjust(p, method = "bonferroni" | "holm" | "BH" | "BY")`.
 * References: Holm S (1979) Scand J Stat 6:65–70; Benjamini Y, Hochberg Y (1995) JRSS B 57:289–300,
 * doi:10.1111/j.2517-6161.1995.tb02031.x; Benjamini Y, Yekutieli D (2001) Ann Stat 29:1165–1188,
 * doi:10.1214/aos/1013699998.
 */

import { InputError } from "../errors.js";

/** A multiple-testing adjustment: Benjamini–Hochberg, Benjamini–Yekutieli, Bonferroni or Holm. */
export type PAdjustMethod = "bh" | "by" | "bonferroni" | "holm";

/** Indices of the non-NaN entries, sorted by p (ascending); validates the range. */
export function sortedFinite(p: ArrayLike<number>): Int32Array {
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (Number.isNaN(v)) continue;
    if (!(v >= 0 && v <= 1)) {
      throw InputError.single({
        code: "out_of_range",
        message: `p-value ${v} at position ${i} is outside [0, 1]`,
        hint: "p-values must be probabilities; NaN marks a missing one",
      });
    }
    idx.push(i);
  }
  return Int32Array.from(idx).sort((a, b) => p[a]! - p[b]! || a - b);
}

/** Step-up BH-type adjustment min(1, min_{j>=i} factor * (m / j) p(j)), written into `out`. */
export function stepUp(p: ArrayLike<number>, order: Int32Array, factor: number, out: Float64Array): void {
  const m = order.length;
  let running = Number.POSITIVE_INFINITY;
  for (let j = m; j >= 1; j--) {
    const k = order[j - 1]!;
    running = Math.min(running, factor * (m / j) * p[k]!);
    out[k] = Math.min(1, running);
  }
}

/** Step-down Holm adjustment min(1, max_{j<=i} (m - j + 1) p(j)), written into `out`. */
export function stepDown(p: ArrayLike<number>, order: Int32Array, out: Float64Array): void {
  const m = order.length;
  let running = 0;
  for (let j = 1; j <= m; j++) {
    const k = order[j - 1]!;
    running = Math.max(running, (m - j + 1) * p[k]!);
    out[k] = Math.min(1, running);
  }
}

/**
 * Adjusted p-values, aligned with `p`; NaN entries stay NaN and are not counted. As R `p.adjust`
 * (Holm 1979, Scand J Stat 6:65; Benjamini & Hochberg 1995, doi:10.1111/j.2517-6161.1995.tb02031.x;
 * Benjamini & Yekutieli 2001, doi:10.1214/aos/1013699998).
 * @throws {InputError} `out_of_range` (a p-value outside [0, 1]), `bad_argument` (unknown method).
 */
export function adjustPValues(p: ArrayLike<number>, method: PAdjustMethod): Float64Array {
  const out = new Float64Array(p.length).fill(Number.NaN);
  const order = sortedFinite(p);
  const m = order.length;
  switch (method) {
    case "bonferroni":
      for (const k of order) out[k] = Math.min(1, m * p[k]!);
      break;
    case "holm":
      stepDown(p, order, out);
      break;
    case "bh":
      stepUp(p, order, 1, out);
      break;
    case "by": {
      let c = 0;
      for (let k = 1; k <= m; k++) c += 1 / k;
      stepUp(p, order, c, out);
      break;
    }
    default:
      throw InputError.single({
        code: "bad_argument",
        message: `unknown p-value adjustment '${String(method)}'`,
        hint: "use one of bh, by, bonferroni, holm",
      });
  }
  return out;
}
