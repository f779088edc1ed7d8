/**
 * Host outcomes of one simulated participant, generated from the TRUE relative abundances (after
 * implantation, before sequencing), so that the truth of a taxon-outcome link is known exactly:
 *
 *   s = sum_links effect_l * (log2 max(a_l, FLOOR) - c_l),   c_l = template median of log2 max(a_l, FLOOR)
 *   pain_before ~ N(beforeMean, beforeSd) truncated to [0, 10], 1 decimal
 *   relief*     = reliefMean + exposureEffect * user + s_pain + N(0, noiseSd)
 *   pain_after  = clamp(pain_before - relief*, 0, 10), 1 decimal;  pain_relief = before - after
 *   constipation: yes with P = 1 / (1 + exp(-(intercept + exposureEffect * user + s_constipation)))
 *   nausea:      yes with P(non-user) or P(user)
 *   users only:  dose_g_per_day = gramsMedian * exp(gramsSdLog Z) (0.1 g); doses_per_week =
 *                round(perWeekMedian * exp(perWeekSdLog Z)) in [1, perWeekMax]; both 0 in non-users.
 * The 0-10 numeric rating scale follows Hawker et al. 2011, Arthritis Care Res 63:S240
 * (doi:10.1002/acr.20543); a logistic link for the binary outcome (McCullagh & Nelder 1989).
 */
import type { Rng } from "../random/rng.js";
import { LOG_ABUNDANCE_FLOOR, type OutcomeModel } from "./design.js";
import type { Template } from "./template.js";
import { bernoulli, logNormal, roundTo, truncatedNormal } from "./variates.js";

/** A taxon link resolved against the template: taxon index, effect per doubling and centre. */
export interface ResolvedLink {
  index: number;
  effect: number;
  center: number;
}

export interface Outcomes {
  painBefore: number;
  painAfter: number;
  painRelief: number;
  constipation: boolean;
  nausea: boolean;
  doseGramsPerDay: number;
  dosesPerWeek: number;
}

const PAIN_MIN = 0;
const PAIN_MAX = 10;

function log2Abundance(a: number): number {
  return Math.log2(Math.max(a, LOG_ABUNDANCE_FLOOR));
}

/** Median over template profiles of log2 max(a_t, FLOOR): the centre of a taxon's outcome link. */
export function templateLog2Median(template: Template, taxon: number): number {
  const m = template.taxa.length;
  const n = template.sampleIds.length;
  const v = new Float64Array(n);
  for (let s = 0; s < n; s++) v[s] = log2Abundance(template.profiles[s * m + taxon]!);
  v.sort();
  return n % 2 === 1 ? v[(n - 1) / 2]! : (v[n / 2 - 1]! + v[n / 2]!) / 2;
}

export function linkScore(profile: Float64Array, links: readonly ResolvedLink[]): number {
  let s = 0;
  for (const l of links) s += l.effect * (log2Abundance(profile[l.index]!) - l.center);
  return s;
}

export function drawOutcomes(
  rng: Rng,
  model: OutcomeModel,
  exposed: boolean,
  profile: Float64Array,
  painLinks: readonly ResolvedLink[],
  constipationLinks: readonly ResolvedLink[],
): Outcomes {
  const pain = model.painRelief;
  const user = exposed ? 1 : 0;
  const painBefore = roundTo(truncatedNormal(rng, pain.beforeMean, pain.beforeSd, PAIN_MIN, PAIN_MAX), 1);
  const relief =
    pain.reliefMean +
    pain.exposureEffect * user +
    linkScore(profile, painLinks) +
    pain.noiseSd * rng.normal();
  const painAfter = roundTo(Math.min(PAIN_MAX, Math.max(PAIN_MIN, painBefore - relief)), 1);
  const c = model.constipation;
  const logit = c.intercept + c.exposureEffect * user + linkScore(profile, constipationLinks);
  const constipation = bernoulli(rng, 1 / (1 + Math.exp(-logit)));
  const nausea = bernoulli(rng, exposed ? model.nausea.exposedProbability : model.nausea.probability);
  const d = model.dose;
  const doseGramsPerDay = exposed
    ? Math.max(0.1, roundTo(logNormal(rng, d.gramsMedian, d.gramsSdLog), 1))
    : 0;
  const dosesPerWeek = exposed
    ? Math.min(d.perWeekMax, Math.max(1, Math.round(logNormal(rng, d.perWeekMedian, d.perWeekSdLog))))
    : 0;
  return {
    painBefore,
    painAfter,
    painRelief: roundTo(painBefore - painAfter, 1),
    constipation,
    nausea,
    doseGramsPerDay,
    dosesPerWeek,
  };
}
