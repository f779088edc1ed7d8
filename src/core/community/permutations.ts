/**
 * Permutation machinery shared by the community tests (PERMANOVA, PERMDISP, ANOSIM, Mantel):
 * seeded random permutations (free, or within strata = blocks), exact enumeration for tiny designs,
 * and one p-value rule.
 *
 * Random permutations: Fisher–Yates shuffle (Knuth, TAOCP vol. 2, Algorithm P) driven by the one
 * PRNG (src/core/random/rng.ts). With strata, each block's positions are shuffled among themselves
 * only (vegan/permute `how(blocks = strata)`), so no sample ever moves across blocks.
 *
 * Exact enumeration: every permutation within blocks (the product of the block factorials), in
 * lexicographic order per block; the identity is one of them. p is then #{T* >= T} / N exactly.
 *
 * Monte Carlo p-value (Phipson & Smyth 2010, doi:10.2202/1544-6115.1585; vegan):
 *   p = (1 + #{T* >= T - tol}) / (1 + B),  tol = sqrt(2^-52) * max(1, |T|)  (~1.49e-8),
 * never 0. The tolerance counts floating-point ties (a permutation that reproduces the observed
 * grouping gives T* equal to T up to rounding) as ties. vegan's `anova.cca` family uses the
 * absolute `T* >= T - sqrt(.Machine$double.eps)`; we scale it with |T| so that large statistics
 * are treated alike. vegan's `anosim` and `mantel` compare without tolerance and `permutest.betadisper`
 * rounds both sides to 12 digits; the difference matters only for exact ties.
 */
import { InputError } from "../errors.js";
import type { Rng } from "../random/rng.js";
import { createRng } from "../random/rng.js";

/** Relative tolerance for floating-point ties between a permuted and the observed statistic. */
export const TIE_TOLERANCE = Math.sqrt(2 ** -52);

/** Whether a permuted statistic counts as at least as extreme as the observed one. */
export function atLeastAsExtreme(permuted: number, observed: number): boolean {
  return permuted >= observed - TIE_TOLERANCE * Math.max(1, Math.abs(observed));
}

/** Largest number of permutations `permutations: "exact"` will enumerate. */
export const MAX_EXACT_PERMUTATIONS = 100_000;

/**
 * Codes stratum labels as block indices 0..k-1 (first-seen order). A missing label (null) is an
 * error: a sample with unknown stratum cannot be permuted correctly.
 * @throws {InputError} `bad_argument` naming the samples without a stratum.
 */
export function strataBlocks(labels: readonly (string | null)[]): Int32Array {
  const codes = new Map<string, number>();
  const out = new Int32Array(labels.length);
  const missing: number[] = [];
  labels.forEach((label, i) => {
    if (label === null) {
      missing.push(i);
      return;
    }
    let c = codes.get(label);
    if (c === undefined) {
      c = codes.size;
      codes.set(label, c);
    }
    out[i] = c;
  });
  if (missing.length > 0) {
    throw InputError.single({
      code: "bad_argument",
      message: `${missing.length} sample(s) have no stratum (missing value), e.g. row ${missing[0]}`,
      hint: "give every sample a stratum, or drop those samples first",
    });
  }
  return out;
}

/** Positions of each block, in ascending order. */
function blockMembers(n: number, blocks: Int32Array | undefined): Int32Array[] {
  if (blocks === undefined) return [Int32Array.from({ length: n }, (_, i) => i)];
  if (blocks.length !== n) throw new RangeError(`strata has ${blocks.length} entries for ${n} samples`);
  const lists: number[][] = [];
  for (let i = 0; i < n; i++) {
    const b = blocks[i]!;
    lists[b] ??= [];
    lists[b].push(i);
  }
  return lists.filter((l) => l !== undefined).map((l) => Int32Array.from(l));
}

/** Fills `out` with a random permutation of 0..n-1 that keeps every index inside its block. */
export type PermutationSource = (out: Int32Array) => void;

/**
 * A seeded permutation generator: each call fills `out` (length n) so that sample `out[i]` takes
 * position i. No allocation per call.
 */
