/**
 * Permutation machinery shared by the community tests (PERMANOVA, PERMDISP, ANOSIM, Mantel) and the
 * study's calibration shuffles: one permutation design (`PermutationDesign`, as permute's `how()`:
 * free, within strata = blocks, or whole plots), seeded random permutations, exact enumeration for
 * tiny designs, and one p-value rule.
 *
 * Random permutations: Fisher–Yates shuffle (Knuth, TAOCP vol. 2, Algorithm P) driven by the one
 * PRNG (src/core/random/rng.ts; its uniform and integer draws, `uniformStream`) over the exchangeable units of each block: single samples, or whole
 * plots. With strata, each block's units are shuffled among themselves only (`how(blocks =
 * strata)`), so no sample ever moves across blocks; with plots, the samples of a plot move together
 * (`how(plots = Plots(strata = plots, type = "free"), within = Within(type = "none"))`). A free
 * design and a design whose units are single samples draw exactly the same permutations.
 *
 * Exact enumeration: every permutation of the units within blocks (the product of the factorials
 * of the units per block), in lexicographic order per block; the identity is one of them. p is then
 * #{T* >= T} / N exactly.
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
import { type UniformStream, uniformStream } from "../random/mt19937.js";

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

/**
 * The exchangeable units of each block: units[b][u] lists the positions of unit u of block b in
 * ascending order. A unit is one sample (free permutation) or one whole plot; plots must lie inside
 * one block and the plots of a block must have equal sizes (sample j of one plot trades places
 * with sample j of another, as permute's whole-plot permutation requires).
 */
function unitsOf(n: number, blocks?: Int32Array, plots?: Int32Array): Int32Array[][] {
  for (const [name, codes] of [
    ["strata", blocks],
    ["plots", plots],
  ] as const) {
    if (codes !== undefined && codes.length !== n) {
      throw InputError.single({
        code: "bad_argument",
        message: `${name} has ${codes.length} entries for ${n} samples`,
        hint: "give one label per sample, in the samples' order",
      });
    }
  }
  const byBlock = new Map<number, Map<number, number[]>>();
  const blockOfPlot = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const b = blocks?.[i] ?? 0;
    const unit = plots ? plots[i]! : i;
    if (plots && (blockOfPlot.get(unit) ?? b) !== b) {
      throw InputError.single({
        code: "bad_argument",
        message: `plot ${unit} spans several strata (blocks)`,
        hint: "plots must be nested in strata: every sample of a plot in the same stratum",
      });
    }
    blockOfPlot.set(unit, b);
    const units = byBlock.get(b) ?? new Map<number, number[]>();
    byBlock.set(b, units);
    const list = units.get(unit) ?? [];
    units.set(unit, list);
    list.push(i);
  }
  return [...byBlock.keys()]
    .sort((a, b) => a - b)
    .map((b) => {
      const units = [...byBlock.get(b)!.values()].map((l) => Int32Array.from(l));
      if (units.some((u) => u.length !== units[0]!.length)) {
        throw InputError.single({
          code: "bad_argument",
          message: `whole-plot permutation needs plots of equal size; sizes: ${units.map((u) => u.length).join(", ")}`,
          hint: "permute within plots instead (strata), or keep the same number of samples per plot",
        });
      }
      return units;
    });
}

/** Fills `out` with a random permutation of 0..n-1 that keeps every index inside its block. */
export type PermutationSource = (out: Int32Array) => void;

/**
 * A seeded permutation generator: each call fills `out` (length n) so that sample `out[i]` takes
 * position i. Within each block (`blocks`: block index per sample, see `strataBlocks`) its units are
 * shuffled by Fisher–Yates: single samples, or whole plots (`plots`: plot index per sample), whose
 * samples move together and keep their order. With singleton units the draws are those of a free
 * (or within-block) permutation of the samples. No allocation per call.
 */
export function randomPermuter(
  n: number,
  rng: UniformStream,
  blocks?: Int32Array,
  plots?: Int32Array,
): PermutationSource {
  const layout = unitsOf(n, blocks, plots);
  const order = new Int32Array(n);
  return (out) => {
    for (const units of layout) {
      const k = units.length;
      for (let a = 0; a < k; a++) order[a] = a;
      for (let a = k - 1; a > 0; a--) {
        const b = rng.int(a + 1);
        const t = order[a]!;
        order[a] = order[b]!;
        order[b] = t;
      }
      writeUnits(units, order, out);
    }
  };
}

