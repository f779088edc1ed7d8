/**
 * Design (model) matrix from a formula and sample metadata, with treatment contrasts.
 *
 * Coding (Chambers & Hastie 1992, §2.4.1, as R's `TermCode` in src/library/stats/src/model.c):
 * - a numeric variable contributes one column, its value;
 * - a categorical variable with levels L1 (reference), L2..Lk contributes, inside a term T, either
 *   contrast columns 1[x = Lj] for j >= 2 (when T without that variable is empty or contained in a
 *   preceding term — the margin is in the model) or indicator columns for all k levels (otherwise,
 *   e.g. `~ a:b` without `a`). Without an intercept, the first categorical variable of the first term
 *   containing one is coded by indicators (`~ 0 + group` gives one column per group).
 * - an interaction column is the product of one column per variable; the first variable varies
 *   fastest, as R. Names: "(Intercept)", "groupB", "age", "groupB:age".
 * The reference level is `options.reference[var]`, else the first level present in the rows used,
 * in the column's level order (sorted as R's `factor()`, table/level-order.ts). Levels absent from the rows used are dropped, as `lm`'s model frame
 * (`drop.unused.levels = TRUE`).
 *
 * Edge cases: rows with a missing value in any variable used are dropped and their IDs listed in
 * `droppedIds` (never silently); the response, if the formula has one, is not read here. Unknown
 * column -> InputError "missing_column" listing the columns; a categorical variable with one level
 * among the rows used -> InputError "bad_level"; `options.ids` naming samples absent from the
 * metadata -> InputError "id_mismatch". A rank-deficient design is returned as is (the fitting
 * code names the aliased column).
 *
 * Matches: R 4.x `model.matrix(f, model.frame(f, data, drop.unused.levels = TRUE))` with
 * `contrasts = "contr.treatment"`.
 * Each term also names its columns' contrasts in words (`contrasts`): "user vs non_user" for a
 * treatment contrast, "user" for an indicator column, "per unit of age" for a numeric variable,
 * joined by " : " in an interaction.
 * Reference: Chambers JM, Hastie TJ (eds) (1992) Statistical Models in S, ch. 2. Wadsworth.
 */

import { InputError, listIds } from "../errors.js";
import { getColumn, isMissing, type MetadataColumn, type SampleMetadata } from "../table/metadata.js";
import { type Formula, parseFormula } from "./formula.js";

/** One term of a design (e.g. `group`, `group:age`): its label, its columns in the matrix and its df. */
export interface DesignTerm {
  label: string;
  columns: number[];
  df: number;
  /** Per column of the term, its contrast in words (e.g. "user vs non_user", "per unit of age"). */
  contrasts: string[];
}

/**
 * A model matrix with treatment contrasts (R `model.matrix`): row-major values, column names, the
 * terms and, per row, the metadata row it came from.
 */
export interface DesignMatrix {
  nRows: number;
  nCols: number;
  /** Row-major nRows x nCols. */
  x: Float64Array;
  columnNames: string[];
  /** When true, column 0 is the intercept. */
  intercept: boolean;
  /** Non-intercept terms in formula order. */
  terms: DesignTerm[];
  /** For each design row, the index into `ids` (or the metadata rows) it came from. */
  rows: Int32Array;
  /** Sample IDs dropped because a variable used was missing. */
  droppedIds: string[];
}

/** Options of {@link designMatrix}. */
export interface DesignMatrixOptions {
  /** Reference level per categorical variable (default: its first level present). */
  reference?: Record<string, string>;
  /** Restricts and orders the rows to these sample IDs. */
  ids?: readonly string[];
}

/** One variable as the design sees it: its values per source row and, if categorical, level codes. */
interface Variable {
  name: string;
  column: MetadataColumn;
  /** Levels used (reference first); empty for numeric variables. */
  levels: string[];
  /** Per design row: the level index (categorical) or the value (numeric). */
  values: Float64Array;
}

/** A block of columns contributed by one variable inside one term. */
interface Factor {
  variable: Variable;
  /** Level indices that get a column (contrasts: 1..k-1; indicators: 0..k-1); null for numeric. */
  levels: number[] | null;
}

