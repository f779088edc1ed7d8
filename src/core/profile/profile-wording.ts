/**
 * The plain-language sentences of a personal profile. Kept apart from the numbers so the wording
 * rules are in one place: performance first (and "no better than chance" first of all when the
 * permutation test does not reject chance), hypotheses never phrased as advice, and the caveats
 * every profile carries.
 */
import type { FittedModel } from "../models/train-model.js";

/** Numbers in sentences: 3 significant digits, no locale. */
export function fmt(x: number, digits = 3): string {
  return Number(x.toPrecision(digits)).toString();
}

export function pct(fraction: number): string {
  return `${Math.round(100 * fraction)}%`;
}

/** A model's headline performance (AUROC or R² with CI and permutation p) and whether it beats chance. */
export interface Performance {
  metric: "auroc" | "r2";
  estimate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  null_p: number | null;
  betterThanChance: boolean;
}

const METRIC_LABEL = { auroc: "AUROC", r2: "R²" } as const;

function performanceFigures(perf: Performance): string {
  const p = perf.null_p === null ? "permutation test not run" : `permutation p = ${fmt(perf.null_p, 2)}`;
  if (perf.estimate === null) return p;
  const ci =
    perf.ci_low !== null && perf.ci_high !== null
      ? `, 95% CI ${fmt(perf.ci_low)} to ${fmt(perf.ci_high)}`
      : "";
  return `${METRIC_LABEL[perf.metric]} ${fmt(perf.estimate)}${ci}; ${p}`;
}

export function performanceStatement(model: FittedModel, perf: Performance): string {
  const figures = performanceFigures(perf);
  if (perf.betterThanChance) {
    return `In cross-validation on ${model.training.n} participants, the model predicted ${model.target} better than chance (${figures}).`;
  }
  const why =
    perf.null_p === null
      ? "its better-than-chance test was not run, so it has not been shown to do better than guessing"
      : "in cross-validation it did no better than the same model trained on shuffled outcomes";
  return `This model is no better than chance at predicting ${model.target}: ${why} (${figures}). Treat the prediction and the taxa below as uninformative.`;
}

export function caveats(n: number): string[] {
  return [
    `Observational data: the model was learned from one cohort of ${n} participants observed once; it describes associations in that cohort, not effects of changing anything.`,
    n < 100
      ? `Small cohort: with ${n} participants the estimates are uncertain and may not hold for other people; the intervals show part of this uncertainty.`
      : `Cohort size: ${n} participants; results may not hold for people unlike them.`,
    "Association, not causation: taxa that pushed the prediction, and taxa linked to better outcomes, are hypotheses to test, not causes; changing them may change nothing.",
    "Consult a clinician before starting, stopping or changing a drug, other substances, diet or supplements.",
    "Not a diagnosis and not medical advice. Observed-feature counts depend on sequencing depth, so that percentile is rough.",
  ];
}

export function hypothesisText(
  name: string,
  target: string,
  positive: boolean,
  selection: number,
  linkedToBetter: boolean,
): string {
  const more = positive ? "higher" : "lower";
  return `Hypothesis: in this cohort, more ${name} went with ${more} ${target} (${linkedToBetter ? "a better" : "a worse"} outcome; chosen in ${pct(selection)} of cross-validation fits). An association to test in a designed study, not a recommendation.`;
}
