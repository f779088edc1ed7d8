/**
 * Differential-abundance input preparation, shared by every DA method:
 *
 * 1. Align: every table sample must be in the metadata (else InputError `id_mismatch` naming
 *    them); metadata rows not in the table are ignored.
 * 2. Design: `designMatrix(formula, metadata)` over the table's samples; samples with a missing
 *    value in a formula variable are dropped by the design and reported in `warnings`.
 * 3. Samples with no counts at all are dropped (warning): no composition can be formed.
 * 4. Prevalence filter: a taxon is tested when it is non-zero in at least `minPrevalence`
 *    (default 0.1 = 10%) of the analysed samples and in at least 2 of them.
 * 5. Dense samples x kept-taxa count matrix (row-major), per-taxon prevalence and mean relative
 *    abundance (relative to each sample's total over ALL taxa, before filtering).
 *
 * The exposure term is a term label of the formula (default: the first term); its design columns
 * (one per non-reference level, or one for a numeric exposure) are the coefficients tested. The
 * reference level is `reference`, else the first level in R's factor order (table/level-order.ts),
 * so the contrast never depends on the order of the metadata rows; each column's contrast in words
 * ("user vs non_user", "per unit of age") is in `termContrasts`.
 * `groups` is set when the term is one 0/1 column (a two-level factor): 0 = reference level.
 * `standardizedDesign` is the same design with every numeric formula variable z-scored over the
 * analysed samples before the columns are formed (R `scale()`: (x - mean) / sd, sd with n - 1), as
 * LinDA and MaAsLin2 (`standardize = TRUE`) fit it: a numeric term's coefficient is then per SD.
 */
import { InputError, listIds } from "../errors.js";
import { mean, variance } from "../stats/descriptive.js";
import { type DesignMatrix, designMatrix } from "../stats/design-matrix.js";
import { parseFormula } from "../stats/formula.js";
import { type FeatureTable, nFeatures, sampleTotals } from "../table/feature-table.js";
import { type MetadataColumn, type SampleMetadata, selectRows } from "../table/metadata.js";

/** Default prevalence filter of DA: a taxon is tested when non-zero in at least 10% of samples (and in 2). */
export const DEFAULT_MIN_PREVALENCE = 0.1;

/** What to test: the formula, the term of interest and its reference level, and the prevalence filter. */
export interface DaInputOptions {
  /** R-style formula, e.g. `~ exposure + age`. */
  formula: string;
  /** Term label to test (default: the first term of the formula). */
  term?: string;
  /** Reference level of the exposure term (default: its first level). */
  reference?: string;
  /** Minimum fraction of samples in which a taxon is non-zero (default 0.1). */
  minPrevalence?: number;
}

/**
 * The input every DA method takes: dense samples × tested-taxa counts, the design (raw and
 * standardised), the tested term's columns and groups, per-taxon prevalence and warnings.
 */
export interface DaInput {
  sampleIds: string[];
  taxa: string[];
  nSamples: number;
  nTaxa: number;
  /** nSamples x nTaxa counts, row-major (one row per sample). */
  counts: Float64Array;
  design: DesignMatrix;
  /** `design` with numeric formula variables z-scored over the analysed samples (R `scale()`). */
  standardizedDesign: DesignMatrix;
  /** Label of the tested term. */
  term: string;
  /** Design columns of the tested term, their names and their contrasts in words. */
  termColumns: number[];
  termNames: string[];
  /** E.g. "user vs non_user" (reference level last) or "per unit of age" (numeric term). */
  termContrasts: string[];
  /** Whether the design has columns other than the intercept and the tested term. */
  hasCovariates: boolean;
  /** 0 = reference, 1 = other level, when the term is one 0/1 column; otherwise null. */
  groups: Int32Array | null;
  prevalence: Float64Array;
  meanRelativeAbundance: Float64Array;
  minPrevalence: number;
  warnings: string[];
}

/**
 * Aligns table and metadata, builds the design, drops empty samples and rare taxa, and returns the
 * shared DA input (steps in the module header).
 * @throws {InputError} `id_mismatch` (table samples not in the metadata), `out_of_range`
 *   (minPrevalence outside [0, 1]), `bad_argument` (term not in the formula), `too_few_samples`
 *   (under 4 samples), `empty_table` (under 2 taxa pass the filter), plus those of `designMatrix`.
 */