function sourceRows(md: SampleMetadata, ids: readonly string[] | undefined): Int32Array {
  if (ids === undefined) return Int32Array.from(md.ids, (_, i) => i);
  const pos = new Map(md.ids.map((id, i) => [id, i]));
  const absent = ids.filter((id) => !pos.has(id));
  if (absent.length > 0) {
    throw InputError.single({
      code: "id_mismatch",
      message: `${absent.length} sample ID(s) are not in the metadata: ${listIds(absent)}`,
      sampleId: absent[0]!,
      hint: "every sample analysed needs a metadata row",
    });
  }
  return Int32Array.from(ids, (id) => pos.get(id)!);
}

function lookupColumns(md: SampleMetadata, names: readonly string[]): MetadataColumn[] {
  const missing = names.filter((n) => getColumn(md, n) === undefined);
  if (missing.length > 0) {
    throw new InputError(
      missing.map((name) => ({
        code: "missing_column" as const,
        message: `formula variable '${name}' is not a metadata column`,
        column: name,
        hint: `available columns: ${md.columns.map((c) => c.name).join(", ")}`,
      })),
    );
  }
  return names.map((n) => getColumn(md, n)!);
}

function buildVariable(column: MetadataColumn, rows: Int32Array, reference: string | undefined): Variable {
  if (column.kind === "numeric") {
    if (reference !== undefined) {
      throw InputError.single({
        code: "bad_argument",
        message: `a reference level was given for numeric column '${column.name}'`,
        column: column.name,
      });
    }
    return {
      name: column.name,
      column,
      levels: [],
      values: Float64Array.from(rows, (r) => column.values[r]!),
    };
  }
  const present = new Set<string>();
  for (const r of rows) present.add(column.values[r]!);
  const undeclared = [...present].filter((v) => !column.levels.includes(v));
  if (undeclared.length > 0) {
    throw InputError.single({
      code: "bad_level",
      message: `column '${column.name}' has values outside its declared levels: ${listIds(undeclared)}`,
      column: column.name,
      hint: `declared levels: ${column.levels.join(", ")}`,
    });
  }
  let levels = column.levels.filter((l) => present.has(l));
  if (reference !== undefined) {
    if (!levels.includes(reference)) {
      throw InputError.single({
        code: "bad_level",
        message: `reference level '${reference}' does not occur in column '${column.name}' among the samples used`,
        column: column.name,
        hint: `levels present: ${levels.join(", ") || "none (no samples are left)"}`,
      });
    }
    levels = [reference, ...levels.filter((l) => l !== reference)];
  }
  if (levels.length < 2) {
    throw InputError.single({
      code: "bad_level",
      message: `categorical column '${column.name}' has ${levels.length} level(s) among the samples used; a model term needs at least 2`,
      column: column.name,
      hint: "drop the variable from the formula or include samples from other levels",
    });
  }
  const index = new Map(levels.map((l, k) => [l, k]));
  return {
    name: column.name,
    column,
    levels,
    values: Float64Array.from(rows, (r) => index.get(column.values[r]!)!),
  };
}

/** R's TermCode: contrasts when the term minus `v` is empty or inside a preceding term. */
function codedByContrasts(terms: readonly string[][], t: number, v: string): boolean {
  const rest = terms[t]!.filter((x) => x !== v);
  if (rest.length === 0) return true;
  for (let p = 0; p < t; p++) if (rest.every((x) => terms[p]!.includes(x))) return true;
  return false;
}

function termFactors(formula: Formula, vars: Map<string, Variable>): Factor[][] {
  const termVars = formula.terms.map((t) => t.variables);
  let indicatorPending = !formula.intercept;
  return termVars.map((names, t) =>
    names.map((name) => {
      const variable = vars.get(name)!;
      if (variable.levels.length === 0) return { variable, levels: null };
      const k = variable.levels.length;
      const full = indicatorPending || !codedByContrasts(termVars, t, name);
      indicatorPending = false;
      return { variable, levels: Array.from({ length: full ? k : k - 1 }, (_, j) => (full ? j : j + 1)) };
    }),
  );
}

