/**
 * Feature filtering fitted on training data only (part of the model, never of the data set):
 * keep feature j when its prevalence (fraction of training samples with a raw value > 0) is at least
 * `minPrevalence` and its variance (divisor n - 1, on the model-scale values) exceeds `minVariance`.
 * Prevalence is taken from `raw` (e.g. counts before a CLR) when given, else from x.
 * Fitting this inside every training fold is what keeps cross-validation free of selection leakage.
 */
export interface FeatureFilterOptions {
  minPrevalence?: number;
  minVariance?: number;
}

/** Indices of the kept features, ascending. */
export function fitFeatureFilter(
  x: Float64Array,
  n: number,
  p: number,
  opts: FeatureFilterOptions,
  raw?: Float64Array,
): Int32Array {
  const minPrev = opts.minPrevalence ?? 0;
  const minVar = opts.minVariance ?? 0;
  const src = raw ?? x;
  const keep: number[] = [];
  for (let j = 0; j < p; j++) {
    let present = 0;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      if (src[i * p + j]! > 0) present++;
      const v = x[i * p + j]!;
      sum += v;
      sumSq += v * v;
    }
    const variance = n > 1 ? (sumSq - (sum * sum) / n) / (n - 1) : 0;
    if (present / n >= minPrev && variance > minVar + 1e-14 * (sumSq / n)) keep.push(j);
  }
  return Int32Array.from(keep);
}

/** Rows `rows` (all when omitted) and columns `cols` of row-major x (n x p), as a new row-major matrix. */
export function subMatrix(
  x: Float64Array,
  p: number,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
): Float64Array {
  const q = cols.length;
  const out = new Float64Array(rows.length * q);
  for (let r = 0; r < rows.length; r++) {
    const off = rows[r]! * p;
    for (let c = 0; c < q; c++) out[r * q + c] = x[off + cols[c]!]!;
  }
  return out;
}