/** Unit a of a block takes the samples of unit order[a], position by position. */
function writeUnits(units: readonly Int32Array[], order: Int32Array, out: Int32Array): void {
  for (let a = 0; a < units.length; a++) {
    const to = units[a]!;
    const from = units[order[a]!]!;
    for (let j = 0; j < to.length; j++) out[to[j]!] = from[j]!;
  }
}

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}

/** Number of distinct permutations: the product over blocks of (units in the block)!. */
export function countPermutations(n: number, blocks?: Int32Array, plots?: Int32Array): number {
  return unitsOf(n, blocks, plots).reduce((acc, units) => acc * factorial(units.length), 1);
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
  plots?: Int32Array,
  limit = MAX_EXACT_PERMUTATIONS,
): Generator<Int32Array> {
  const total = countPermutations(n, blocks, plots);
  if (total > limit) {
    throw InputError.single({
      code: "too_large",
      message: `exact enumeration needs ${total} permutations (limit ${limit})`,
      hint: "use a number of random permutations instead",
    });
  }
  const layout = unitsOf(n, blocks, plots);
  const orders = layout.map((units) => Int32Array.from(units.keys()));
  const out = new Int32Array(n);
  for (;;) {
    layout.forEach((units, b) => writeUnits(units, orders[b]!, out));
    yield out;
    // Odometer over blocks: advance the first block that has a next permutation.
    let b = 0;
    while (b < orders.length && !nextLexicographic(orders[b]!)) b++;
    if (b === orders.length) return;
  }
}

/**
 * A permutation design, as the R package permute's `how()` (Simpson GL, permute: Functions for
 * generating restricted permutations of data, CRAN), which vegan's tests take: what rearrangements
 * of the samples are exchangeable under the null hypothesis. Labels are given per sample in the
 * order of the test's input (the distance matrix's IDs); every community test (PERMANOVA, PERMDISP,
 * ANOSIM, Mantel) and the study's calibration shuffles take it the same way.
 *
 * - neither `strata` nor `plots`: free permutation of all samples (`how()`);
 * - `strata`: samples are permuted only within their stratum (`how(blocks = strata)`);
 * - `plots`: whole plots (e.g. the samples of one subject) are permuted among each other as units,
 *   samples keep their order within a plot (`how(plots = Plots(strata = plots, type = "free"),
 *   within = Within(type = "none"))`); with `strata` too, plots move only within their stratum.
 */
export interface PermutationDesign {
  /** Number of random permutations (default 999), or "exact" for full enumeration. */
  permutations?: number | "exact";
  /** Seed of the one PRNG (default 42); ignored for exact enumeration. */
  seed?: number;
  /** Stratum (block) label per sample; a missing label (null) is an InputError. */
  strata?: readonly (string | null)[];
  /** Whole-plot label per sample; plots of one stratum must have equal sizes (InputError). */
  plots?: readonly (string | null)[];
}

/**
 * Per-sample values permuted by a design (the study's calibration shuffles): without plots, sample
 * i takes the value of sample perm[i] of a random permutation (free or within strata; the same
 * draws as `randomPermuter`). With plots, the value of each plot (it must be the same for all its
 * samples) moves to another plot as a whole, so plots may differ in size: every sample of a plot
 * ends up with the one value the plot was given.
 * @throws {InputError} `bad_argument` for a missing stratum or plot label, or a value that varies
 *   within a plot.
 */
export function permuteValues<T>(
  values: readonly T[],
  design: Pick<PermutationDesign, "strata" | "plots">,
  rng: UniformStream,
): T[] {
  const n = values.length;
  const { blocks, plots } = designCodes(design, undefined);
  if (!plots) {
    const perm = new Int32Array(n);
    randomPermuter(n, rng, blocks)(perm);
    return Array.from(perm, (from) => values[from]!);
  }
  const first = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const f = first.get(plots[i]!) ?? i;
    first.set(plots[i]!, f);
    if (!Object.is(values[f], values[i])) {
      throw InputError.single({
        code: "bad_argument",
        message: `plot '${design.plots![i]}' holds different values (${String(values[f])}, ${String(values[i])}): whole plots cannot carry one value`,
        hint: "permute within plots instead (strata)",
      });
    }
  }
  const heads = [...first.values()];
  const perm = new Int32Array(heads.length);
  randomPermuter(heads.length, rng, blocks && Int32Array.from(heads, (i) => blocks[i]!))(perm);
  const plotValue = new Map(heads.map((i, a) => [plots[i]!, values[heads[perm[a]!]!]!]));
  return values.map((_, i) => plotValue.get(plots[i]!)!);
}

