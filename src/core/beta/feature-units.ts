/**
 * Feature units: the pair kernel (pair-kernel.ts) with every feature as a unit of weight 1, over
 * per-cell values aligned with `table.values` (raw counts, presence, log-ratios...), computed from
 * an inverted index: only features present in both samples of a pair add to its accumulator, so
 * a block costs sum_f z_f^2 / 2 updates at most (z_f = samples where feature f is present).
 *
 * The CSC table (one column per sample) is transposed once to CSR (one row per feature, listing
 * the samples where it is non-zero; the postings of the inverted index), O(nnz); cells whose
 * transformed value is exactly 0 are left out so that the kernel's "non-zero" lists stay exact.
 *
 *   featurePtr    [0, 2, 5, ...]          feature f owns entries featurePtr[f] .. featurePtr[f+1]-1
 *   sampleIndex   [0, 3,  1, 2, 3, ...]   samples (ascending) where feature f is non-zero
 *   value         [.., ..,  .., .., ..]   the transformed value in that sample
 *   position      per CSC cell: its entry in the CSR arrays (-1 for a cell left out)
 *
 * Row kernel (the default). Stripe k, slot i holds the pair (i, (i + k + 1) mod n), so the partners
 * of sample i in stripes [start, stop) are the cyclic window j = i + start + 1 ... i + stop (mod n).
 * For ROWS samples i at a time, each feature f of i (ascending f) walks f's postings inside that
 * window (one or two runs of the sorted list, found by binary search) and adds g(x_if, x_jf) to a
 * small dense buffer buf[(k - start) * ROWS + b]; the buffer is then copied to the stripe block, a
 * whole cache line per stripe. Every slot receives the same additions in the same (feature) order
 * as the unit kernel (pair-kernel.ts: per unit, every slot of the block), so the two agree bit for
 * bit for any values and any stripe block (test/diversity/feature-rows.test.ts keeps the unit
 * kernel as its reference). Postings read sequentially and a buffer of ROWS x (stop - start)
 * doubles (cache-resident) replace the unit kernel's scattered updates of the whole block.
 * Inverted-index pairwise similarity: e.g. Bayardo, Ma, Srikant (2007) Scaling up all pairs
 * similarity search. WWW '07, 131-140. doi:10.1145/1242572.1242591
 */
import { type FeatureTable, nFeatures, nSamples } from "../table/feature-table.js";
import { type PairTerm, rowTerm } from "./pair-kernel.js";
import { createStripeBlock, type StripeBlock } from "./stripes.js";

/** The pair terms of feature metrics (generalized UniFrac's two-accumulator term is tree-only). */
export type FeatureTerm = Exclude<PairTerm, "generalized">;

/** Samples whose windows are accumulated together (one 64-byte cache line of doubles per stripe). */
const ROWS = 8;

/** Feature-major (CSR) copy of per-cell values aligned with `table.values`, without exact zeros. */
export function featureMajor(
  table: FeatureTable,
  cellValues: Float64Array,
): { featurePtr: Int32Array; sampleIndex: Int32Array; value: Float64Array; position: Int32Array } {
  const m = nFeatures(table);
  const featurePtr = new Int32Array(m + 1);
  for (let k = 0; k < cellValues.length; k++)
    if (cellValues[k] !== 0) featurePtr[table.featureIndex[k]! + 1]!++;
  for (let f = 0; f < m; f++) featurePtr[f + 1]! += featurePtr[f]!;
  const fill = featurePtr.slice(0, m);
  const sampleIndex = new Int32Array(featurePtr[m]!);
  const value = new Float64Array(featurePtr[m]!);
  const position = new Int32Array(cellValues.length).fill(-1);
  for (let s = 0; s < nSamples(table); s++) {
    for (let k = table.colPtr[s]!; k < table.colPtr[s + 1]!; k++) {
      const x = cellValues[k]!;
      if (x === 0) continue;
      const at = fill[table.featureIndex[k]!]!++;
      sampleIndex[at] = s;
      value[at] = x;
      position[k] = at;
    }
  }
  return { featurePtr, sampleIndex, value, position };
}

/**
 * Accumulators of stripes [start, stop) with every feature a unit of weight 1 and `cellValues`
 * (aligned with `table.values`) as the unit's values, by the row kernel (see header).
 */
export function featureStripes(
  table: FeatureTable,
  cellValues: Float64Array,
  term: FeatureTerm,
  start: number,
  stop: number,
): StripeBlock {
  const block = createStripeBlock(nSamples(table), start, stop, false);
  rowKernel(table, cellValues, term, block, featureMajor(table, cellValues));
  return block;
}

