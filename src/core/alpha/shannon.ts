/**
 * Shannon entropy: H = -sum_i p_i log_b(p_i), p_i = x_i / sum(x), terms with p_i = 0 omitted.
 * Base e by default (nats); `base: 2` gives bits (H_2 = H_e / ln 2).
 *
 * Edge cases: an all-zero sample has no proportions: NaN (alphaDiversity reports it in warnings).
 * A single feature gives H = 0. Terms are summed with compensation (compensated-sum.ts).
 * Matches: vegan 2.6-4 `diversity(x, "shannon", base = exp(1) | 2)`; scikit-bio 0.5.8
 * `shannon(counts, base=e | 2)` (whose default base is 2: ours is e, as vegan's).
 * Reference: Shannon CE (1948) A mathematical theory of communication. Bell Syst Tech J 27:379-423.
 * doi:10.1002/j.1538-7305.1948.tb01338.x
 */
import { InputError } from "../errors.js";
import { CompensatedSum } from "./compensated-sum.js";

/** Options of {@link shannon}. */
export interface ShannonOptions {
  /** Logarithm base; default e. */
  base?: number;
}

/**
 * Shannon entropy −Σ p_i log_b p_i of one sample's counts, in nats by default (base e, as vegan;
 * scikit-bio defaults to bits); NaN for an all-zero sample. Shannon 1948,
 * doi:10.1002/j.1538-7305.1948.tb01338.x.
 * @throws {InputError} `bad_argument` when the base is ≤ 0 or 1.
 */
export function shannon(counts: ArrayLike<number>, options: ShannonOptions = {}): number {
  const base = options.base ?? Math.E;
  if (!(base > 0) || base === 1)
    throw InputError.single({
      code: "bad_argument",
      message: `Shannon base must be > 0 and != 1, got ${base}`,
    });
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  if (!(total > 0)) return Number.NaN;
  const h = new CompensatedSum();
  for (let i = 0; i < counts.length; i++) {
    const x = counts[i]!;
    if (x > 0) {
      const p = x / total;
      h.add(-p * Math.log(p));
    }
  }
  return base === Math.E ? h.value : h.value / Math.log(base);
}
