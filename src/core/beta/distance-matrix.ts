/**
 * DistanceMatrix: sample IDs and the condensed upper triangle (row-major, i < j), n(n-1)/2 doubles,
 * as scipy's `squareform` and scikit-bio store it. Square form is built only at I/O.
 *
 *   index(i, j) for i < j = n*i - i*(i+1)/2 + (j - i - 1)
 */

export interface DistanceMatrix {
  readonly ids: readonly string[];
  readonly condensed: Float64Array;
}

export function condensedIndex(n: number, i: number, j: number): number {
  if (i > j) {
    const t = i;
    i = j;
    j = t;
  }
  return n * i - (i * (i + 1)) / 2 + (j - i - 1);
}

export function distance(dm: DistanceMatrix, i: number, j: number): number {
  return i === j ? 0 : dm.condensed[condensedIndex(dm.ids.length, i, j)]!;
}

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

/**
 * Condensed form of a square matrix. Throws a RangeError naming the first offending pair when the
 * matrix is not symmetric (beyond `tol` relative), has a non-zero diagonal or a non-finite entry.
 */
export function fromSquare(ids: readonly string[], square: ArrayLike<number>, tol = 1e-12): DistanceMatrix {
  const n = ids.length;
  if (square.length !== n * n) throw new RangeError(`square matrix must have ${n} x ${n} entries`);
  const condensed = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (square[i * n + i] !== 0) throw new RangeError(`diagonal entry of '${ids[i]}' is not 0`);
    for (let j = i + 1; j < n; j++) {
      const a = square[i * n + j]!;
      const b = square[j * n + i]!;
      if (!Number.isFinite(a) || !Number.isFinite(b))
        throw new RangeError(`non-finite distance between '${ids[i]}' and '${ids[j]}'`);
      if (Math.abs(a - b) > tol * Math.max(Math.abs(a), Math.abs(b), 1e-300)) {
        throw new RangeError(`matrix is not symmetric at '${ids[i]}', '${ids[j]}' (${a} vs ${b})`);
      }
      condensed[k++] = a;
    }
  }
  return { ids: [...ids], condensed };
}

/** Subset / reorder a distance matrix to the given IDs. */
export function selectIds(dm: DistanceMatrix, ids: readonly string[]): DistanceMatrix {
  const pos = new Map(dm.ids.map((id, i) => [id, i]));
  const idx = ids.map((id) => {
    const i = pos.get(id);
    if (i === undefined) throw new RangeError(`sample '${id}' is not in the distance matrix`);
    return i;
  });
  const n = ids.length;
  const condensed = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) condensed[k++] = distance(dm, idx[a]!, idx[b]!);
  return { ids: [...ids], condensed };
}
