// Shared assertions and builders for the stats tests.
import { expect } from "vitest";

/** |actual - expected| <= tol |expected|; null (R NA) expects NaN; 0 expects an underflowed value. */
export function expectRel(actual: number, expected: number | null, tol: number): void {
  if (expected === null) {
    expect(actual).toBeNaN();
    return;
  }
  if (expected === 0) {
    expect(Math.abs(actual)).toBeLessThan(1e-300);
    return;
  }
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

/** A row-major regression design from columns. */
export function designFromColumns(columns: number[][], names: string[]) {
  const n = columns[0]!.length;
  const p = columns.length;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) x[i * p + j] = columns[j]![i]!;
  return { x, nRows: n, nCols: p, columnNames: names };
}
