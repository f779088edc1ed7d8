/**
 * PERMANOVA: permutational multivariate analysis of variance on a distance matrix
 * (Anderson 2001, Austral Ecology 26:32-46, doi:10.1111/j.1442-9993.2001.01070.pp.x;
 * McArdle & Anderson 2001, Ecology 82:290, doi:10.1890/0012-9658(2001)082[0290:FMMTCD]2.0.CO;2).
 *
 *   G = (I - 11'/n)(-1/2 d_ij^2)(I - 11'/n)            Gower-centred matrix (gower.ts)
 *   SS_total = tr(G);  SS_model = tr(H G),  H = Q Q'    Q: orthonormal basis of the centred design
 *   F_term = (SS_term / df_term) / (SS_resid / df_resid),  df_resid = n - 1 - rank(X)
 *   R²_term = SS_term / SS_total
 *
 * `by` (as vegan 2.6-4 `adonis2(..., by =)`):
 * - "terms": sequential SS, each term after the ones before it (type I); one Q from Gram–Schmidt in
 *   term order, SS_term = sum of q'Gq over the term's new basis vectors.
 * - "margin": each term after all the others (type III-like, vegan's `anova.ccabymargin`):
 *   SS_term = SS_model(full) - SS_model(full without term). As vegan (`drop.scope`), only terms not
 *   marginal to a higher-order term are tested: with `a*b` only `a:b` gets a row (`a` and `b` are
 *   contained in it); the model and its residual are still the full one.
 * - "none": the whole model in one row, "Model".
 * Our default is `by: "terms"`, pinned here on purpose: it is adonis2's default in vegan 2.6-4, and
 * the default changed between vegan versions (2.5-x used by = "terms" too, 2.7 defaults to
 * by = NULL, whole model). Always pass `by` explicitly in scripts.
 *
 * Permutations: rows and columns of G are permuted together (vegan's "reduced" model with no
 * Condition: the raw data are permuted), by the permutation design (free, within strata, or whole
 * plots, permutations.ts). For each permutation π,
 * q'G_π q = r'Gr with r[π(i)] = q[i], so the hot loop is a few symmetric quadratic forms over G:
 * O(n²/2 · k) per permutation for k basis vectors, on typed arrays, no allocation. Residual SS
 * under permutation is tr(G) - SS_model(π), the denominator of every F* (vegan: `big$den`).
 * p = (1 + #{F* >= F - tol}) / (1 + B) (permutations.ts).
 *
 * Edge cases: aliased design columns are dropped (df shrinks; warning). A term with df 0 gets F and
 * p null. No residual degrees of freedom (saturated model) -> InputError. Design rows index
 * `dm.ids` (build the design with `ids: dm.ids`); samples the design dropped are left out.
 *
 * Matches vegan 2.6-4 `adonis2(d ~ ..., by = "terms" | "margin" | NULL)` for Df, SumOfSqs, R2 and F
 * (to ~1e-12); p within Monte-Carlo error. scikit-bio 0.5.8 `permanova` equals the one-factor case.
 */
import type { DistanceMatrix } from "../beta/distance-matrix.js";
import { InputError } from "../errors.js";
import { extendBasis } from "./orthonormal-basis.js";
import {
  groupScratch,
  MAX_GROUP_KERNEL_SAMPLES,
  permutedQuadraticForms,
  PERMUTATION_BLOCK,
  permutedWithinGroupSSBlock,
  designDistances,
} from "./permanova-kernels.js";
import {
  type PermutationCounts,
  type PermutationTestOptions,
  permutationTest,
  permutationSummary,
  type PermutationSummary,
  pOrNull,
  randomCounts,
} from "./permutations.js";

/** What PERMANOVA needs of a design matrix; `DesignMatrix` from src/core/stats fits it. */
export interface PermanovaDesign {
  readonly nRows: number;
  readonly nCols: number;
  /** Row-major nRows x nCols. */
  readonly x: Float64Array;
  readonly columnNames: readonly string[];
  /** Column 0 is the intercept. */
  readonly intercept: boolean;
  readonly terms: readonly {
    readonly label: string;
    readonly columns: readonly number[];
    readonly df: number;
  }[];
  /** Row i of the design is sample `dm.ids[rows[i]]`. */
  readonly rows: ArrayLike<number>;
}

/**
 * How PERMANOVA splits the model sum of squares, as vegan `adonis2(by =)`: sequential ("terms",
 * type I), each term after all others ("margin"), or the whole model in one row ("none").
 */
export type PermanovaBy = "terms" | "margin" | "none";

