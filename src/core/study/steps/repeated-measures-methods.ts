/**
 * The methods record of a repeated-measures study (design.subject): which analyses model the
 * repeated samples per subject and how (the report's methods paragraph).
 */
import { method } from "../methods.js";
import type { MethodRecord } from "../results.js";
import { type AnalysisConfig, studyFormula } from "./shared.js";

/** The methods record of a repeated-measures design (`config.design.subject` set). */
export function repeatedMeasuresMethods(config: AnalysisConfig): MethodRecord[] {
  const subject = config.design.subject!;
  const formula = studyFormula(config).replace(/`/g, "");
  return [
    method(
      "lmm",
      `Repeated measures per ${subject}: each alpha metric was modelled as ${formula} + (1 | ${subject}) (REML) and the exposure term tested by an F test with Satterthwaite denominator df (as lmerTest); LinDA and MaAsLin2 fitted the same random intercept per taxon (their mixed-model forms); differential-abundance methods without random effects were not run; PERMANOVA and PERMDISP permuted samples only within ${subject}.`,
    ),
  ];
}
