/**
 * Checks a CohortDesign and the cohort size before simulating, collecting every problem (as
 * InputError issues with the design key, e.g. `abundanceShifts[0].foldChange`) instead of
 * stopping at the first.
 */
import { InputError, type Issue } from "../errors.js";
import { type BinaryCovariate, type CohortDesign, linkedOutcomes, type NumericCovariate } from "./design.js";
import type { Template } from "./template.js";

const MAX_ASVS_PER_TAXON = 50;

export function validateDesign(design: CohortDesign, template: Template, n: number, seed: number): void {
  const issues: Issue[] = [];
  const bad = (key: string, message: string, hint?: string): void => {
    issues.push(
      hint === undefined ? { code: "bad_config", key, message } : { code: "bad_config", key, message, hint },
    );
  };
  const probability = (key: string, p: number): void => {
    if (!(p >= 0 && p <= 1)) bad(key, `must be a probability in [0, 1], got ${p}`);
  };
  const taxon = (key: string, name: string): void => {
    if (!template.taxa.includes(name)) {
      bad(key, `taxon '${name}' is not in the template`, "taxon names are exact and case-sensitive");
    }
  };
  const positive = (key: string, x: number): void => {
    if (!(x > 0) || !Number.isFinite(x)) bad(key, `must be a finite number > 0, got ${x}`);
  };
  if (!Number.isInteger(n) || n < 1) {
    issues.push({ code: "bad_argument", key: "n", message: `n must be an integer >= 1, got ${n}` });
  }
  if (!Number.isFinite(seed))
    issues.push({ code: "bad_argument", key: "seed", message: `seed must be finite` });
  probability("exposedProportion", design.exposedProportion);
  if (design.templateDraw !== undefined && !["with_replacement", "balanced"].includes(design.templateDraw)) {
    bad("templateDraw", `must be "with_replacement" or "balanced", got ${String(design.templateDraw)}`);
  }
  design.abundanceShifts.forEach((s, i) => {
    taxon(`abundanceShifts[${i}].taxon`, s.taxon);
    positive(`abundanceShifts[${i}].foldChange`, s.foldChange);
  });
  design.prevalenceShifts.forEach((s, i) => {
    taxon(`prevalenceShifts[${i}].taxon`, s.taxon);
    probability(`prevalenceShifts[${i}].probability`, s.probability);
  });
  design.covariateEffects.forEach((e, i) => {
    taxon(`covariateEffects[${i}].taxon`, e.taxon);
    positive(`covariateEffects[${i}].foldChange`, e.foldChange);
    positive(`covariateEffects[${i}].per`, e.per);
    if (!Number.isFinite(e.center)) bad(`covariateEffects[${i}].center`, "must be finite");
    const dietLevels = design.covariates.diet.levels;
    if (e.covariate === "diet" && !dietLevels.includes(e.level ?? "")) {
      bad(`covariateEffects[${i}].level`, `a diet effect needs one of the levels ${dietLevels.join(", ")}`);
    }
  });
  const numeric = (key: string, c: NumericCovariate): void => {
    if (!(c.sd >= 0) || !(c.min <= c.max) || !Number.isFinite(c.mean) || !Number.isFinite(c.exposedShift)) {
      bad(key, "needs finite mean and exposedShift, sd >= 0 and min <= max");
    }
  };
  const binary = (key: string, c: BinaryCovariate): void => {
    probability(`${key}.probability`, c.probability);
    probability(`${key}.exposedProbability`, c.exposedProbability);
  };
  const cov = design.covariates;
  numeric("covariates.age", cov.age);
  numeric("covariates.bmi", cov.bmi);
  binary("covariates.sex", cov.sex);
  binary("covariates.antibiotics", cov.antibiotics);
  binary("covariates.probiotic", cov.probiotic);
  for (const o of design.outcomes) if (o.kind === "side_effect") binary(`outcomes.${o.column}`, o);
  const diet = cov.diet;
  for (const weights of [diet.probabilities, diet.exposedProbabilities]) {
    if (
      diet.levels.length === 0 ||
      diet.levels.length !== weights.length ||
      weights.some((p) => !(p >= 0)) ||
      !(weights.reduce((a, b) => a + b, 0) > 0)
    ) {
      bad(
        "covariates.diet",
        "needs one probability >= 0 per level (non-exposed and exposed), with a positive total",
      );
    }
  }
  for (const o of linkedOutcomes(design)) {
    o.links.forEach((l, i) => {
      taxon(`outcomes.${o.column}.links[${i}].taxon`, l.taxon);
    });
    if (o.kind === "continuous" && !(o.min < o.max)) bad(`outcomes.${o.column}.min`, "must be below max");
  }
  const written = design.outcomes.flatMap((o) =>
    o.kind === "continuous" ? [o.before, o.after, o.column] : [o.column],
  );
  const repeated = written.filter((name, k) => written.indexOf(name) !== k);
  if (repeated.length > 0) bad("outcomes", `column(s) named twice: ${[...new Set(repeated)].join(", ")}`);
  const seq = design.sequencing;
  positive("sequencing.depthMedian", seq.depthMedian);
  if (!(seq.depthSdLog >= 0)) bad("sequencing.depthSdLog", `must be >= 0, got ${seq.depthSdLog}`);
  if (!Number.isInteger(seq.minDepth) || seq.minDepth < 1)
    bad("sequencing.minDepth", "must be an integer >= 1");
  if (!Number.isInteger(seq.asvsPerTaxon) || seq.asvsPerTaxon < 1 || seq.asvsPerTaxon > MAX_ASVS_PER_TAXON) {
    bad("sequencing.asvsPerTaxon", `must be an integer in [1, ${MAX_ASVS_PER_TAXON}]`);
  }
  if (issues.length > 0) throw new InputError(issues);
}
