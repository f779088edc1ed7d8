/**
 * Spatial (geometric) median of points in R^p: the y minimising sum_i ||x_i - y||.
 * Weiszfeld's iteration with the Vardi–Zhang modification for a current estimate that coincides
 * with data points (Vardi & Zhang 2000, PNAS 97:1423, doi:10.1073/pnas.97.4.1423):
 *
 *   T(y) = sum_{x_i != y} x_i / d_i  /  sum_{x_i != y} 1 / d_i,    d_i = ||x_i - y||
 *   R(y) = sum_{x_i != y} (x_i - y) / d_i,   eta = #{x_i = y}
 *   y'   = max(0, 1 - eta/||R||) T(y) + min(1, eta/||R||) y
 *
 * Starts from the coordinate-wise median (as vegan's `ordimedian`), stops when the step is below
 * 1e-12 times the spread of the points, or after 10,000 iterations. Edge cases: one point -> that
 * point; p = 0 -> empty vector.
 * vegan 2.6-4 `ordimedian` minimises the same objective by BFGS (`optim`, reltol 1e-8), so its
 * medians agree with ours only to the precision of that optimiser (~1e-6 relative).
 *
 * Input layout: `coords` row-major (rows = all samples, `p` columns starting at column `from` of
 * `stride` columns); `members` the rows of this group.
 */

/**
 * Points stored as rows of a row-major matrix: `p` coordinates from column `from`, `stride` columns per row.
 */
export interface PointSet {
  readonly coords: Float64Array;
  readonly stride: number;
  readonly from: number;
  readonly p: number;
}

function coordinateMedian(ps: PointSet, members: Int32Array, out: Float64Array): void {
  const vals = new Float64Array(members.length);
  for (let c = 0; c < ps.p; c++) {
    members.forEach((r, a) => {
      vals[a] = ps.coords[r * ps.stride + ps.from + c]!;
    });
    vals.sort();
    const h = vals.length >> 1;
    out[c] = vals.length % 2 === 1 ? vals[h]! : (vals[h - 1]! + vals[h]!) / 2;
  }
}

/**
 * The spatial (geometric) median of the rows `members`: the point minimising the sum of Euclidean
 * distances, by Weiszfeld's iteration with the Vardi–Zhang modification (Vardi & Zhang 2000, PNAS
 * 97:1423, doi:10.1073/pnas.97.4.1423); as vegan's `ordimedian` to ~1e-6 relative.
 */
export function spatialMedian(ps: PointSet, members: Int32Array, maxIter = 10_000): Float64Array {
  const { coords, stride, from, p } = ps;
  const y = new Float64Array(p);
  if (p === 0 || members.length === 0) return y;
  coordinateMedian(ps, members, y);
  if (members.length === 1) return y;
  let spread = 0;
  for (const r of members) {
    let s = 0;
    for (let c = 0; c < p; c++) s += (coords[r * stride + from + c]! - y[c]!) ** 2;
    spread = Math.max(spread, Math.sqrt(s));
  }
  const tol = 1e-12 * Math.max(spread, Number.MIN_VALUE);
  const t = new Float64Array(p);
  const rv = new Float64Array(p);
  for (let iter = 0; iter < maxIter; iter++) {
    t.fill(0);
    rv.fill(0);
    let wsum = 0;
    let eta = 0;
    for (const r of members) {
      let d = 0;
      for (let c = 0; c < p; c++) d += (coords[r * stride + from + c]! - y[c]!) ** 2;
      d = Math.sqrt(d);
      if (d <= tol) {
        eta++;
        continue;
      }
      wsum += 1 / d;
      for (let c = 0; c < p; c++) {
        const x = coords[r * stride + from + c]!;
        t[c] = t[c]! + x / d;
        rv[c] = rv[c]! + (x - y[c]!) / d;
      }
    }
    if (wsum === 0) return y;
    let rnorm = 0;
    for (let c = 0; c < p; c++) rnorm += rv[c]! ** 2;
    rnorm = Math.sqrt(rnorm);
    const keep = rnorm === 0 ? 1 : Math.min(1, eta / rnorm);
    let step = 0;
    for (let c = 0; c < p; c++) {
      const next = (1 - keep) * (t[c]! / wsum) + keep * y[c]!;
      step += (next - y[c]!) ** 2;
      y[c] = next;
    }
    if (Math.sqrt(step) <= tol) break;
  }
  return y;
}