export function randomPermuter(n: number, rng: Rng, blocks?: Int32Array): PermutationSource {
  const members = blockMembers(n, blocks);
  const scratch = new Int32Array(n);
  return (out) => {
    for (const m of members) {
      const k = m.length;
      for (let a = 0; a < k; a++) scratch[a] = m[a]!;
      for (let a = k - 1; a > 0; a--) {
        const b = rng.int(a + 1);
        const t = scratch[a]!;
        scratch[a] = scratch[b]!;
        scratch[b] = t;
      }
      for (let a = 0; a < k; a++) out[m[a]!] = scratch[a]!;
    }
  };
}

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}

/** Number of distinct permutations within blocks: the product of the block-size factorials. */
export function countPermutations(n: number, blocks?: Int32Array): number {
  return blockMembers(n, blocks).reduce((acc, m) => acc * factorial(m.length), 1);
}

/** Advances `a` to the next lexicographic permutation; false (and `a` sorted) after the last. */
function nextLexicographic(a: Int32Array): boolean {
  let i = a.length - 2;
  while (i >= 0 && a[i]! >= a[i + 1]!) i--;
  if (i < 0) {
    a.reverse();
    return false;
  }
  let j = a.length - 1;
  while (a[j]! <= a[i]!) j--;
  let t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
  for (let l = i + 1, r = a.length - 1; l < r; l++, r--) {
    t = a[l]!;
    a[l] = a[r]!;
    a[r] = t;
  }
  return true;
}

/**
 * Every permutation within blocks, each written into the same `Int32Array` (copy it to keep it).
 * The first one is the identity. Throws when there are more than `limit`.
 * @throws {InputError} `too_large` when there are more than `limit` permutations.
 */
export function* enumeratePermutations(
  n: number,
  blocks?: Int32Array,
  limit = MAX_EXACT_PERMUTATIONS,
): Generator<Int32Array> {
  const total = countPermutations(n, blocks);
  if (total > limit) {
    throw InputError.single({
      code: "too_large",
      message: `exact enumeration needs ${total} permutations (limit ${limit})`,
      hint: "use a number of random permutations instead",
    });
  }
  const members = blockMembers(n, blocks);
  const orders = members.map((m) => Int32Array.from(m));
  const out = new Int32Array(n);
  const write = (): void => {
    members.forEach((m, b) => {
      const o = orders[b]!;
      for (let a = 0; a < m.length; a++) out[m[a]!] = o[a]!;
    });
  };
  for (;;) {
    write();
    yield out;
    // Odometer over blocks: advance the first block that has a next permutation.
    let b = 0;
    while (b < orders.length && !nextLexicographic(orders[b]!)) b++;
    if (b === orders.length) return;
  }
}

/**
 * How a permutation test permutes: how many times, with which seed, within which strata, with progress and
 * abort.
 */
export interface PermutationTestOptions {
  /** Number of random permutations (default 999), or "exact" for full enumeration. */
  permutations?: number | "exact";
  /** Seed of the one PRNG (default 42); ignored for exact enumeration. */
  seed?: number;
  /** Block index per sample (see `strataBlocks`): permute only within blocks. */
  strata?: Int32Array;
  /** Called every so often with (permutations done, total). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Random permutations only: evaluate permutations from .. to - 1 (0-based) of the seeded
   * sequence, still drawing the others, so ranges run on different threads add up to one run. */
  range?: readonly [number, number];
}

/**
 * A statistic evaluated for several permutations at once (outs[b] for perms[b]), for kernels that
 * share one pass over their data among a block; must give what the one-at-a-time statistic gives.
 */
export interface BlockStatistic {
  /** Permutations per call (the last call may get fewer). */
  size: number;
  /** Fills `outs[b]` with the statistics of permutation `perms[b]`, for each b. */
  run(perms: readonly Int32Array[], outs: readonly Float64Array[]): void;
}

/** Raw outcome of {@link permutationTest}: exceedance counts, permutations evaluated and p per statistic. */
export interface PermutationCounts {
  /** #{T* >= T - tol} per statistic. */
  readonly exceed: Int32Array;
  /** Permutations evaluated (excluding the observed one for random permutations). */
  readonly permutations: number;
  readonly exact: boolean;
  /** p-value per statistic: (1 + exceed)/(1 + B), or exceed / N for exact enumeration. */
  readonly p: Float64Array;
}