function factorColumnNames(f: Factor): string[] {
  return f.levels === null
    ? [f.variable.name]
    : f.levels.map((j) => `${f.variable.name}${f.variable.levels[j]}`);
}

/** One factor's columns in words: "L vs reference" (contrast), "L" (indicator), "per unit of x". */
function factorContrasts(f: Factor): string[] {
  if (f.levels === null) return [`per unit of ${f.variable.name}`];
  const { levels } = f.variable;
  const contrast = f.levels.length < levels.length;
  return f.levels.map((j) => (contrast ? `${levels[j]} vs ${levels[0]}` : levels[j]!));
}

/** Labels of a term's columns: the product of each factor's labels, first factor varying fastest. */
function termProduct(factors: readonly Factor[], own: (f: Factor) => string[], sep: string): string[] {
  let names = [""];
  for (const f of factors) {
    const next: string[] = [];
    for (const o of own(f)) for (const n of names) next.push(n === "" ? o : `${n}${sep}${o}`);
    names = next;
  }
  return names;
}

/** Value of column `c` (0-based within the term) of a term at design row `i`. */
function termValue(factors: readonly Factor[], c: number, i: number): number {
  let value = 1;
  let rem = c;
  for (const f of factors) {
    const x = f.variable.values[i]!;
    if (f.levels === null) {
      value *= x;
    } else {
      const width = f.levels.length;
      value *= x === f.levels[rem % width]! ? 1 : 0;
      rem = Math.floor(rem / width);
    }
  }
  return value;
}

/**
 * Builds the design matrix of `formula` over `metadata`; see the file header for the rules.
 * @throws {InputError} `bad_formula` (see {@link parseFormula}), `missing_column` (one issue per
 *   unknown variable), `bad_level` (a categorical variable with one level among the rows used, an
 *   unknown reference level), `id_mismatch` (`ids` not in the metadata), `bad_argument`.
 */
export function designMatrix(
  formula: string | Formula,
  metadata: SampleMetadata,
  options: DesignMatrixOptions = {},
): DesignMatrix {
  const f = typeof formula === "string" ? parseFormula(formula) : formula;
  const names = [...new Set(f.terms.flatMap((t) => t.variables))];
  const columns = lookupColumns(metadata, names);
  const candidates = sourceRows(metadata, options.ids);
  const kept: number[] = [];
  const droppedIds: string[] = [];
  candidates.forEach((r, i) => {
    if (columns.some((c) => isMissing(c, r))) droppedIds.push(metadata.ids[r]!);
    else kept.push(i);
  });
  const rows = Int32Array.from(kept);
  const metaRows = Int32Array.from(kept, (i) => candidates[i]!);
  const vars = new Map(
    columns.map((c) => [c.name, buildVariable(c, metaRows, options.reference?.[c.name])] as const),
  );
  for (const name of Object.keys(options.reference ?? {})) {
    if (!vars.has(name)) lookupColumns(metadata, [name]);
  }

  const factors = termFactors(f, vars);
  const columnNames: string[] = f.intercept ? ["(Intercept)"] : [];
  const terms: DesignTerm[] = f.terms.map((term, t) => {
    const termNames = termProduct(factors[t]!, factorColumnNames, ":");
    const start = columnNames.length;
    columnNames.push(...termNames);
    return {
      label: term.label,
      columns: termNames.map((_, k) => start + k),
      df: termNames.length,
      contrasts: termProduct(factors[t]!, factorContrasts, " : "),
    };
  });

  const nRows = rows.length;
  const nCols = columnNames.length;
  const x = new Float64Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    const base = i * nCols;
    if (f.intercept) x[base] = 1;
    terms.forEach((term, t) => {
      term.columns.forEach((col, c) => {
        x[base + col] = termValue(factors[t]!, c, i);
      });
    });
  }
  return { nRows, nCols, x, columnNames, intercept: f.intercept, terms, rows, droppedIds };
}
