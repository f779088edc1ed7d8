/**
 * Per-taxon random-intercept models shared by the repeated-measures DA methods (linda-mixed.ts,
 * maaslin-mixed.ts): for each taxon j, the REML fit of y_j = X b_j + u_subject + e with lmerTest's
 * Satterthwaite df (lmm-satterthwaite.ts), then one DA row per taxon and tested design column with
 * t = (b_jc - offset_c) / se_jc and p = 2 P(T_{df_jc} > |t|) (offset 0 except LinDA's bias).
 *
 * Edge cases: a subject label missing for an analysed sample -> InputError naming the samples; a
 * taxon whose Satterthwaite df is unavailable (singular fit) keeps the containment df and is
 * counted in a warning; zero residual variance -> p = 1, counted.
 * Reference: Kuznetsova A, Brockhoff PB, Christensen RHB (2017) J Stat Softw 82(13),
 * doi:10.18637/jss.v082.i13
 */
import { InputError, listIds } from "../errors.js";
import { pStudentTTwoSided } from "../stats/distributions/student-t.js";
import type { LmmFit } from "../stats/lmm.js";
import { lmmSatterthwaite } from "../stats/lmm-satterthwaite.js";
import type { DaInput } from "./prepare.js";
import { columnRows, emptyEstimates, setWaldTest } from "./result-rows.js";
import type { DaMethodName, DaRow } from "./types.js";

/** Subject label per analysed sample (input.sampleIds order); null = missing. */
export type SubjectLabels = readonly (string | null)[];

/** Throws when an analysed sample has no subject label; returns the labels as strings. */
export function checkSubjects(input: DaInput, subjects: SubjectLabels, column: string): string[] {
  const missing = input.sampleIds.filter((_, i) => subjects[i] === null || subjects[i] === undefined);
  if (missing.length > 0) {
    throw InputError.single({
      code: "bad_value",
      message: `subject column '${column}' has no value for ${missing.length} analysed sample(s): ${listIds(missing)}`,
      hint: "give every sample its participant ID (repeated-measures models need it)",
      key: "design.subject",
    });
  }
  return subjects as string[];
}

/** Random-intercept fits of the n x m row-major responses y, one per taxon. */
export function taxonLmmFits(input: DaInput, y: Float64Array, subjects: readonly string[]): LmmFit[] {
  const { nSamples: n, nTaxa: m } = input;
  const column = new Float64Array(n);
  return Array.from({ length: m }, (_, j) => {
    for (let i = 0; i < n; i++) column[i] = y[i * m + j]!;
    return lmmSatterthwaite(input.design, column, subjects);
  });
}

/** DA rows of the tested columns; `offset(c, beta)` is subtracted from column c's coefficients. */
export function taxonLmmRows(
  input: DaInput,
  method: DaMethodName,
  fits: readonly LmmFit[],
  offset: (beta: Float64Array) => number = () => 0,
): { rows: DaRow[]; offsets: number[]; warnings: string[] } {
  const m = input.nTaxa;
  const rows: DaRow[] = [];
  const offsets: number[] = [];
  let degenerate = 0;
  input.termColumns.forEach((c, t) => {
    const est = emptyEstimates(m);
    const beta = Float64Array.from(fits, (f) => f.coefficients[c]!);
    const shift = offset(beta);
    offsets.push(shift);
    for (let j = 0; j < m; j++) {
      est.estimate[j] = beta[j]! - shift;
      est.se[j] = fits[j]!.se[c]!;
      const df = fits[j]!.df[c]!;
      if (setWaldTest(est, j, (s) => pStudentTTwoSided(s, df))) degenerate++;
    }
    rows.push(...columnRows(input, method, t, est));
  });
  const warnings: string[] = [];
  if (degenerate > 0)
    warnings.push(`${method}: ${degenerate} taxon-term fit(s) had zero residual variance (p = 1)`);
  const singular = fits.filter((f) => !f.method.includes("Satterthwaite df (lmerTest)")).length;
  if (singular > 0) {
    warnings.push(
      `${method}: ${singular} taxon fit(s) had a singular random-intercept variance; containment df used there`,
    );
  }
  return { rows, offsets, warnings };
}
