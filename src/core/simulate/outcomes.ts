/**
 * Host outcomes of one simulated participant, generated from the TRUE relative abundances (after
 * implantation, before sequencing), so that the truth of a taxon-outcome link is known exactly.
 * The design's outcomes are drawn in list order (design.ts), then the dose:
 *
 *   s = sum_links effect_l * (log2 max(a_l, FLOOR) - c_l),   c_l = template median of log2 max(a_l, FLOOR)
 *   continuous: before ~ N(beforeMean, beforeSd) truncated to [min, max], 1 decimal
 *               change* = changeMean + exposureEffect * exposed + s + N(0, noiseSd)
 *               after = clamp(before - change*, min, max), 1 decimal;  column = before - after
 *   binary:     yes with P = 1 / (1 + exp(-(intercept + exposureEffect * exposed + s)))
 *   side effect: yes with P(non-exposed) or P(exposed)
 *   exposed only: dose per day = gramsMedian * exp(gramsSdLog Z) (0.1); doses per week =
 *                round(perWeekMedian * exp(perWeekSdLog Z)) in [1, perWeekMax]; both 0 otherwise.
 * A 0-10 numeric rating scale as in Hawker et al. 2011, Arthritis Care Res 63:S240
 * (doi:10.1002/acr.20543); a logistic link for the binary outcome (McCullagh & Nelder 1989).
 */
import type { Rng } from "../random/rng.js";
import { type DoseModel, LOG_ABUNDANCE_FLOOR, type OutcomeModel } from "./design.js";
import { median } from "../stats/descriptive.js";
import type { Template } from "./template.js";
import { bernoulli, logNormal, roundTo, truncatedNormal } from "./variates.js";

/** A taxon link resolved against the template: taxon index, effect per doubling and centre. */
export interface ResolvedLink {
  index: number;
  effect: number;
  center: number;
}

/** A continuous outcome's three values: before, after and the outcome itself (before - after). */
export interface ScoreValues {
  before: number;
  after: number;
  change: number;
}

export interface Outcomes {
  /** One value per design outcome, in the design's order: scores, or yes (true) / no (false). */
  values: (ScoreValues | boolean)[];
  doseGramsPerDay: number;
  dosesPerWeek: number;
}

function log2Abundance(a: number): number {
  return Math.log2(Math.max(a, LOG_ABUNDANCE_FLOOR));
}

/** Median over template profiles of log2 max(a_t, FLOOR): the centre of a taxon's outcome link. */
export function templateLog2Median(template: Template, taxon: number): number {
  const m = template.taxa.length;
  const n = template.sampleIds.length;
  const v = new Float64Array(n);
  for (let s = 0; s < n; s++) v[s] = log2Abundance(template.profiles[s * m + taxon]!);
  return median(v);
}

export function linkScore(profile: Float64Array, links: readonly ResolvedLink[]): number {
  let s = 0;
  for (const l of links) s += l.effect * (log2Abundance(profile[l.index]!) - l.center);
  return s;
}

/**
 * Draws the participant's outcomes (in `outcomes` order, `links[k]` resolving outcome k's taxon
 * links; empty for a side effect) and then its dose.
 */
export function drawOutcomes(
  rng: Rng,
  outcomes: readonly OutcomeModel[],
  dose: DoseModel,
  exposed: boolean,
  profile: Float64Array,
  links: readonly (readonly ResolvedLink[])[],
): Outcomes {
  const x = exposed ? 1 : 0;
  const values = outcomes.map((o, k): ScoreValues | boolean => {
    if (o.kind === "side_effect") return bernoulli(rng, exposed ? o.exposedProbability : o.probability);
    const s = linkScore(profile, links[k]!);
    if (o.kind === "binary")
      return bernoulli(rng, 1 / (1 + Math.exp(-(o.intercept + o.exposureEffect * x + s))));
    const before = roundTo(truncatedNormal(rng, o.beforeMean, o.beforeSd, o.min, o.max), 1);
    const change = o.changeMean + o.exposureEffect * x + s + o.noiseSd * rng.normal();
    const after = roundTo(Math.min(o.max, Math.max(o.min, before - change)), 1);
    return { before, after, change: roundTo(before - after, 1) };
  });
  const doseGramsPerDay = exposed
    ? Math.max(0.1, roundTo(logNormal(rng, dose.gramsMedian, dose.gramsSdLog), 1))
    : 0;
  const dosesPerWeek = exposed
    ? Math.min(
        dose.perWeekMax,
        Math.max(1, Math.round(logNormal(rng, dose.perWeekMedian, dose.perWeekSdLog))),
      )
    : 0;
  return { values, doseGramsPerDay, dosesPerWeek };
}
