/**
 * Distance matrices as lsmat TSV, the format of scikit-bio `DistanceMatrix.write()` and QIIME 2's
 * exported `DistanceMatrix` (distance-matrix.tsv):
 *
 *   <TAB>S1<TAB>S2          <- header: an empty (or any) first cell, then the IDs
 *   S1<TAB>0.0<TAB>0.25
 *   S2<TAB>0.25<TAB>0.0
 *
 * Row IDs must repeat the header IDs in order; the matrix must be symmetric (relative 1e-12) with a
 * zero diagonal. Numbers are written with the shortest text that round-trips the double, so
 * write -> read is exact.
 */
import { InputError, IssueCollector, ParseError } from "../core/errors.js";
import { type DistanceMatrix, fromSquare } from "../core/beta/distance-matrix.js";
import { ROW_BLOCK, squareRowsOf } from "./dm-hdf5.js";
import { decodeText, parseNumber, splitCells, splitLines, type TextInput } from "./text.js";
import { formatCell } from "../core/table/tsv.js";

/**
 * Reads a distance matrix in lsmat TSV (scikit-bio `DistanceMatrix.write()`, QIIME 2 export).
 * @throws {InputError} `empty_table` (a {@link ParseError}), `ragged_row`, `id_mismatch` (row IDs
 *   differ from the header), `non_numeric`, and from {@link fromSquare}: `bad_value` (non-zero
 *   diagonal), `non_finite`, `not_symmetric`.
 */
export function parseLsmat(input: TextInput, source: string): DistanceMatrix {
  const lines = splitLines(decodeText(input, source)).filter((l) => l.trim() !== "");
  if (lines.length === 0) {
    throw ParseError.single({
      code: "empty_table",
      file: source,
      message: "the distance matrix file is empty",
    });
  }
  const ids = splitCells(lines[0]!).slice(1);
  const n = ids.length;
  const issues = new IssueCollector();
  if (lines.length - 1 !== n) {
    issues.add({
      code: "ragged_row",
      file: source,
      message: `the header lists ${n} IDs but there are ${lines.length - 1} rows`,
      hint: "a distance matrix is square: one row per ID, in header order",
    });
  }
  const square = new Float64Array(n * n);
  for (let i = 0; i < Math.min(n, lines.length - 1); i++) {
    const cells = splitCells(lines[i + 1]!);
    const line = i + 2;
    if (cells[0] !== ids[i]) {
      issues.add({
        code: "id_mismatch",
        file: source,
        line,
        sampleId: cells[0]!,
        message: `row ID '${cells[0]}' does not match header ID '${ids[i]}' at position ${i + 1}`,
        hint: "rows must be in the same order as the header",
      });
    }
    if (cells.length !== n + 1) {
      issues.add({
        code: "ragged_row",
        file: source,
        line,
        message: `has ${cells.length} cells, expected ${n + 1}`,
      });
      continue;
    }
    for (let j = 0; j < n; j++) {
      const v = parseNumber(cells[j + 1]!);
      if (v === undefined || !Number.isFinite(v)) {
        issues.add({
          code: v === undefined ? "non_numeric" : "non_finite",
          file: source,
          line,
          column: ids[j]!,
          sampleId: ids[i]!,
          message: `'${cells[j + 1]}' is not a finite number`,
        });
      } else square[i * n + j] = v;
    }
  }
  issues.throwIfAny();
  try {
    return fromSquare(ids, square);
  } catch (e) {
    // fromSquare names the problem (not_symmetric, non_finite, bad_value); add the file, keep the code.
    if (!(e instanceof InputError)) throw e;
    throw new ParseError(e.issues.map((issue) => ({ ...issue, file: source })));
  }
}

/**
 * The lsmat text line by line (header, then one row per sample, each ending in a newline), read
 * straight from the condensed matrix, ROW_BLOCK rows at a time (so the lower triangle is read in
 * runs), so a writer can stream it without the square form or one huge string.
 */
export function* lsmatLines(dm: DistanceMatrix): Generator<string> {
  const n = dm.ids.length;
  const rows = squareRowsOf(dm);
  const block = new Float64Array(Math.min(n, ROW_BLOCK) * n);
  const cells: string[] = new Array(n);
  yield `\t${dm.ids.map(formatCell).join("\t")}\n`;
  for (let i0 = 0; i0 < n; i0 += ROW_BLOCK) {
    const i1 = Math.min(n, i0 + ROW_BLOCK);
    rows(i0, i1, block);
    for (let i = i0; i < i1; i++) {
      const row = (i - i0) * n;
      for (let j = 0; j < n; j++) cells[j] = String(block[row + j]);
      yield `${formatCell(dm.ids[i])}\t${cells.join("\t")}\n`;
    }
  }
}

/** Writes a distance matrix as lsmat TSV; numbers round-trip exactly. */
export function formatLsmat(dm: DistanceMatrix): string {
  return [...lsmatLines(dm)].join("");
}
