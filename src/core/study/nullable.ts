/**
 * Result numbers as the results files and JSON hold them: a number, or null where it is not finite.
 */

/** NaN and infinities become null in results (serialisable, never a silent NaN). */
export function nullable(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}
