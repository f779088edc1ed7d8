/**
 * Label-permutation test of "the model predicts better than chance": the statistic (e.g. the nested
 * CV AUROC or R^2) is recomputed after permuting the outcome B times — the whole pipeline, CV
 * included, is re-run by `statistic` for each permutation — and
 *   p = (1 + #{T*_b >= T - tol}) / (1 + B),  tol = 1e-12 (1 + |T|) for floating ties,
 * which is never 0 (Phipson & Smyth 2010, Stat Appl Genet Mol Biol 9:39, doi:10.2202/1544-6115.1585).
 * Larger statistics mean better prediction. Permutations are of samples; with repeated samples per
 * subject pass `groups` to permute whole subjects' outcome vectors only when every subject has one
 * outcome value (else an InputError), which keeps the within-subject structure exchangeable.
 * The statistics of the B permutations are independent of one another once the permutations are
 * drawn, so `permutationSources` draws them all first (one RNG stream, in order) and a caller may
 * evaluate them in any order or in parallel (`statistics`), with the same result bit for bit.
 * Reference: Ojala M, Garriga GC (2010). Permutation tests for studying classifier performance.
 * J Mach Learn Res 11:1833-1863.
 */
import { InputError } from "../errors.js";
import { createRng } from "../random/rng.js";

/**
 * Options of {@link permutationNull}: B permutations, the seed, and subject groups to permute whole subjects.
 */
export interface PermutationNullOptions {
  permutations: number;
  seed: number;
  groups?: readonly string[];
}

/** The observed statistic, its B permuted values and the permutation p. */
export interface PermutationNull {
  observed: number;
  null: number[];
  p: number;
  permutations: number;
  seed: number;
}

/** Index permutation mapping: each sample i takes the outcome of `source[i]`. */
function permutedSource(
  n: number,
  rng: ReturnType<typeof createRng>,
  groups?: readonly string[],
): Int32Array {
  const source = Int32Array.from({ length: n }, (_, i) => i);
  if (!groups) {
    rng.shuffle(source);
    return source;
  }
  const ids = [...new Set(groups)];
  const first = ids.map((g) => groups.indexOf(g));
  const order = Int32Array.from(first.keys());
  rng.shuffle(order);
  const target = new Map(ids.map((g, u) => [g, first[order[u]!]!]));
  for (let i = 0; i < n; i++) source[i] = target.get(groups[i]!)!;
  return source;
}

/**
 * The B permutations of `permutationNull`, in the order it uses them (same seed, same sources):
 * sample i of permutation b takes the outcome of sample `sources[b][i]`.
 */
export function permutationSources(
  n: number,
  permutations: number,
  seed: number,
  groups?: readonly string[],
): Int32Array[] {
  const rng = createRng(seed);
  return Array.from({ length: permutations }, () => permutedSource(n, rng, groups));
}

/** The outcome y permuted by `source` (sample i takes y[source[i]]). */
export function permutedOutcome(y: Float64Array, source: Int32Array): Float64Array {
  return Float64Array.from(source, (s) => y[s]!);
}

function checkGroups(y: Float64Array, groups: readonly string[]): void {
  const value = new Map<string, number>();
  groups.forEach((g, i) => {
    if (value.has(g) && value.get(g) !== y[i]) {
      throw InputError.single({
        code: "bad_argument",
        message: `subject '${g}' has more than one outcome value`,
        hint: "group-wise permutation needs one outcome per subject",
      });
    }
    value.set(g, y[i]!);
  });
}

/** p = (1 + #{T*_b >= T - tol}) / (1 + B) from the observed and the null statistics. */
export function permutationP(observed: number, nullStats: readonly number[]): number {
  const tol = 1e-12 * (1 + Math.abs(observed));
  let atLeast = 0;
  for (const t of nullStats) if (t >= observed - tol) atLeast++;
  return (1 + atLeast) / (1 + nullStats.length);
}

/**
 * Label-permutation test that a model predicts better than chance (Ojala & Garriga 2010, JMLR
 * 11:1833): p = (1 + #{T* ≥ T − tol}) / (1 + B), never 0 (Phipson & Smyth 2010,
 * doi:10.2202/1544-6115.1585). `statistic` re-runs the whole pipeline for each permuted outcome.
 * @throws {InputError} `bad_argument` when a subject has more than one outcome value (with groups).
 */
export function permutationNull(
  y: Float64Array,
  statistic: (yPermuted: Float64Array) => number,
  opts: PermutationNullOptions & {
    /** The null statistics, already evaluated (e.g. in parallel) on `permutationSources`. */
    statistics?: readonly number[];
    /** The observed statistic, already evaluated. */
    observed?: number;
  },
): PermutationNull {
  if (opts.groups) checkGroups(y, opts.groups);
  const observed = opts.observed ?? statistic(y);
  const nullStats =
    opts.statistics?.slice() ??
    permutationSources(y.length, opts.permutations, opts.seed, opts.groups).map((source) =>
      statistic(permutedOutcome(y, source)),
    );
  if (nullStats.length !== opts.permutations) {
    throw new Error(`${nullStats.length} null statistics for ${opts.permutations} permutations`);
  }
  return {
    observed,
    null: nullStats,
    p: permutationP(observed, nullStats),
    permutations: opts.permutations,
    seed: opts.seed,
  };
}
