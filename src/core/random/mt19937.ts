/**
 * The engine of the one seeded random stream (rng.ts): Mersenne Twister MT19937 (Matsumoto &
 * Nishimura 1998, ACM TOMACS 8:3-30, doi:10.1145/272991.272995), seeded by `init_genrand(seed)`
 * as the reference C code, numpy `RandomState(seed)` and @stdlib/random-base-mt19937 with an
 * integer seed, so the raw 32-bit stream is bit-identical to theirs (tested against @stdlib).
 *
 *   state:  mt[0] = s;  mt[i] = 1812433253 (mt[i-1] ^ (mt[i-1] >>> 30)) + i  (mod 2^32)
 *   twist:  y = (mt[i] & 0x80000000) | (mt[i+1] & 0x7fffffff);
 *           mt[i] = mt[i+397] ^ (y >>> 1) ^ (y odd ? 0x9908b0df : 0)
 *   output: tempering y ^= y>>>11; y ^= (y<<7) & 0x9d2c5680; y ^= (y<<15) & 0xefc60000; y ^= y>>>18
 *
 * Kept here, a few lines, rather than imported: the @stdlib package pulls ~40 modules whose
 * loading alone took ~0.2 s of CPU per process, more than a 999-permutation PERMANOVA on 1,000
 * samples spends permuting. `uniformStream` (the uniform and integer draws) is all that the
 * permutation tests need, so they do not load rng.ts's gamma and Poisson samplers either.
 */
import { InputError } from "../errors.js";

const N = 624;
const M = 397;
const UPPER = 0x80000000;
const LOWER = 0x7fffffff;
const MATRIX_A = 0x9908b0df;
const TWO_POW_26 = 67108864;
const TWO_POW_53 = 9007199254740992;
const UINT32_RANGE = 4294967296;

/**
 * The MT19937 word stream from `init_genrand(seed)`; seed is taken mod 2^32. A class, so hot loops
 * that call `next()` per draw (gamma-sampler.ts) get it inlined.
 */
export class Mt19937 {
  private readonly mt = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    Mt19937.seedState(this.mt, seed);
  }

  /** `init_genrand(seed)`: the first 624 words of state into `mt` (seed taken mod 2^32). */
  static seedState(mt: Uint32Array, seed: number): void {
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const s = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = Math.imul(s, 1812433253) + i;
    }
  }

  /** Next tempered 32-bit word (an integer in [0, 2^32)). */
  next(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** All 624 words at once, in the reference code's three runs (no index needs a modulo). */
  private twist(): void {
    const mt = this.mt;
    let i = 0;
    for (; i < N - M; i++) {
      const y = (mt[i]! & UPPER) | (mt[i + 1]! & LOWER);
      mt[i] = mt[i + M]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; i < N - 1; i++) {
      const y = (mt[i]! & UPPER) | (mt[i + 1]! & LOWER);
      mt[i] = mt[i + M - N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    const y = (mt[N - 1]! & UPPER) | (mt[0]! & LOWER);
    mt[N - 1] = mt[M - 1]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.index = 0;
  }
}

/** Folds any finite number into a valid MT19937 seed (a positive 32-bit integer). */
export function normaliseSeed(seed: number): number {
  if (!Number.isFinite(seed))
    throw InputError.single({ code: "out_of_range", message: `seed must be a finite number, got ${seed}` });
  const s = Math.abs(Math.trunc(seed)) % 4294967295;
  return s === 0 ? 1 : s;
}

/** The uniform and integer draws of a seeded stream (the part of `Rng` that permutations need). */
export interface UniformStream {
  readonly seed: number;
  /** A double in [0, 1) with 53 random bits (numpy `random_sample` construction). */
  uniform(): number;
  /**
   * An unbiased integer in [0, n), by rejection (no modulo bias).
   * @throws {InputError} `out_of_range` unless n is an integer with 1 ≤ n ≤ 2^32.
   */
  int(n: number): number;
}

/**
 * The uniform and integer draws of the stream that `createRng(seed)` (rng.ts) makes: the same
 * draws, bit for bit, without loading its gamma and Poisson samplers.
 * - `uniform()`: (a >>> 5) * 2^26 + (b >>> 6)) / 2^53 from two 32-bit draws (numpy `random_sample`);
 * - `int(n)`: rejection on the 32-bit stream below the largest multiple of n, then x mod n.
 * @throws {InputError} `out_of_range` when the seed is not a finite number.
 */
export function uniformStream(seedValue: number): UniformStream {
  const seed = normaliseSeed(seedValue);
  const words = new Mt19937(seed);
  return {
    seed,
    uniform(): number {
      const a = words.next() >>> 5;
      const b = words.next() >>> 6;
      return (a * TWO_POW_26 + b) / TWO_POW_53;
    },
    int(n: number): number {
      if (!(n >= 1) || n > UINT32_RANGE || !Number.isInteger(n)) {
        throw InputError.single({
          code: "out_of_range",
          message: `int(n) needs an integer 1 <= n <= 2^32, got ${n}`,
        });
      }
      // floor division instead of `%` on doubles (V8 calls fmod for it): the same integers, ~2x
      // faster per draw. Exact: x / n below an integer k is at least 1/n below it, 2^-32 of k
      // relative, so rounding never reaches k; the products stay below 2^53
      const limit = Math.floor(UINT32_RANGE / n) * n;
      let x = words.next();
      while (x >= limit) x = words.next();
      return x - Math.floor(x / n) * n;
    },
  };
}