export function prepareDaInput(
  table: FeatureTable,
  metadata: SampleMetadata,
  options: DaInputOptions,
): DaInput {
  const { sampleIds: positive, warnings, minPrevalence } = samplesWithCounts(table, metadata, options);
  const termLabel = options.term ?? parseFormula(options.formula).terms[0]?.label;
  const reference =
    options.reference === undefined || termLabel === undefined ? {} : { [termLabel]: options.reference };
  const design = designMatrix(options.formula, metadata, { ids: positive, reference });
  if (design.droppedIds.length > 0) {
    warnings.push(
      `dropped ${design.droppedIds.length} sample(s) with missing values in the formula: ${listIds(design.droppedIds)}`,
    );
  }
  const term = design.terms.find((t) => t.label === termLabel);
  if (term === undefined || termLabel === undefined) {
    throw InputError.single({
      code: "bad_argument",
      message: `term '${termLabel ?? ""}' is not a term of formula '${options.formula}'`,
      hint: `choose one of: ${design.terms.map((t) => t.label).join(", ") || "(none: add the exposure to the formula)"}`,
      key: "term",
    });
  }
  const sampleIds = Array.from(design.rows, (r) => positive[r]!);
  const standardizedDesign = designMatrix(options.formula, standardizedMetadata(metadata, sampleIds), {
    ids: sampleIds,
    reference,
  });
  const filtered = filteredCounts(table, sampleIds, minPrevalence);
  warnings.push(...filtered.warnings);
  return {
    sampleIds,
    taxa: filtered.taxa,
    nSamples: sampleIds.length,
    nTaxa: filtered.taxa.length,
    counts: filtered.counts,
    design,
    standardizedDesign,
    term: term.label,
    termColumns: [...term.columns],
    termNames: term.columns.map((c) => design.columnNames[c]!),
    termContrasts: [...term.contrasts],
    hasCovariates: design.nCols > term.columns.length + (design.intercept ? 1 : 0),
    groups: twoGroups(design, term.columns),
    prevalence: filtered.prevalence,
    meanRelativeAbundance: filtered.meanRelativeAbundance,
    minPrevalence,
    warnings,
  };
}

/** The metadata rows of `ids` with each numeric column replaced by its z-score over those rows. */
function standardizedMetadata(metadata: SampleMetadata, ids: readonly string[]): SampleMetadata {
  const rows = selectRows(metadata, ids);
  const columns = rows.columns.map((c): MetadataColumn => {
    if (c.kind !== "numeric") return c;
    const v = c.values;
    const ok = v.filter((x) => !Number.isNaN(x));
    const centre = mean(ok);
    const sd = Math.sqrt(variance(ok));
    // a constant column stays as it is, so the fit names it as aliased (R's scale gives NaN)
    if (!(sd > 0)) return c;
    return { ...c, values: v.map((x) => (x - centre) / sd) };
  });
  return { ...rows, columns };
}

function checkMinPrevalence(minPrevalence = DEFAULT_MIN_PREVALENCE): number {
  if (!(minPrevalence >= 0 && minPrevalence <= 1)) {
    throw InputError.single({
      code: "out_of_range",
      message: `minPrevalence must be in [0, 1], got ${minPrevalence}`,
      key: "min_prevalence",
    });
  }
  return minPrevalence;
}

/**
 * Table samples, checked to be in the metadata (InputError `id_mismatch` otherwise), without the
 * samples that have no counts (dropped with a warning); also validates options.minPrevalence
 * (default 0.1).
 */
