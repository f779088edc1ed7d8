/**
 * The one seedable pseudorandom number generator of gutresponse. Every stochastic function takes
 * `{ seed }` (or an `Rng` made from one), so the same seed gives the same bytes of output, in Node
 * and in browsers.
 *
 * Engine: Mersenne Twister MT19937 (Matsumoto & Nishimura 1998, ACM TOMACS 8:3-30; mt19937.ts),
 * bit-identical to numpy `RandomState(seed)` and @stdlib/random-base-mt19937 for the raw 32-bit
 * stream. `uniform` and `int` are those of `uniformStream` (mt19937.ts), which modules that need
 * only them (the permutation tests) use without loading the @stdlib samplers below.
 * - `uniform()`: 53-bit double in [0, 1) from two 32-bit draws (numpy `random_sample` construction:
 *   (a >>> 5) * 2^26 + (b >>> 6)) / 2^53).
 * - `int(n)`: unbiased integer in [0, n) by rejection on the 32-bit stream (no modulo bias).
 * - `normal()`: Marsaglia polar method; the spare value is cached so the stream is deterministic.
 * - `gamma(shape, rate)`, `poisson(mean)`: @stdlib samplers driven by this stream's `uniform`.
 * - `shuffle(a)`: Fisher–Yates (Knuth, TAOCP vol. 2, Algorithm P), in place.
 * - `fork(k)`: an independent child stream for task k (seeded from the parent seed and k), so parallel
 *   work split into tasks gives the same result whatever the number of threads.
 */
import gammaDist from "@stdlib/random-base-gamma";
import poissonDist from "@stdlib/random-base-poisson";
import { type UniformStream, uniformStream } from "./mt19937.js";

export type { UniformStream } from "./mt19937.js";

/** The seed of a stream: any finite number (folded into a positive 32-bit MT19937 seed). */
export interface RngOptions {
  seed: number;
}

/**
 * A seeded random stream (MT19937). The same seed gives the same sequence in Node and browsers; see
 * the module header for each draw's construction.
 */
export interface Rng extends UniformStream {
  /** A standard normal draw (mean 0, sd 1), Marsaglia polar method. */
  normal(): number;
  /** A gamma draw with the given shape and rate (mean shape / rate; rate defaults to 1). */
  gamma(shape: number, rate?: number): number;
  /** A Poisson draw with the given mean; 0 when mean ≤ 0. */
  poisson(mean: number): number;
  /** Shuffles `a` in place (Fisher–Yates, Knuth TAOCP vol. 2, Algorithm P). */
  shuffle<T>(a: T[] | Int32Array | Float64Array | Uint32Array): void;
  /**
   * An independent child stream for task `k`, seeded from this stream's seed and k (not from its
   * state), so work split into tasks gives the same result for any thread count or task order.
   */
  fork(k: number): Rng;
}

/**
 * Makes a seeded stream (Mersenne Twister MT19937; Matsumoto & Nishimura 1998, ACM TOMACS 8:3–30,
 * doi:10.1145/272991.272995), bit-identical to numpy `RandomState(seed)` for the raw 32-bit stream.
 * @throws {InputError} `out_of_range` when the seed is not a finite number.
 */
export function createRng(seedOrOptions: number | RngOptions): Rng {
  const stream = uniformStream(typeof seedOrOptions === "number" ? seedOrOptions : seedOrOptions.seed);
  const { seed, int } = stream;
  const uniform = stream.uniform;
  // Samplers are made on first use: making one draws from the stream, which must not shift the
  // uniform stream of callers that never use them.
  let gammaSampler: ((shape: number, rate: number) => number) | null = null;
  let poissonSampler: ((mean: number) => number) | null = null;
  let spareNormal: number | null = null;

  const rng: Rng = {
    seed,
    uniform,
    int,
    normal(): number {
      if (spareNormal !== null) {
        const v = spareNormal;
        spareNormal = null;
        return v;
      }
      let u = 0;
      let v = 0;
      let s = 0;
      do {
        u = 2 * uniform() - 1;
        v = 2 * uniform() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const f = Math.sqrt((-2 * Math.log(s)) / s);
      spareNormal = v * f;
      return u * f;
    },
    gamma(shape: number, rate = 1): number {
      gammaSampler ??= gammaDist.factory({ prng: uniform });
      return gammaSampler(shape, rate);
    },
    poisson(mean: number): number {
      if (mean <= 0) return 0;
      poissonSampler ??= poissonDist.factory({ prng: uniform });
      return poissonSampler(mean);
    },
    shuffle(a): void {
      for (let i = a.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
      }
    },
    fork(k: number): Rng {
      // Knuth multiplicative hash of (seed, k): distinct, well-spread child seeds.
      return createRng(((seed * 2654435761) ^ Math.imul(k + 1, 0x9e3779b1)) >>> 0);
    },
  };
  return rng;
}
