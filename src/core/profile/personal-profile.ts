/**
 * personalProfile: one person's view of a FittedModel (src/core/models/train-model.ts):
 *   1. performance first: when the permutation test does not show the model better than chance
 *      (cv.null_p >= 0.05, or null when not run), the FIRST statement says so in plain words;
 *   2. the prediction and its interval (predictOne: CV+ / CV interval for continuous targets, the
 *      Venn-Abers probability interval for binary ones, shown as a risk);
 *   3. the person's key taxa (the model's top features) as percentiles of the training cohort, from
 *      the model's per-feature training quantiles on the CLR scale (percentile.ts);
 *   4. gut diversity: Shannon H and observed features of the person's counts at the model's rank, as
 *      percentiles of the training cohort (cohort-alpha.ts quantiles) and Shannon also among the
 *      reference template profiles (template-shannon.ts; empirical mid-rank percentile);
 *   5. the taxa that pushed this prediction up or down (predictOne's contributions: standardised
 *      coefficient x value for elastic net, Saabas path contributions for random forest);
 *   6. the cohort's candidate taxa (top features with direction and selection stability), worded as
 *      hypotheses, never advice; 7. caveats.
 * `better`: which direction of the target is the better outcome (default: higher for continuous
 * targets, lower risk of the positive level for binary ones); it only decides the wording.
 */
import { InputError } from "../errors.js";
import { applyFeatureTransform } from "../models/feature-transform.js";
import { type FeatureContribution, predictOne } from "../models/predict-one.js";
import type { FeatureSummary, FittedModel } from "../models/train-model.js";
import { observedFeatures } from "../alpha/observed-features.js";
import { shannon } from "../alpha/shannon.js";
import type { Template } from "../simulate/template.js";
import type { CohortAlpha } from "./cohort-alpha.js";
import { empiricalPercentile, percentileFromQuantiles } from "./percentile.js";
import {
  caveats,
  fmt,
  hypothesisText,
  type Performance,
  pct,
  performanceStatement,
} from "./profile-wording.js";
import { templateShannon } from "./template-shannon.js";

/** A model counts as better than chance when its permutation p is below this. */
export const NULL_P_CHANCE = 0.05;

/** One person: a sample ID and raw counts in the model's feature order. */
export interface ProfilePerson {
  sampleId: string;
  /** Raw values (counts) in model.featureNames order. */
  counts: ArrayLike<number>;
}

/**
 * The reference cohort a person is placed in: per-feature quantiles and, optionally, alpha-diversity
 * quantiles.
 */
export interface ProfileCohort {
  levels: readonly number[];
  features: readonly FeatureSummary[];
  alpha?: CohortAlpha;
}

/** Options of {@link personalProfile}. */
export interface ProfileOptions {
  /** Per-feature cohort quantiles (default: the model's training summary) and cohort alpha. */
  cohort?: ProfileCohort;
  /** Reference profiles for the Shannon comparison (e.g. excludeTemplateTaxa(gutTemplate(), ["unassigned"])). */
  template?: Template;
  better?: "higher" | "lower";
  /** How many key taxa, drivers per direction and hypotheses to show (default 8). */
  top?: number;
}

/** One key taxon of the person: relative abundance, CLR value and percentile (0–1) in the training cohort. */
export interface KeyTaxon {
  name: string;
  relativeAbundance: number;
  clr: number;
  cohortPercentile: number;
}

/**
 * A candidate taxon of the cohort worded as a hypothesis (never advice), with its direction and selection
 * stability.
 */
export interface Hypothesis {
  name: string;
  association: "positive" | "negative";
  linkedTo: "better" | "worse";
  selectionFrequency: number;
  signConsistency: number | null;
  text: string;
}

/**
 * One person's profile against a fitted model: performance first, the prediction with its interval,
 * key taxa and diversity as cohort percentiles, drivers of the prediction, hypotheses and caveats.
 */
