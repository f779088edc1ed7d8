/**
 * Display formatting of numbers in report tables. Deterministic (no locale); full precision stays
 * in the downloadable TSV files. `null` (not computable) shows as an em dash.
 */

export const MISSING = "\u2014";

/** For display: integers as written, other numbers to `digits` significant digits (exponent when tiny/huge); full precision stays in the TSV downloads. */
export function formatSignificant(x: number | null, digits = 3): string {
  if (x === null) return MISSING;
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toString();
}

/** p- and q-values: two significant digits, exponent below 0.001. */
export function formatP(p: number | null): string {
  if (p === null) return MISSING;
  if (p !== 0 && p < 1e-3) return p.toExponential(1);
  return p.toPrecision(2);
}

export function formatPercent(fraction: number): string {
  return `${(100 * fraction).toFixed(1)}%`;
}
