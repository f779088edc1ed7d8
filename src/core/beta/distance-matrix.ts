/**
 * DistanceMatrix: sample IDs and the condensed upper triangle (row-major, i < j), n(n-1)/2 doubles,
 * as scipy's `squareform` and scikit-bio store it. Square form is built only at I/O.
 *
 *   index(i, j) for i < j = n*i - i*(i+1)/2 + (j - i - 1)
 */
import { InputError } from "../errors.js";
import { positionsOf } from "../ids.js";

/**
 * Pairwise distances between samples: the IDs and the condensed upper triangle (n(n−1)/2 values, row-major, i
 * < j).
 */
export interface DistanceMatrix {
  readonly ids: readonly string[];
  readonly condensed: Float64Array;
}

/**
 * The most samples one distance matrix can have: its n(n−1)/2 distances must fit in one typed array,
 * and JavaScript engines cap a typed array at 2^32 elements (V8 in Node 20 and Chromium), so
 * n(n−1)/2 <= 4,294,967,296 gives n <= 92,682.
 */
export const MAX_MATRIX_SAMPLES = 92_682;

/**
 * Refuses a matrix of more than {@link MAX_MATRIX_SAMPLES} samples before anything is allocated.
 * @throws InputError `too_large`, naming `source` (a file or a command) and what still works.
 */
export function checkMatrixSamples(n: number, source: string): void {
  if (n <= MAX_MATRIX_SAMPLES) return;
  throw InputError.single({
    code: "too_large",
    file: source,
    message: `${n} samples make ${((n * (n - 1)) / 2).toLocaleString("en-US")} distances; one matrix holds at most ${MAX_MATRIX_SAMPLES.toLocaleString("en-US")} samples (2^32 distances, the longest typed array a JavaScript engine allows)`,
    hint: "`beta --stripes I/N` jobs and `beta-merge --out F.h5` (streamed) work at any size, but no command can hold this matrix (beta without --stripes, lsmat output, pcoa, permanova ...): split the samples (e.g. by study or body site), or read the .h5 with other tools",
  });
}

/** Position of pair (i, j), i ≠ j in either order, in the condensed upper triangle of an n × n matrix. */
export function condensedIndex(n: number, i: number, j: number): number {
  if (i > j) {
    const t = i;
    i = j;
    j = t;
  }
  return n * i - (i * (i + 1)) / 2 + (j - i - 1);
}

/** The distance between samples i and j (0 when i = j). */
export function distance(dm: DistanceMatrix, i: number, j: number): number {
  return i === j ? 0 : dm.condensed[condensedIndex(dm.ids.length, i, j)]!;
}

/** The full symmetric n × n matrix, row-major, zero diagonal. */
export function toSquare(dm: DistanceMatrix): Float64Array {
  const n = dm.ids.length;
  const sq = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = dm.condensed[k++]!;
      sq[i * n + j] = d;
      sq[j * n + i] = d;
    }
  }
  return sq;
}

const DM_HINT = "a distance matrix is square and symmetric, with zeros on the diagonal";

/**
 * Condensed form of a square matrix.
 * @throws InputError naming the first offending pair: `bad_value` (wrong size or a non-zero
 * diagonal), `non_finite`, or `not_symmetric` (beyond `tol` relative).
 */
export function fromSquare(ids: readonly string[], square: ArrayLike<number>, tol = 1e-12): DistanceMatrix {
  const n = ids.length;
  const fail = (code: "bad_value" | "non_finite" | "not_symmetric", message: string, sampleId?: string) =>
    InputError.single({ code, message, hint: DM_HINT, ...(sampleId === undefined ? {} : { sampleId }) });
  if (square.length !== n * n) throw fail("bad_value", `square matrix must have ${n} x ${n} entries`);
  const condensed = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (square[i * n + i] !== 0) throw fail("bad_value", `diagonal entry of '${ids[i]}' is not 0`, ids[i]);
    for (let j = i + 1; j < n; j++) {
      const a = square[i * n + j]!;
      const b = square[j * n + i]!;
      if (!Number.isFinite(a) || !Number.isFinite(b))
        throw fail("non_finite", `non-finite distance between '${ids[i]}' and '${ids[j]}'`, ids[i]);
      if (Math.abs(a - b) > tol * Math.max(Math.abs(a), Math.abs(b), 1e-300)) {
        throw fail(
          "not_symmetric",
          `matrix is not symmetric at '${ids[i]}', '${ids[j]}' (${a} vs ${b})`,
          ids[i],
        );
      }
      condensed[k++] = a;
    }
  }
  return { ids: [...ids], condensed };
}

/**
 * Subset / reorder a distance matrix to the given IDs.
 * @throws InputError `id_mismatch` listing the IDs the matrix lacks.
 */
export function selectIds(dm: DistanceMatrix, ids: readonly string[]): DistanceMatrix {
  const idx = positionsOf(
    dm.ids,
    ids,
    "distance matrix",
    "the distance matrix must hold every sample of the analysis",
  );
  const n = ids.length;
  const condensed = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) condensed[k++] = distance(dm, idx[a]!, idx[b]!);
  return { ids: [...ids], condensed };
}