export interface PersonalProfile {
  kind: "gutresponse.personal_profile";
  formatVersion: 1;
  sampleId: string;
  target: string;
  task: FittedModel["task"];
  modelType: FittedModel["modelType"];
  better: "higher" | "lower";
  performance: Performance;
  /** Plain-language summary; the first line is about whether the model beats chance. */
  statements: string[];
  prediction: {
    /** Predicted value (continuous) or risk of the positive level (binary). */
    value: number;
    kind: "value" | "risk";
    lower: number;
    upper: number;
    intervalMethod: string;
    intervalLevel: number | null;
  };
  keyTaxa: KeyTaxon[];
  diversity: {
    shannon: number | null;
    observed: number;
    shannonCohortPercentile: number | null;
    observedCohortPercentile: number | null;
    shannonTemplatePercentile: number | null;
    template: { source: string; n: number; shannonMedian: number } | null;
  };
  drivers: { up: FeatureContribution[]; down: FeatureContribution[] };
  hypotheses: Hypothesis[];
  caveats: string[];
  warnings: string[];
}

function performanceOf(model: FittedModel): Performance {
  const metric = model.task === "binary" ? "auroc" : "r2";
  const m = model.cv[metric];
  const nullP = model.cv.null_p;
  return {
    metric,
    estimate: m?.estimate ?? null,
    ci_low: m?.ci_low ?? null,
    ci_high: m?.ci_high ?? null,
    null_p: nullP,
    betterThanChance: nullP !== null && nullP < NULL_P_CHANCE,
  };
}

function checkPerson(model: FittedModel, person: ProfilePerson): number {
  const p = model.featureNames.length;
  if (person.counts.length !== p) {
    throw InputError.single({
      code: "bad_argument",
      sampleId: person.sampleId,
      message: `${person.counts.length} values given; the model has ${p} features`,
      hint: "give the person's values in model.featureNames order",
    });
  }
  let total = 0;
  for (let j = 0; j < p; j++) {
    const v = person.counts[j]!;
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw InputError.single({
        code: "negative_value",
        sampleId: person.sampleId,
        featureId: model.featureNames[j],
        message: `value ${v} is not a non-negative number`,
      });
    }
    total += v;
  }
  if (total === 0) {
    throw InputError.single({
      code: "all_zero_sample",
      sampleId: person.sampleId,
      message: "the sample has no reads in any of the model's features",
      hint: "check that the table's features are the model's taxa (same rank and names)",
    });
  }
  return total;
}

function diversityOf(
  counts: ArrayLike<number>,
  alpha: CohortAlpha | undefined,
  template: Template | undefined,
): PersonalProfile["diversity"] {
  const h = shannon(counts);
  const s = observedFeatures(counts);
  const hasShannon = Number.isFinite(h);
  const th = template ? templateShannon(template) : null;
  return {
    shannon: hasShannon ? h : null,
    observed: s,
    shannonCohortPercentile:
      alpha && hasShannon && alpha.shannon.length > 0
        ? percentileFromQuantiles(h, alpha.levels, alpha.shannon)
        : null,
    observedCohortPercentile: alpha ? percentileFromQuantiles(s, alpha.levels, alpha.observed) : null,
    shannonTemplatePercentile: th && hasShannon ? empiricalPercentile(h, th) : null,
    template: th
      ? {
          source: template!.source,
          n: th.length,
          shannonMedian: Float64Array.from(th).sort()[th.length >> 1]!,
        }
      : null,
  };
}

/**
 * Builds one person's profile from a fitted model (statement order in the module header). `better`
 * only decides the wording; associations are described, never causes.
 * @throws {InputError} `bad_argument` (wrong number of values), `negative_value` (a negative or
 *   non-finite value), `all_zero_sample` (no reads in the model's features).
 */