/** Block and plot codes of a design over the samples `rows` (indices into its label arrays). */
function designCodes(
  design: PermutationDesign,
  rows: ArrayLike<number> | undefined,
): { blocks?: Int32Array; plots?: Int32Array } {
  const pick = (labels: readonly (string | null)[]): Int32Array =>
    strataBlocks(rows === undefined ? labels : Array.from(rows, (i) => labels[i] ?? null));
  return {
    ...(design.strata ? { blocks: pick(design.strata) } : {}),
    ...(design.plots ? { plots: pick(design.plots) } : {}),
  };
}

/** A permutation design plus how the test reports and splits its work. */
export interface PermutationTestOptions extends PermutationDesign {
  /** Called every so often with (permutations done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Checked every so often: an aborted signal stops the test (its reason is thrown). */
  signal?: AbortSignal;
  /** Random permutations only: returns the next chunk of the seeded sequence for this thread to
   * evaluate (chunk c = permutations c * size .. c * size + size - 1, size = the block statistic's
   * size, else 1), increasing; a chunk past the end stops. The permutations of other chunks are
   * still drawn (so every thread sees the one sequence) but not evaluated: threads that claim
   * chunks from one shared counter add up to one run. Default: every chunk, in order. */
  claim?: () => number;
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
 * The design's labels are read at `rows` (the test's samples as indices into them; default 0..n-1).
 * @throws {InputError} `bad_argument` unless `permutations` is a non-negative integer or "exact",
 *   for a missing stratum or plot label, or unequal plots; `too_large` for an exact enumeration above
 *   {@link MAX_EXACT_PERMUTATIONS}.
 */
export function permutationTest(
  n: number,
  observed: Float64Array,
  statistic: (perm: Int32Array, out: Float64Array) => void,
  options: PermutationTestOptions = {},
  block?: BlockStatistic,
  rows?: ArrayLike<number>,
): PermutationCounts {
  const { permutations = 999, seed = 42, onProgress, signal, claim } = options;
  const { blocks, plots } = designCodes(options, rows);
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
    const total = countPermutations(n, blocks, plots);
    let done = 0;
    for (const perm of enumeratePermutations(n, blocks, plots)) {
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
  const next = randomPermuter(n, uniformStream(seed), blocks, plots);
  // the same permutations in the same order, evaluated `size` at a time
  const size = block?.size ?? 1;
  const perms = Array.from({ length: size }, () => new Int32Array(n));
  const outs = Array.from({ length: size }, () => new Float64Array(k));
  let chunk = -1;
  const nextChunk = claim ?? (() => ++chunk);
  let done = 0;
  for (let drawn = 0; ; ) {
    const from = nextChunk() * size;
    if (from >= permutations) break;
    for (; drawn < from; drawn++) next(perms[0]!); // other threads' permutations
    const count = Math.min(size, permutations - from);
    for (let b = 0; b < count; b++) next(perms[b]!);
    drawn += count;
    if (block) block.run(count === size ? perms : perms.slice(0, count), outs);
    else statistic(perms[0]!, outs[0]!);
    for (let b = 0; b < count; b++) {
      stats.set(outs[b]!);
      tally();
      step(++done, permutations);
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

/**
 * A one-statistic permutation test (PERMDISP, ANOSIM, Mantel): `statistic(perm)` is the statistic
 * with sample perm[i] at position i, `observed` that of the identity; p (null when undefined) and
 * the summary fields every result carries. `rows`: as `permutationTest`.
 */
export function singleStatisticTest(
  n: number,
  observed: number,
  statistic: (perm: Int32Array) => number,
  options: PermutationTestOptions,
  warnings: string[],
  rows?: ArrayLike<number>,
): { p: number | null } & PermutationSummary {
  const fill = (perm: Int32Array, out: Float64Array): void => {
    out[0] = statistic(perm);
  };
  const counts = permutationTest(n, Float64Array.of(observed), fill, options, undefined, rows);
  return { p: pOrNull(counts.p[0]!), ...permutationSummary(counts, n, options.seed, warnings) };
}

/** A p-value as results carry it: null when it could not be computed. */
export function pOrNull(p: number): number | null {
  return Number.isNaN(p) ? null : p;
}
