/**
 * Label-permutation test of "the model predicts better than chance": the statistic (e.g. the nested
 * CV AUROC or R^2) is recomputed after permuting the outcome B times — the whole pipeline, CV
 * included, is re-run by `statistic` for each permutation — and
 *   p = (1 + #{T*_b >= T - tol}) / (1 + B),  tol = 1e-12 (1 + |T|) for floating ties,
 * which is never 0 (Phipson & Smyth 2010, Stat Appl Genet Mol Biol 9:39, doi:10.2202/1544-6115.1585).
 * Larger statistics mean better prediction. Permutations are of samples; with repeated samples per
 * subject pass `groups` to permute whole subjects' outcome vectors only when every subject has one
 * outcome value (else an InputError), which keeps the within-subject structure exchangeable.
 * Reference: Ojala M, Garriga GC (2010). Permutation tests for studying classifier performance.
 * J Mach Learn Res 11:1833-1863.
 */
import { InputError } from "../errors.js";
import { createRng } from "../random/rng.js";

export interface PermutationNullOptions {
  permutations: number;
  seed: number;
  groups?: readonly string[];
}

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

export function permutationNull(
  y: Float64Array,
  statistic: (yPermuted: Float64Array) => number,
  opts: PermutationNullOptions,
): PermutationNull {
  const n = y.length;
  if (opts.groups) {
    const value = new Map<string, number>();
    opts.groups.forEach((g, i) => {
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
  const observed = statistic(y);
  const rng = createRng(opts.seed);
  const nullStats: number[] = [];
  const yp = new Float64Array(n);
  let atLeast = 0;
  const tol = 1e-12 * (1 + Math.abs(observed));
  for (let b = 0; b < opts.permutations; b++) {
    const source = permutedSource(n, rng, opts.groups);
    for (let i = 0; i < n; i++) yp[i] = y[source[i]!]!;
    const t = statistic(yp);
    nullStats.push(t);
    if (t >= observed - tol) atLeast++;
  }
  return {
    observed,
    null: nullStats,
    p: (1 + atLeast) / (1 + opts.permutations),
    permutations: opts.permutations,
    seed: opts.seed,
  };
}
