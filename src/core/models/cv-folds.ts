/**
 * Fold assignment for (repeated) k-fold cross-validation.
 *
 * Units are samples, or whole groups (subjects) when `groups` is given, so all samples of one subject
 * fall in the same fold (grouped CV; no subject is in both training and test data). With `strata`
 * (a binary or categorical label per sample; per group the label of its first sample) units are
 * shuffled within each stratum and dealt to folds in turn, continuing the rotation from one stratum
 * to the next, so every fold gets nearly the same class balance and size (as scikit-learn
 * `StratifiedKFold(shuffle = True)`; with groups, as `StratifiedGroupKFold` in spirit).
 * Repeat r shuffles with rng.fork(r) of the seed, so repeats are independent and reproducible.
 * Edge cases: k must be between 2 and the number of units (InputError otherwise).
 */
import { InputError } from "../errors.js";
import { createRng } from "../random/rng.js";

/** Options of {@link cvFolds}: k, repeats (default 1), seed, and optional strata and subject groups. */
export interface FoldOptions {
  k: number;
  repeats?: number;
  seed: number;
  /** Stratify on this label (one value per sample). */
  strata?: ArrayLike<number>;
  /** Group (subject) ID per sample; groups are kept whole. */
  groups?: readonly string[];
}

/** Sample indices outside (train) and inside (test) fold f. */
export function foldSplit(folds: ArrayLike<number>, f: number): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < folds.length; i++) (folds[i] === f ? test : train).push(i);
  return { train, test };
}

/**
 * One Int32Array of fold IDs (0..k-1) per repeat.
 * @throws {InputError} `bad_argument` (one group ID per sample needed), `out_of_range` (k not between
 *   2 and the number of units).
 */
export function cvFolds(n: number, opts: FoldOptions): Int32Array[] {
  const unitOf = new Int32Array(n);
  const unitFirst: number[] = [];
  if (opts.groups) {
    if (opts.groups.length !== n) {
      throw InputError.single({
        code: "bad_argument",
        message: `${opts.groups.length} group IDs for ${n} samples`,
      });
    }
    const ids = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const g = opts.groups[i]!;
      let u = ids.get(g);
      if (u === undefined) {
        u = unitFirst.length;
        ids.set(g, u);
        unitFirst.push(i);
      }
      unitOf[i] = u;
    }
  } else {
    for (let i = 0; i < n; i++) {
      unitOf[i] = i;
      unitFirst.push(i);
    }
  }
  const units = unitFirst.length;
  const k = opts.k;
  if (!Number.isInteger(k) || k < 2 || k > units) {
    throw InputError.single({
      code: "out_of_range",
      message: `k = ${k} folds needs 2 <= k <= ${units} (the number of ${opts.groups ? "groups" : "samples"})`,
    });
  }
  // strata of units, in order of first appearance
  const strataKeys = new Map<number, number[]>();
  for (let u = 0; u < units; u++) {
    const key = opts.strata ? opts.strata[unitFirst[u]!]! : 0;
    const list = strataKeys.get(key) ?? [];
    list.push(u);
    strataKeys.set(key, list);
  }
  const strata = [...strataKeys.keys()]
    .sort((a, b) => a - b)
    .map((key) => Int32Array.from(strataKeys.get(key)!));
  const root = createRng(opts.seed);
  const out: Int32Array[] = [];
  for (let r = 0; r < (opts.repeats ?? 1); r++) {
    const rng = root.fork(r);
    const unitFold = new Int32Array(units);
    let next = rng.int(k);
    for (const s of strata) {
      const order = Int32Array.from(s);
      rng.shuffle(order);
      for (const u of order) {
        unitFold[u] = next;
        next = (next + 1) % k;
      }
    }
    out.push(Int32Array.from(unitOf, (u) => unitFold[u]!));
  }
  return out;
}