export function samplesWithCounts(
  table: FeatureTable,
  metadata: SampleMetadata,
  options: { minPrevalence?: number | undefined },
): { sampleIds: string[]; warnings: string[]; minPrevalence: number } {
  const minPrevalence = checkMinPrevalence(options.minPrevalence);
  const inMetadata = new Set(metadata.ids);
  const missing = table.sampleIds.filter((id) => !inMetadata.has(id));
  if (missing.length > 0) {
    throw InputError.single({
      code: "id_mismatch",
      message: `table samples not in the metadata: ${listIds(missing)}`,
      hint: "add these samples to the metadata or remove them from the table",
    });
  }
  const totals = sampleTotals(table);
  const sampleIds = table.sampleIds.filter((_, s) => totals[s]! > 0);
  const warnings: string[] = [];
  if (sampleIds.length < table.sampleIds.length) {
    const empty = table.sampleIds.filter((_, s) => !(totals[s]! > 0));
    warnings.push(`dropped ${empty.length} sample(s) with no counts: ${listIds(empty)}`);
  }
  return { sampleIds, warnings, minPrevalence };
}

export interface FilteredCounts {
  taxa: string[];
  /** sampleIds.length x taxa.length, row-major. */
  counts: Float64Array;
  prevalence: Float64Array;
  meanRelativeAbundance: Float64Array;
  warnings: string[];
}

/**
 * Dense counts of the given samples (in that order) for the taxa non-zero in at least
 * max(2, ceil(minPrevalence n)) of them; needs at least 4 samples and leaves at least 2 taxa.
 */
export function filteredCounts(
  table: FeatureTable,
  sampleIds: readonly string[],
  minPrevalence: number,
): FilteredCounts {
  const n = sampleIds.length;
  if (n < 4) {
    throw InputError.single({
      code: "too_few_samples",
      message: `at least 4 samples with complete metadata are needed, got ${n}`,
    });
  }
  const totals = sampleTotals(table);
  const sampleIndex = new Map(table.sampleIds.map((id, s) => [id, s]));
  const tableRows = sampleIds.map((id) => sampleIndex.get(id)!);
  const m = nFeatures(table);
  const present = new Int32Array(m);
  const relSum = new Float64Array(m);
  for (const s of tableRows) {
    const total = totals[s]!;
    for (let k = table.colPtr[s]!; k < table.colPtr[s + 1]!; k++) {
      const f = table.featureIndex[k]!;
      present[f]!++;
      relSum[f]! += table.values[k]! / total;
    }
  }
  const minCount = Math.max(2, Math.ceil(minPrevalence * n - 1e-9));
  const kept: number[] = [];
  for (let f = 0; f < m; f++) if (present[f]! >= minCount) kept.push(f);
  if (kept.length < 2) {
    throw InputError.single({
      code: "empty_table",
      message: `fewer than 2 taxa are present in >= ${minCount} of ${n} samples`,
      hint: "lower minPrevalence or collapse to a higher rank",
    });
  }
  const column = new Int32Array(m).fill(-1);
  kept.forEach((f, j) => {
    column[f] = j;
  });
  const nTaxa = kept.length;
  const counts = new Float64Array(n * nTaxa);
  tableRows.forEach((s, i) => {
    for (let k = table.colPtr[s]!; k < table.colPtr[s + 1]!; k++) {
      const j = column[table.featureIndex[k]!]!;
      if (j >= 0) counts[i * nTaxa + j] = table.values[k]!;
    }
  });
  const zeroRows = countZeroRows(counts, n, nTaxa);
  return {
    taxa: kept.map((f) => table.featureIds[f]!),
    counts,
    prevalence: Float64Array.from(kept, (f) => present[f]! / n),
    meanRelativeAbundance: Float64Array.from(kept, (f) => relSum[f]! / n),
    warnings:
      zeroRows > 0 ? [`${zeroRows} sample(s) have no counts in the taxa kept by the prevalence filter`] : [],
  };
}

function countZeroRows(counts: Float64Array, n: number, m: number): number {
  let zero = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < m; j++) sum += counts[i * m + j]!;
    if (sum === 0) zero++;
  }
  return zero;
}

function twoGroups(design: DesignMatrix, columns: readonly number[]): Int32Array | null {
  if (columns.length !== 1) return null;
  const c = columns[0]!;
  const g = new Int32Array(design.nRows);
  let ones = 0;
  for (let i = 0; i < design.nRows; i++) {
    const v = design.x[i * design.nCols + c]!;
    if (v !== 0 && v !== 1) return null;
    g[i] = v;
    ones += v;
  }
  return ones > 0 && ones < design.nRows ? g : null;
}
