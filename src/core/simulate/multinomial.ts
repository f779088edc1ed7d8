/**
 * Exact multinomial sampler: (X_1..X_K) ~ Multinomial(n, p_1..p_K) by conditional binomials
 * (Devroye 1986, "Non-Uniform Random Variate Generation", ch. XI.1):
 *   X_k | X_1..X_{k-1} ~ Binomial(n - sum_{j<k} X_j, p_k / sum_{j>=k} p_j),
 * with the exact binomial sampler of binomial.ts. The tail sums are computed from the end (no
 * cancellation), so the last category with positive weight gets p = 1 and takes the remainder.
 *
 * Weights need not sum to 1 (they are normalised); they must be finite and >= 0 with a positive
 * total unless n = 0. Zero-weight categories always get 0. Cost O(K + sum_k sqrt(n_k p_k)).
 * Used to draw sequencing reads from a participant's true relative abundances.
 */
import { InputError } from "../errors.js";
import type { Rng } from "../random/rng.js";
import { sampleBinomial } from "./binomial.js";

/**
 * Fills `out` (length K) with one multinomial draw of `n` items over the weights; `scratch` (length
 * K) may be passed to avoid allocating the tail sums.
 */
export function sampleMultinomial(
  rng: Rng,
  n: number,
  weights: ArrayLike<number>,
  out: Float64Array | Int32Array,
  scratch: Float64Array = new Float64Array(weights.length),
): void {
  const k = weights.length;
  if (out.length < k || scratch.length < k)
    throw InputError.single({ code: "bad_value", message: "out and scratch must hold one entry per weight" });
  let tail = 0;
  for (let j = k - 1; j >= 0; j--) {
    const w = weights[j]!;
    if (!(w >= 0) || !Number.isFinite(w))
      throw InputError.single({
        code: "bad_value",
        message: `multinomial weight ${j} must be finite and >= 0, got ${w}`,
      });
    tail += w;
    scratch[j] = tail;
  }
  if (n > 0 && !(tail > 0))
    throw InputError.single({ code: "bad_value", message: "multinomial weights must have a positive total" });
  let left = n;
  for (let j = 0; j < k; j++) {
    if (left === 0) {
      out[j] = 0;
      continue;
    }
    const w = weights[j]!;
    const x = w === 0 ? 0 : sampleBinomial(rng, left, Math.min(1, w / scratch[j]!));
    out[j] = x;
    left -= x;
  }
}