/** Fields every permutation-test result carries. */
export interface PermutationSummary {
  sampleSize: number;
  /** Permutations evaluated (all of them for exact enumeration). */
  permutations: number;
  exact: boolean;
  seed: number;
  warnings: string[];
}

/** The PermutationSummary of a finished test. */
export function permutationSummary(
  counts: PermutationCounts,
  sampleSize: number,
  seed: number | undefined,
  warnings: string[],
): PermutationSummary {
  return { sampleSize, permutations: counts.permutations, exact: counts.exact, seed: seed ?? 42, warnings };
}

/** How often to report progress and check the abort signal. */
const PROGRESS_EVERY = 100;

/**
 * Runs a permutation test of one or more statistics. `statistic(perm, out)` fills `out` with the
 * statistics for the permutation `perm` (sample perm[i] at position i). `observed` holds the
 * statistics of the identity. A NaN observed statistic gets p = NaN (callers report it as null).
 * @throws {InputError} `bad_argument` unless `permutations` is a non-negative integer or "exact";
 *   `too_large` for an exact enumeration above {@link MAX_EXACT_PERMUTATIONS}.
 */
export function permutationTest(
  n: number,
  observed: Float64Array,
  statistic: (perm: Int32Array, out: Float64Array) => void,
  options: PermutationTestOptions = {},
  block?: BlockStatistic,
): PermutationCounts {
  const { permutations = 999, seed = 42, strata, onProgress, signal, range } = options;
  const k = observed.length;
  const exceed = new Int32Array(k);
  const stats = new Float64Array(k);
  const tally = (): void => {
    for (let s = 0; s < k; s++) if (atLeastAsExtreme(stats[s]!, observed[s]!)) exceed[s]!++;
  };
  const step = (done: number, total: number): void => {
    if (done % PROGRESS_EVERY !== 0 && done !== total) return;
    signal?.throwIfAborted();
    onProgress?.(done, total);
  };
  if (permutations === "exact") {
    const total = countPermutations(n, strata);
    let done = 0;
    for (const perm of enumeratePermutations(n, strata)) {
      statistic(perm, stats);
      tally();
      step(++done, total);
    }
    const p = Float64Array.from(exceed, (e, s) => (Number.isNaN(observed[s]!) ? Number.NaN : e / total));
    return { exceed, permutations: total, exact: true, p };
  }
  if (!Number.isInteger(permutations) || permutations < 0) {
    throw InputError.single({
      code: "bad_argument",
      message: `permutations must be a non-negative integer or "exact", got ${permutations}`,
    });
  }
  signal?.throwIfAborted();
  const next = randomPermuter(n, createRng(seed), strata);
  const [from, to] = range ?? [0, permutations];
  const skip = new Int32Array(n);
  for (let b = 0; b < Math.min(from, permutations); b++) next(skip);
  const stop = Math.min(to, permutations);
  if (block) {
    // the same permutations in the same order, evaluated `size` at a time
    const perms = Array.from({ length: block.size }, () => new Int32Array(n));
    const outs = Array.from({ length: block.size }, () => new Float64Array(k));
    for (let done = from; done < stop; ) {
      const size = Math.min(block.size, stop - done);
      for (let b = 0; b < size; b++) next(perms[b]!);
      block.run(size === block.size ? perms : perms.slice(0, size), outs);
      for (let b = 0; b < size; b++) {
        stats.set(outs[b]!);
        tally();
        step(++done, permutations);
      }
    }
  } else {
    const perm = new Int32Array(n);
    for (let b = from + 1; b <= stop; b++) {
      next(perm);
      statistic(perm, stats);
      tally();
      step(b, permutations);
    }
  }
  return randomCounts(exceed, observed, permutations);
}

/** Counts and Monte Carlo p-values of `permutations` random permutations with these exceedances. */
export function randomCounts(
  exceed: Int32Array,
  observed: Float64Array,
  permutations: number,
): PermutationCounts {
  const p = Float64Array.from(exceed, (e, s) =>
    Number.isNaN(observed[s]!) || permutations === 0 ? Number.NaN : (1 + e) / (1 + permutations),
  );
  return { exceed, permutations, exact: false, p };
}

/** A p-value as results carry it: null when it could not be computed. */
export function pOrNull(p: number): number | null {
  return Number.isNaN(p) ? null : p;
}