/** Options of {@link permanova}. */
export interface PermanovaOptions extends PermutationTestOptions {
  /** Default "terms" (vegan 2.6-4 adonis2 default), see header. */
  by?: PermanovaBy;
  /** "auto" (default) uses the one-factor fast path when the design allows; "general" never does. */
  kernel?: "auto" | "general";
  /** Permutations per pass over d² (default PERMUTATION_BLOCK; the general kernel's scratch caps
   * it at 2^22 / (basis vectors x samples)); results do not depend on it, bit for bit. */
  permutationBlock?: number;
  /** The condensed distances among the design's rows (`designDistances(dm, design.rows)`), when
   * already at hand (threads share one copy); `dm.condensed` is then not read. */
  distances?: Float64Array;
}

/**
 * One row of the PERMANOVA table: df, sum of squares, R² = SS / SS_total, pseudo-F and p (null where
 * undefined).
 */
export interface PermanovaRow {
  term: string;
  df: number;
  sumOfSquares: number;
  r2: number;
  F: number | null;
  p: number | null;
}

/** A PERMANOVA table as adonis2 prints it, and how it was permuted. */
export interface PermanovaResult extends PermutationSummary {
  method: "PERMANOVA";
  by: PermanovaBy;
  /** Term rows, then "Residual" and "Total" (as adonis2 prints them). */
  rows: PermanovaRow[];
  /** Whether the permutations were restricted (strata or plots). */
  strata: boolean;
  warnings: string[];
}

/** A numerator of F: the basis vectors whose permuted quadratic forms sum to its SS. */
interface Contrast {
  label: string;
  /** Indices into the list of all basis vectors. */
  vectors: number[];
  /** For "margin": subtract this SS from the full model's (the reduced model's vectors). */
  reduced?: number[];
}

function centredColumn(d: PermanovaDesign, c: number): Float64Array {
  const m = d.nRows;
  const v = new Float64Array(m);
  let mean = 0;
  for (let i = 0; i < m; i++) mean += d.x[i * d.nCols + c]!;
  mean /= m;
  for (let i = 0; i < m; i++) v[i] = d.x[i * d.nCols + c]! - mean;
  return v;
}

/**
 * Group codes (0 = reference) when the design is one treatment-coded factor: a single term whose
 * columns are 0/1 indicators with at most one 1 per row and every group present; else null.
 */
function oneFactorCodes(
  design: PermanovaDesign,
  terms: PermanovaDesign["terms"],
): { codes: Int32Array; invSize: Float64Array } | null {
  if (terms.length !== 1 || !design.intercept) return null;
  const cols = terms[0]!.columns;
  const codes = new Int32Array(design.nRows);
  const sizes = new Int32Array(cols.length + 1);
  for (let i = 0; i < design.nRows; i++) {
    let code = 0;
    for (let c = 0; c < cols.length; c++) {
      const v = design.x[i * design.nCols + cols[c]!]!;
      if (v === 1 && code === 0) code = c + 1;
      else if (v !== 0) return null;
    }
    codes[i] = code;
    sizes[code]!++;
  }
  return sizes.every((s) => s > 0) ? { codes, invSize: Float64Array.from(sizes, (s) => 1 / s) } : null;
}

function validate(dm: DistanceMatrix, design: PermanovaDesign): void {
  const n = dm.ids.length;
  if (design.rows.length !== design.nRows) {
    throw InputError.single({
      code: "bad_value",
      message: `design has ${design.nRows} rows but ${design.rows.length} row indices`,
      hint: "build the design with `designMatrix(formula, metadata, { ids: dm.ids })`",
    });
  }
  for (let i = 0; i < design.nRows; i++) {
    const r = design.rows[i]!;
    if (!(r >= 0 && r < n)) {
      throw InputError.single({
        code: "id_mismatch",
        message: `design row ${i} refers to sample index ${r}, outside the distance matrix (${n} samples)`,
        hint: "build the design with `ids: dm.ids`",
      });
    }
  }
}

/**
 * Indices of the terms that can be dropped without breaking marginality (R's `drop.scope`): those
 * whose variables (`a:b` -> a, b) are not all contained in another term's.
 */
export function droppableTerms(terms: readonly { readonly label: string }[]): number[] {
  const vars = terms.map((t) => t.label.split(":"));
  return vars.flatMap((v, i) =>
    vars.some((w, j) => j !== i && w.length > v.length && v.every((x) => w.includes(x))) ? [] : [i],
  );
}

