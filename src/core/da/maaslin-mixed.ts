/**
 * MaAsLin2's random effects for repeated measures (Mallick H et al. (2021) PLoS Comput Biol
 * 17:e1009442, doi:10.1371/journal.pcbi.1009442): `Maaslin2(random_effects = "subject")` with the
 * defaults TSS / LOG / LM fits, per feature, `lmerTest::lmer(expr ~ fixed + (1 | subject))` (REML)
 * and takes the estimate, se and Satterthwaite p of `coef(summary(fit))` (Maaslin2 R/fit.R).
 *
 * 1. TSS then LOG: log2 relative abundance, zeros per taxon at half its smallest non-zero value
 *    (maaslin.ts `logRelativeAbundance`).
 * 2. Per taxon random-intercept REML fit with Satterthwaite df (taxon-lmm.ts).
 * 3. t = b / se, p = 2 P(T_df > |t|), q = BH per tested column.
 * Departures, as maaslin.ts: numeric metadata not standardised; BH per exposure column (MaAsLin2
 * adjusts over all metadata columns at once).
 * Matches: the Maaslin2 1.15 LOG transform and lmerTest 3.1 fit of test/fixtures/extra/longitudinal.R.
 */
import { logRelativeAbundance, maaslinSummary } from "./maaslin.js";
import type { DaInput } from "./prepare.js";
import { checkSubjects, type SubjectLabels, taxonLmmFits, taxonLmmRows } from "./taxon-lmm.js";
import type { DaMethodResult } from "./types.js";

export function maaslinMixed(
  input: DaInput,
  subjects: SubjectLabels,
  options: { subjectColumn?: string } = {},
): DaMethodResult {
  const groups = checkSubjects(input, subjects, options.subjectColumn ?? "subject");
  const y = logRelativeAbundance(input.counts, input.nSamples, input.nTaxa);
  const { rows, warnings } = taxonLmmRows(input, "maaslin", taxonLmmFits(input, y, groups));
  return {
    rows,
    summary: maaslinSummary(
      {
        analysis: "LM with a random intercept per subject (REML, Satterthwaite df)",
        subjects: new Set(groups).size,
      },
      input.nTaxa,
      warnings,
    ),
  };
}
