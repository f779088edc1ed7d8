/**
 * LinDA's mixed-model form for repeated measures: `linda(formula = "~ x + (1 | subject)")` of
 * LinDA 0.2.0 (Zhou H, He K, Chen J, Zhang X (2022) Genome Biol 23:95,
 * doi:10.1186/s13059-022-02655-5; R/linda.R, `random.effect` branch).
 *
 * 1. Zero handling as the fixed-effects path (linda.ts), except that the adaptive depth test is
 *    the random-intercept model `log N ~ design + (1 | subject)` with Satterthwaite p values: any
 *    non-intercept p <= 0.1 -> imputation, else pseudocount 0.5 (`lmer(logN ~ formula)`).
 * 2. W = CLR(Y) in log2 units.
 * 3. Per taxon, REML fit of W_j = X b_j + u_subject + e (one random intercept per subject) with
 *    lmerTest's Satterthwaite df (taxon-lmm.ts): b_jc, se_jc, df_jc.
 * 4. Bias = Gaussian-kernel mode of {b_jc} over taxa (kernel-mode.ts; LinDA: `mlv(meanshift)`),
 *    estimate = b_jc - bias, t = estimate / se_jc, p = 2 P(T_{df_jc} > |t|), q = BH per column.
 * Output rows are method "linda" (the same method; the summary records the random intercept).
 * Departure, as linda.ts: numeric metadata are not standardised (LinDA `scale()`s them), so a
 * numeric term's coefficient is per unit rather than per SD.
 *
 * Edge cases: as taxon-lmm.ts (missing subject label -> InputError; singular fits warned); fewer
 * than 2 subjects -> InputError (lmm.ts).
 * Matches: LinDA 0.2.0 `linda(otu, meta, "~time+sex+(1|subject)")` with lmerTest 3.1 / lme4 1.1
 * (test/fixtures/extra/longitudinal.R).
 */
import { lmmSatterthwaite } from "../stats/lmm-satterthwaite.js";
import {
  biasText,
  imputeZeros,
  type LindaOptions,
  lindaSummary,
  meanShiftBias,
  rowTotals,
  zeroHandlingText,
} from "./linda.js";
import { clrRowsInPlace } from "./log-ratio.js";
import type { DaInput } from "./prepare.js";
import { checkSubjects, type SubjectLabels, taxonLmmFits, taxonLmmRows } from "./taxon-lmm.js";
import type { DaMethodResult } from "./types.js";

export function lindaMixed(
  input: DaInput,
  subjects: SubjectLabels,
  options: LindaOptions & { subjectColumn?: string } = {},
): DaMethodResult {
  const { nSamples: n, nTaxa: m, counts, design } = input;
  const groups = checkSubjects(input, subjects, options.subjectColumn ?? "subject");
  const pseudocount = options.pseudocount ?? 0.5;
  const cutoff = options.depthCorrelationCutoff ?? 0.1;
  let zero = options.zeroHandling ?? "adaptive";
  if (zero === "adaptive") {
    const logDepth = rowTotals(counts, n, m).map(Math.log);
    const depthFit = lmmSatterthwaite(design, logDepth, groups);
    const confounded = depthFit.p.some((p, c) => (c > 0 || !design.intercept) && p <= cutoff);
    zero = confounded ? "imputation" : "pseudocount";
  }
  const y = zero === "imputation" ? imputeZeros(counts, n, m) : counts.map((v) => v + pseudocount);
  clrRowsInPlace(y, n, m);
  const { rows, offsets, warnings } = taxonLmmRows(input, "linda", taxonLmmFits(input, y, groups), (beta) =>
    meanShiftBias(beta, n),
  );
  return {
    rows,
    summary: lindaSummary(
      {
        model: "random intercept per subject (REML, Satterthwaite df)",
        subjects: new Set(groups).size,
        zeroHandling: zero,
        pseudocount,
        bias: biasText(offsets),
      },
      zeroHandlingText(zero, pseudocount),
      m,
      warnings,
    ),
  };
}