function rowKernel(
  table: FeatureTable,
  cellValues: Float64Array,
  term: FeatureTerm,
  block: StripeBlock,
  { featurePtr, sampleIndex, value, position }: ReturnType<typeof featureMajor>,
): void {
  const { n, start, stop, rows, acc1 } = block;
  const { colPtr, featureIndex } = table;
  const width = stop - start;
  const buf = new Float64Array(width * ROWS);
  // cursor[f]: first posting of f at or after the window start lo; lo grows with i, except once,
  // when it wraps to 0 (lap 1), so each cursor only moves forward within a lap
  const cursor = featurePtr.slice(0, nFeatures(table));
  const lap = new Uint8Array(nFeatures(table));
  for (let i0 = 0; i0 < n; i0 += ROWS) {
    const rowsHere = Math.min(ROWS, n - i0);
    for (let b = 0; b < rowsHere; b++) {
      const i = i0 + b;
      // window of partners: [lo, lo + width) mod n, as one or two runs of sample indices
      let lo = i + start + 1;
      let thisLap = 0;
      if (lo >= n) {
        lo -= n;
        thisLap = 1;
      }
      const wraps = lo + width > n;
      const end1 = wraps ? n : lo + width;
      // slot of partner j: k - start = (j - i - 1 - start) mod n = j + shift (first run)
      const shift = thisLap === 0 ? -i - 1 - start : n - i - 1 - start;
      rows[i] = rowTerms(table, cellValues, term, i);
      if (width === 0) continue;
      for (let c = colPtr[i]!; c < colPtr[i + 1]!; c++) {
        const u = cellValues[c]!;
        if (u === 0) continue;
        const f = featureIndex[c]!;
        const to = featurePtr[f + 1]!;
        let q = cursor[f]!;
        if (lap[f] !== thisLap) {
          q = featurePtr[f]!;
          lap[f] = thisLap;
        }
        while (q < to && sampleIndex[q]! < lo) q++;
        cursor[f] = q;
        addRun(term, u, sampleIndex, value, q, to, end1, shift, buf, ROWS, b);
        // the wrapped run [0, lo + width - n) lies before i itself
        if (wraps)
          addRun(
            term,
            u,
            sampleIndex,
            value,
            featurePtr[f]!,
            position[c]!,
            lo + width - n,
            shift + n,
            buf,
            ROWS,
            b,
          );
      }
    }
    for (let s = 0; s < width; s++) {
      const src = s * ROWS;
      const dst = s * n + i0;
      for (let b = 0; b < rowsHere; b++) {
        acc1[dst + b] = buf[src + b]!;
        buf[src + b] = 0;
      }
    }
  }
}

/** Row term R_i = sum_f h(x_if), in feature order (as the unit kernel adds it). */
function rowTerms(table: FeatureTable, cellValues: Float64Array, term: FeatureTerm, i: number): number {
  let row = 0;
  for (let c = table.colPtr[i]!; c < table.colPtr[i + 1]!; c++) {
    const u = cellValues[c]!;
    if (u !== 0) row += rowTerm(term, 0, 1, u);
  }
  return row;
}

/**
 * The accumulators of every pair i < j written straight into the condensed upper triangle `out`
 * (n(n-1)/2 zeros on entry; row i's partners j > i are contiguous, so each row is accumulated in
 * place, in cache), and the row terms returned: the same sums, added in the same order, as
 * `featureStripes` over all stripes, for a whole matrix on one thread without the stripe layout.
 */
export function featureCondensedSums(
  table: FeatureTable,
  cellValues: Float64Array,
  term: FeatureTerm,
  out: Float64Array,
): Float64Array {
  const n = nSamples(table);
  const { featurePtr, sampleIndex, value, position } = featureMajor(table, cellValues);
  const { colPtr, featureIndex } = table;
  const rows = new Float64Array(n);
  let base = 0;
  for (let i = 0; i < n; i++) {
    rows[i] = rowTerms(table, cellValues, term, i);
    // partners j > i: the postings after i's own, at out[base + j - i - 1]
    for (let c = colPtr[i]!; c < colPtr[i + 1]!; c++) {
      const u = cellValues[c]!;
      if (u === 0) continue;
      const f = featureIndex[c]!;
      addRun(term, u, sampleIndex, value, position[c]! + 1, featurePtr[f + 1]!, n, base - i - 1, out, 1, 0);
    }
    base += n - 1 - i;
  }
  return rows;
}

/**
 * Adds g(u, value[q]) for postings q = from.. while sampleIndex[q] < end (and q < to) to
 * buf[(sampleIndex[q] + shift) * stride + b].
 */
function addRun(
  term: FeatureTerm,
  u: number,
  sampleIndex: Int32Array,
  value: Float64Array,
  from: number,
  to: number,
  end: number,
  shift: number,
  buf: Float64Array,
  stride: number,
  b: number,
): void {
  let q = from;
  switch (term) {
    case "min":
      for (; q < to; q++) {
        const j = sampleIndex[q]!;
        if (j >= end) break;
        buf[(j + shift) * stride + b]! += Math.min(u, value[q]!);
      }
      return;
    case "both":
      for (; q < to; q++) {
        const j = sampleIndex[q]!;
        if (j >= end) break;
        buf[(j + shift) * stride + b]! += 1;
      }
      return;
    case "product":
      for (; q < to; q++) {
        const j = sampleIndex[q]!;
        if (j >= end) break;
        buf[(j + shift) * stride + b]! += u * value[q]!;
      }
  }
}