export function personalProfile(
  model: FittedModel,
  person: ProfilePerson,
  options: ProfileOptions = {},
): PersonalProfile {
  const total = checkPerson(model, person);
  const top = options.top ?? 8;
  const better = options.better ?? (model.task === "binary" ? "lower" : "higher");
  const cohort: ProfileCohort = options.cohort ?? {
    levels: model.training.quantileLevels,
    features: model.training.features,
  };
  const performance = performanceOf(model);
  const one = predictOne(model, person.counts);
  const isRisk = model.task === "binary";
  const value = isRisk ? (one.calibratedProbability ?? one.prediction) : one.prediction;
  const index = new Map(model.featureNames.map((name, j) => [name, j]));
  const summaryOf = new Map(cohort.features.map((f) => [f.name, f]));
  const xt = applyFeatureTransform(model.transform, person.counts, 1, model.featureNames.length);
  const keyTaxa: KeyTaxon[] = model.topFeatures
    .filter((f) => summaryOf.has(f.name))
    .slice(0, top)
    .map((f) => {
      const j = index.get(f.name)!;
      const clr = xt[j]!;
      return {
        name: f.name,
        relativeAbundance: person.counts[j]! / total,
        clr,
        cohortPercentile: percentileFromQuantiles(clr, cohort.levels, summaryOf.get(f.name)!.quantiles),
      };
    });
  const diversity = diversityOf(person.counts, cohort.alpha, options.template);
  const up = one.contributions.filter((c) => c.contribution > 0).slice(0, top);
  const down = one.contributions.filter((c) => c.contribution < 0).slice(0, top);
  const hypotheses: Hypothesis[] = model.topFeatures.slice(0, top).map((f) => {
    const positive = f.direction === "positive";
    const linkedToBetter = positive === (better === "higher");
    return {
      name: f.name,
      association: f.direction,
      linkedTo: linkedToBetter ? "better" : "worse",
      selectionFrequency: f.selectionFrequency,
      signConsistency: f.signConsistency,
      text: hypothesisText(f.name, model.target, positive, f.selectionFrequency, linkedToBetter),
    };
  });
  const interval = one.interval;
  const statements = [
    performanceStatement(model, performance),
    isRisk
      ? `Estimated risk of ${model.target}: ${pct(value)} (Venn–Abers range ${pct(interval.lower)} to ${pct(interval.upper)}).`
      : `Predicted ${model.target}: ${fmt(value)} (${interval.level === null ? "" : `${pct(interval.level)} `}prediction interval ${fmt(interval.lower)} to ${fmt(interval.upper)}).`,
    diversityStatement(diversity),
    driversStatement(up, down),
  ].filter((s): s is string => s !== null);
  return {
    kind: "gutresponse.personal_profile",
    formatVersion: 1,
    sampleId: person.sampleId,
    target: model.target,
    task: model.task,
    modelType: model.modelType,
    better,
    performance,
    statements,
    prediction: {
      value,
      kind: isRisk ? "risk" : "value",
      lower: interval.lower,
      upper: interval.upper,
      intervalMethod: interval.method,
      intervalLevel: interval.level,
    },
    keyTaxa,
    diversity,
    drivers: { up, down },
    hypotheses,
    caveats: caveats(model.training.n),
    warnings: [],
  };
}

function diversityStatement(d: PersonalProfile["diversity"]): string | null {
  if (d.shannon === null) return null;
  const parts = [`Shannon diversity ${fmt(d.shannon)}`];
  if (d.shannonCohortPercentile !== null)
    parts.push(`${ordinal(d.shannonCohortPercentile)} percentile of the study cohort`);
  if (d.shannonTemplatePercentile !== null)
    parts.push(`${ordinal(d.shannonTemplatePercentile)} percentile of the reference adult gut profiles`);
  return `${parts.join("; ")}.`;
}

function driversStatement(up: FeatureContribution[], down: FeatureContribution[]): string | null {
  const names = (list: FeatureContribution[]) =>
    list
      .slice(0, 3)
      .map((c) => c.name)
      .join(", ");
  if (up.length === 0 && down.length === 0) return null;
  const parts: string[] = [];
  if (up.length > 0) parts.push(`pushed the prediction up most: ${names(up)}`);
  if (down.length > 0) parts.push(`pushed it down most: ${names(down)}`);
  return `Taxa that ${parts.join("; taxa that ")}.`;
}

/** A fraction as an English percentile ordinal: 0.42 → "42nd", 0.11 → "11th". */
export function ordinal(fraction: number): string {
  const k = Math.round(100 * fraction);
  const suffix = k % 100 >= 11 && k % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][k % 10] ?? "th");
  return `${k}${suffix}`;
}