/**
 * PERMANOVA on a distance matrix (Anderson 2001, Austral Ecol 26:32,
 * doi:10.1111/j.1442-9993.2001.01070.pp.x; McArdle & Anderson 2001,
 * doi:10.1890/0012-9658(2001)082[0290:FMMTCD]2.0.CO;2): pseudo-F per term with permutation p.
 * `by` defaults to "terms" (vegan 2.6-4 `adonis2`); matches adonis2's Df, SumOfSqs, R2 and F to ~1e-12.
 * @throws {InputError} `id_mismatch` (design rows outside the matrix), `bad_formula` (no term to
 *   test), `too_few_samples` (no residual degrees of freedom), `bad_argument` (permutations, strata).
 */
export function permanova(
  dm: DistanceMatrix,
  design: PermanovaDesign,
  options: PermanovaOptions = {},
): PermanovaResult {
  return analyse(dm, design, options).result();
}

/** A PERMANOVA whose observed statistics are computed, its permutations still to run. */
export interface PreparedPermanova {
  /** #{F* >= F} per term over the random permutations that `options.claim` hands this thread
   * (all of them without it); counts of several threads add up to a full run. */
  exceedances(): Int32Array;
  /** The table: p from `exceedances` (the counts of all the random permutations, summed over the
   * threads) when given, else from running the whole permutation test here. */
  result(exceedances?: ArrayLike<number>): PermanovaResult;
}

/**
 * PERMANOVA (as {@link permanova}) up to its permutations: the observed F per term, then the
 * exceedance counts of this thread's share of the permutations and the table from the summed
 * counts (src/node/permanova-parallel.ts runs the shares on several threads).
 * @throws {InputError} as {@link permanova}.
 */
export function preparePermanova(
  dm: DistanceMatrix,
  design: PermanovaDesign,
  options: PermanovaOptions = {},
): PreparedPermanova {
  return analyse(dm, design, options);
}

