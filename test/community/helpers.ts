/** Shared test helpers: fixture reference files, a small design builder, binomial p-value bands. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect } from "vitest";
import { type DistanceMatrix, fromSquare, selectIds } from "../../src/core/beta/distance-matrix.js";
import type { PermanovaDesign, PermanovaRow } from "../../src/core/community/permanova.js";
import { parseMetadata } from "../../src/io/metadata.js";
import type { SampleMetadata } from "../../src/core/table/metadata.js";

const FIXTURES = resolve(__dirname, "../fixtures");

export function readReference<T = Record<string, unknown>>(dataset: string, name: string): T {
  return JSON.parse(readFileSync(resolve(FIXTURES, dataset, "reference", `${name}.json`), "utf8")) as T;
}

interface MatrixValues {
  ids: string[];
  matrix: number[][];
}

export function matrixFromValues(v: MatrixValues): DistanceMatrix {
  return fromSquare(v.ids, v.matrix.flat());
}

/** A distance matrix and its per-sample labels, both taken in `order` (indices into `dm.ids`). */
export function reorder(
  dm: DistanceMatrix,
  labels: readonly string[],
  order: readonly number[],
): { dm: DistanceMatrix; labels: string[] } {
  return {
    dm: selectIds(
      dm,
      order.map((i) => dm.ids[i]!),
    ),
    labels: order.map((i) => labels[i]!),
  };
}

/** The vegan Bray–Curtis matrix of a fixture data set (the input of every reference test). */
export function braycurtis(dataset: string): DistanceMatrix {
  const ref = readReference<{ results: { vegan: { values: MatrixValues } } }>(dataset, "beta_braycurtis");
  return matrixFromValues(ref.results.vegan.values);
}

/** Metadata columns of a fixture as raw strings by sample ID (QIIME 2 TSV, `#q2:types` row skipped). */
export function metadataColumns(dataset: string): { ids: string[]; column: (name: string) => string[] } {
  const lines = readFileSync(resolve(FIXTURES, dataset, "metadata.tsv"), "utf8")
    .trimEnd()
    .split("\n");
  const header = lines[0]!.split("\t");
  const rows = lines.slice(1).filter((l) => !l.startsWith("#"));
  const cells = rows.map((l) => l.split("\t"));
  return {
    ids: cells.map((c) => c[0]!),
    column: (name) => {
      const j = header.indexOf(name);
      if (j < 0) throw new Error(`no column ${name}`);
      return cells.map((c) => c[j]!);
    },
  };
}

/** A fixture's metadata.tsv read by the io reader (src/io/metadata.ts). */
export function fixtureMetadata(dataset: string): SampleMetadata {
  const path = resolve(FIXTURES, dataset, "metadata.tsv");
  return parseMetadata(readFileSync(path, "utf8"), path);
}

export type TermSpec =
  | { label: string; factor: readonly string[] }
  | { label: string; numeric: readonly number[] };

/** A treatment-coded design with intercept, built by hand (independent of the formula parser). */
export function handDesign(termSpecs: readonly TermSpec[], rows?: readonly number[]): PermanovaDesign {
  const n = "factor" in termSpecs[0]! ? termSpecs[0].factor.length : termSpecs[0]!.numeric.length;
  const cols: number[][] = [new Array(n).fill(1)];
  const names = ["(Intercept)"];
  const terms: { label: string; columns: number[]; df: number }[] = [];
  for (const t of termSpecs) {
    const start = cols.length;
    if ("factor" in t) {
      const levels = [...new Set(t.factor)].sort();
      for (const lv of levels.slice(1)) {
        cols.push(t.factor.map((v) => (v === lv ? 1 : 0)));
        names.push(`${t.label}${lv}`);
      }
    } else {
      cols.push([...t.numeric]);
      names.push(t.label);
    }
    const columns = Array.from({ length: cols.length - start }, (_, i) => start + i);
    terms.push({ label: t.label, columns, df: columns.length });
  }
  const k = cols.length;
  const x = new Float64Array(n * k);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) x[i * k + c] = cols[c]![i]!;
  return {
    nRows: n,
    nCols: k,
    x,
    columnNames: names,
    intercept: true,
    terms,
    rows: Int32Array.from(rows ?? Array.from({ length: n }, (_, i) => i)),
  };
}

/**
 * Whether our Monte-Carlo p (B permutations) is compatible with a reference p estimated from
 * B_ref permutations: |p - p_ref| within z_{0.9995} = 3.29 standard errors of the difference of two
 * binomial proportions, plus the 1/(1+B) granularity of both estimates.
 */
export function withinBinomialBand(p: number, pRef: number, b: number, bRef: number): boolean {
  const v = Math.max(pRef * (1 - pRef), 1 / bRef) * (1 / b + 1 / bRef);
  return Math.abs(p - pRef) <= 3.29 * Math.sqrt(v) + 1 / (1 + b) + 1 / (1 + bRef);
}

/** An adonis2 table as the reference files store it (row-aligned; null where R prints nothing). */
export interface AnovaTable {
  terms: string[];
  Df: number[];
  SumOfSqs: number[];
  R2: number[];
  F: (number | null)[];
  p: (number | null)[];
}

/**
 * Our PERMANOVA rows agree with an adonis2 table: terms and df exactly, SS, R² and F to 1e-9
 * relative; with `band`, each p within the binomial band of the reference p.
 */
export function expectAdonisTable(
  rows: readonly PermanovaRow[],
  want: AnovaTable,
  band?: { b: number; bRef: number },
): void {
  expect(rows.map((r) => r.term)).toEqual(want.terms);
  for (const [i, r] of rows.entries()) {
    expect(r.df).toBe(want.Df[i]);
    expect(Math.abs(r.sumOfSquares - want.SumOfSqs[i]!) / want.SumOfSqs[i]!).toBeLessThan(1e-9);
    expect(Math.abs(r.r2 - want.R2[i]!)).toBeLessThan(1e-9);
    const f = want.F[i]!;
    if (want.F[i] === null) expect(r.F).toBeNull();
    else expect(Math.abs(r.F! - f) / f).toBeLessThan(1e-9);
    if (band && want.p[i] !== null)
      expect(withinBinomialBand(r.p!, want.p[i]!, band.b, band.bRef)).toBe(true);
  }
}
