/**
 * Orthonormal bases of column spaces by modified Gram–Schmidt with re-orthogonalisation
 * ("twice is enough", Giraud et al. 2005, Numer. Math. 101:87, doi:10.1007/s00211-005-0615-4).
 *
 * `extendBasis(basis, columns)` orthogonalises each new column against the basis (and the columns
 * already added) and keeps it when its remaining norm exceeds ALIAS_TOLERANCE times its original
 * norm; otherwise the column is aliased (linearly dependent) and dropped, as R's `qr()` (LINPACK
 * dqrdc2, tol = 1e-7) pivots such columns out of the rank. The projection onto span(basis ∪ kept)
 * is then H = Q Q'. Vectors are length-m Float64Arrays.
 */

export const ALIAS_TOLERANCE = 1e-7;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Returns the new orthonormal vectors spanning the part of `columns` orthogonal to `basis`. */
export function extendBasis(
  basis: readonly Float64Array[],
  columns: readonly Float64Array[],
): Float64Array[] {
  const added: Float64Array[] = [];
  for (const col of columns) {
    const v = Float64Array.from(col);
    const norm0 = Math.sqrt(dot(v, v));
    if (norm0 === 0) continue;
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        const c = dot(q, v);
        for (let i = 0; i < v.length; i++) v[i] = v[i]! - c * q[i]!;
      }
      for (const q of added) {
        const c = dot(q, v);
        for (let i = 0; i < v.length; i++) v[i] = v[i]! - c * q[i]!;
      }
    }
    const norm = Math.sqrt(dot(v, v));
    if (norm <= ALIAS_TOLERANCE * norm0) continue;
    for (let i = 0; i < v.length; i++) v[i] = v[i]! / norm;
    added.push(v);
  }
  return added;
}