function analyse(dm: DistanceMatrix, design: PermanovaDesign, options: PermanovaOptions): PreparedPermanova {
  const by = options.by ?? "terms";
  validate(dm, design);
  const m = design.nRows;
  const warnings: string[] = [];
  const terms = design.terms.filter((t) => !(design.intercept && t.columns.includes(0)));
  if (terms.length === 0) {
    throw InputError.single({
      code: "bad_formula",
      message: "the model has no terms to test",
      hint: 'give a formula with at least one term, e.g. "~ group"',
    });
  }
  const termColumns = terms.map((t) => t.columns.map((c) => centredColumn(design, c)));

  // Basis vectors and the contrasts (numerators) built from them.
  const basis: Float64Array[] = [];
  const add = (vs: Float64Array[]): number[] => vs.map((v) => basis.push(v) - 1);
  const termVectors = terms.map((_, t) => add(extendBasis(basis, termColumns[t]!)));
  const fullVectors = termVectors.flat();
  let contrasts: Contrast[];
  if (by === "terms") {
    contrasts = terms.map((t, i) => ({ label: t.label, vectors: termVectors[i]! }));
  } else if (by === "margin") {
    contrasts = droppableTerms(terms).map((i) => {
      const others = termColumns.filter((_, j) => j !== i).flat();
      return { label: terms[i]!.label, vectors: fullVectors, reduced: add(extendBasis([], others)) };
    });
  } else {
    contrasts = [{ label: "Model", vectors: fullVectors }];
  }
  terms.forEach((t, i) => {
    const got = termVectors[i]!.length;
    if (got < t.columns.length) {
      warnings.push(`term '${t.label}': ${t.columns.length - got} aliased column(s) dropped (df ${got})`);
    }
  });
  const rank = fullVectors.length;
  const dfResidual = m - 1 - rank;
  if (dfResidual <= 0) {
    throw InputError.single({
      code: "too_few_samples",
      message: `${m} samples leave no residual degrees of freedom for a model of rank ${rank}`,
      hint: "use fewer terms or more samples",
    });
  }

  const d = options.distances ?? designDistances(dm, design.rows);
  if (d.length !== (m * (m - 1)) / 2) throw new RangeError(`distances: ${d.length} entries for ${m} samples`);
  let total = 0;
  for (const v of d) total += v * v;
  total /= m;
  const k = basis.length;
  const q = new Float64Array(k * m);
  for (let c = 0; c < k; c++) q.set(basis[c]!, c * m);
  const forms = new Float64Array(k);
  // SS of contrast i = sum_c weight[i*k + c] * forms[c] (+1 on its vectors, -1 on a reduced model's).
  const nc = contrasts.length;
  const weight = new Float64Array(nc * k);
  contrasts.forEach((c, i) => {
    for (const v of c.vectors) weight[i * k + v] = 1;
    for (const v of c.reduced ?? []) weight[i * k + v] = -1;
  });
  const inFull = new Float64Array(k);
  for (const v of fullVectors) inFull[v] = 1;
  const dfs = Float64Array.from(contrasts, (c) => c.vectors.length - (c.reduced?.length ?? 0));
  const ss = new Float64Array(nc);
  let residual = 0;
  // the one-factor kernel indexes the condensed matrix with int32 offsets (m <= 65,535)
  const factor =
    options.kernel === "general" || m > MAX_GROUP_KERNEL_SAMPLES ? null : oneFactorCodes(design, terms);
  // the general kernel's scratch (block x k x m doubles) is capped at 2^22 doubles (32 MB)
  const blockSize = Math.max(
    1,
    Math.floor(
      Math.min(options.permutationBlock ?? PERMUTATION_BLOCK, factor ? Infinity : 2 ** 22 / (k * m)),
    ),
  );
  const scratch = factor ? groupScratch(m, factor.invSize.length, blockSize) : null;
  const r = factor ? null : new Float64Array(blockSize * k * m);
  const blockForms = factor ? null : new Float64Array(blockSize * k);
  /** F (out) and SS of every contrast from the quadratic forms and the residual SS. */
  const finish = (out: Float64Array): void => {
    const scale = residual / dfResidual;
    for (let i = 0; i < nc; i++) {
      let t = 0;
      for (let c = 0; c < k; c++) t += weight[i * k + c]! * forms[c]!;
      ss[i] = t;
      out[i] = dfs[i]! > 0 ? t / dfs[i]! / scale : Number.NaN;
    }
  };
  const within = new Float64Array(blockSize);
  /** One-factor fast path for a block of permutations: one tiled pass over d² (kernels file). */
  const oneFactorBlock = (perms: readonly Int32Array[], outs: readonly Float64Array[]): void => {
    permutedWithinGroupSSBlock(d, factor!.codes, factor!.invSize, perms, within, scratch!);
    for (let b = 0; b < perms.length; b++) {
      residual = within[b]!;
      forms.fill(0);
      forms[0] = total - residual; // one-factor model: all model SS on the first vector
      finish(outs[b]!);
    }
  };
  /** Any design, for a block of permutations: one tiled pass over d² (kernels file). */
  const generalBlock = (perms: readonly Int32Array[], outs: readonly Float64Array[]): void => {
    permutedQuadraticForms(d, m, q, k, perms, r!, blockForms!);
    for (let b = 0; b < perms.length; b++) {
      forms.set(blockForms!.subarray(b * k, (b + 1) * k));
      residual = total;
      for (let c = 0; c < k; c++) residual -= inFull[c]! * forms[c]!;
      finish(outs[b]!);
    }
  };
  const run = factor ? oneFactorBlock : generalBlock;
  const statistic = (perm: Int32Array, out: Float64Array): void => run([perm], [out]);
  const identity = Int32Array.from({ length: m }, (_, i) => i);
  const observed = new Float64Array(contrasts.length);
  statistic(identity, observed);
  const observedSs = Float64Array.from(ss);
  const observedResidual = residual;

  const test = (): PermutationCounts =>
    permutationTest(m, observed, statistic, options, { size: blockSize, run }, design.rows);
  const exceedances = (): Int32Array => test().exceed;
  const result = (summed?: ArrayLike<number>): PermanovaResult => {
    if (summed && (typeof options.permutations !== "number" || summed.length !== observed.length))
      throw new RangeError("exceedances need a number of random permutations and one count per term");
    const counts = summed
      ? randomCounts(Int32Array.from(summed), observed, options.permutations as number)
      : test();
    contrasts.forEach((c, i) => {
      if (dfs[i] === 0)
        warnings.push(`term '${c.label}' has no degrees of freedom left; F and p are undefined`);
    });
    const rows: PermanovaRow[] = contrasts.map((c, i) => ({
      term: c.label,
      df: dfs[i]!,
      sumOfSquares: observedSs[i]!,
      r2: observedSs[i]! / total,
      F: pOrNull(observed[i]!),
      p: pOrNull(counts.p[i]!),
    }));
    rows.push(
      {
        term: "Residual",
        df: dfResidual,
        sumOfSquares: observedResidual,
        r2: observedResidual / total,
        F: null,
        p: null,
      },
      { term: "Total", df: m - 1, sumOfSquares: total, r2: 1, F: null, p: null },
    );
    return {
      method: "PERMANOVA",
      by,
      rows,
      strata: options.strata !== undefined || options.plots !== undefined,
      ...permutationSummary(counts, m, options.seed, warnings),
    };
  };
  return { result, exceedances };
}
