/**
 * Cohort simulator by signal implantation (Wirbel et al. 2024, Genome Biol 25:31,
 * doi:10.1186/s13059-024-03169-z). For participant i = 0..n-1, on its own stream rng.fork(i + 2):
 *   1. draw a real template profile (with replacement; `templateDraw: "balanced"`: the i-th entry
 *      of concatenated random permutations of the profiles, from rng.fork(0).fork(1), so none
 *      repeats up to n = T) and the host covariates; each taxon linked
 *      to an outcome takes its abundance from a second, independently drawn template profile (its
 *      "donor"; one draw per linked taxon), so that no other taxon co-varies with the linked one
 *      across participants and the planted link is the only route from the composition to the
 *      outcome (see below);
 *   2. exposed only: prevalence shifts (absent taxon given at a random carrier's abundance);
 *   3. covariate effects (a_g x f^((x - c) / per)); exposed only: abundance shifts (a_g x f);
 *      renormalise to sum 1: these are the TRUE relative abundances;
 *   4. read depth ~ log-normal (median, sdLog, floored at minDepth), reads ~ exact multinomial over
 *      the features (taxa split into ASVs, asv-split.ts);
 *   5. outcomes from the true abundances (outcomes.ts).
 * Exposure (exactly round(n * exposedProportion) users, shuffled) comes from rng.fork(0), the ASV
 * layout from rng.fork(1) (so it does not depend on n).
 * Because each participant has its own stream, participant i's data depend only on (seed, i) and
 * its exposure, not on the other participants. Features with no read in any sample are dropped.
 * Same design, n and seed -> the same bytes.
 *
 * Why donors: real profiles are correlated (enterotypes, guilds), and the template has only 126 of
 * them, so a taxon that happens to co-vary with the linked taxon across those 126 profiles would be
 * truly associated with the outcome in the simulated population; any per-taxon association test
 * then "finds" it, and as n grows every such passenger becomes significant (before this change the
 * association scan's FDP against the planted truth rose from 0.6 at n = 65 to 0.99 at n = 400 for
 * every model tried). Drawing the linked taxon's abundance from an independent profile keeps its
 * realistic marginal distribution (zeros included) and the rest of the profile intact, and makes
 * the planted link the only association of the outcome with the composition besides the closure
 * (renormalisation) shift that every taxon shares. It is signal implantation (Wirbel et al. 2024)
 * applied to a taxon-outcome link: the signal is placed so that the background carries none.
 * A design without outcome links makes no donor draw (null cohorts are unchanged by it).
 */
import { createRng, type Rng } from "../random/rng.js";
import { categorical, type MetadataColumn, numeric, type SampleMetadata } from "../table/metadata.js";
import { sortLevels } from "../table/level-order.js";
import { parseLineage, type Taxonomy } from "../table/taxonomy.js";
import { expandToFeatures, splitIntoAsvs } from "./asv-split.js";
import { type Covariates, covariateValue, differsByExposure, drawCovariates } from "./covariates.js";
import {
  type CohortDesign,
  type CovariateEffect,
  linkedOutcomes,
  type OutcomeModel,
  type TaxonLink,
} from "./design.js";
import { addTaxonIfAbsent, renormalise, scaleTaxon } from "./implant.js";
import { sampleMultinomial } from "./multinomial.js";
import {
  drawOutcomes,
  type Outcomes,
  type ResolvedLink,
  type ScoreValues,
  templateLog2Median,
} from "./outcomes.js";
import { excludeTemplateTaxa, gutTemplate, templateTaxonIndex } from "./template.js";
import type { Truth } from "./truth.js";
import { bernoulli, logNormal } from "./variates.js";
import { validateDesign } from "./validate-design.js";
import { plantedEffectsTruth, resolvePlantedEffects, truthHeader } from "./planted-effects.js";
import { simulateLongitudinalCohort } from "./longitudinal-cohort.js";
import { buildTable, type SimulatedCohort, type SimulateOptions } from "./simulated-cohort.js";

export type { SimulatedCohort, SimulateOptions };

interface Participant {
  exposed: boolean;
  templateSample: number;
  covariates: Covariates;
  outcomes: Outcomes;
}

/**
 * Simulates a cohort by signal implantation (Wirbel et al. 2024, Genome Biol 25:31,
 * doi:10.1186/s13059-024-03169-z): real template profiles resampled, planted effects applied, reads
 * drawn by an exact multinomial. Participant i depends only on (seed, i) and its exposure.
 * @throws {InputError} `bad_config` (a design taxon not in the template, invalid effects),
 *   `bad_argument` (n or seed invalid).
 */
export function simulateCohort(design: CohortDesign, { n, seed }: SimulateOptions): SimulatedCohort {
  if (design.visits) return simulateLongitudinalCohort(design, design.visits, { n, seed });
  const template = excludeTemplateTaxa(design.template ?? gutTemplate(), design.excludeTaxa);
  validateDesign(design, template, n, seed);
  const m = template.taxa.length;
  const index = (taxon: string, key: string): number => templateTaxonIndex(template, taxon, key);
  const resolve = (links: TaxonLink[], key: string): ResolvedLink[] =>
    links.map((l) => {
      const i = index(l.taxon, key);
      return { index: i, effect: l.effect, center: templateLog2Median(template, i) };
    });
  const links = design.outcomes.map((o) =>
    o.kind === "side_effect" ? [] : resolve(o.links, `outcomes.${o.column}.links`),
  );
  const linkedTaxa = [...new Set(links.flat().map((l) => l.index))];
  const planted = resolvePlantedEffects(design, template);
  const { prevalence, abundance, covEffects } = planted;

  const root = createRng(seed);
  const exposedFlags = assignExposure(root.fork(0), n, design.exposedProportion);
  const layout = splitIntoAsvs(root.fork(1), m, design.sequencing.asvsPerTaxon);
  const assigned =
    design.templateDraw === "balanced"
      ? balancedTemplateOrder(root.fork(0).fork(1), n, template.sampleIds.length)
      : null;
  const nFeat = layout.featureIds.length;
  const counts = new Float64Array(n * nFeat);
  const profile = new Float64Array(m);
  const weights = new Float64Array(nFeat);
  const scratch = new Float64Array(nFeat);
  const participants: Participant[] = [];
  for (let i = 0; i < n; i++) {
    const rng = root.fork(i + 2);
    const exposed = exposedFlags[i] === 1;
    // the participant's own draw is made in both modes, so the rest of its stream is the same
    const drawn = rng.int(template.sampleIds.length);
    const templateSample = assigned ? assigned[i]! : drawn;
    profile.set(template.profiles.subarray(templateSample * m, (templateSample + 1) * m));
    for (const t of linkedTaxa) profile[t] = template.profiles[rng.int(template.sampleIds.length) * m + t]!;
    const covariates = drawCovariates(rng, design.covariates, exposed);
    if (exposed) {
      for (const p of prevalence) {
        if (profile[p.taxon] === 0 && p.carriers.length > 0 && bernoulli(rng, p.probability)) {
          if (addTaxonIfAbsent(profile, p.taxon, p.carriers[rng.int(p.carriers.length)]!)) p.given++;
        }
      }
    }
    for (const e of covEffects) {
      scaleTaxon(
        profile,
        e.taxon,
        e.foldChange ** ((covariateValue(covariates, e.covariate, e.level) - e.center) / e.per),
      );
    }
    if (exposed) for (const a of abundance) scaleTaxon(profile, a.taxon, a.fold);
    renormalise(profile);
    const seq = design.sequencing;
    const depth = Math.max(seq.minDepth, Math.round(logNormal(rng, seq.depthMedian, seq.depthSdLog)));
    expandToFeatures(layout, profile, weights);
    sampleMultinomial(rng, depth, weights, counts.subarray(i * nFeat, (i + 1) * nFeat), scratch);
    const outcomes = drawOutcomes(rng, design.outcomes, design.dose, exposed, profile, links);
    participants.push({ exposed, templateSample, covariates, outcomes });
  }

  const sampleIds = participantIds(n);
  const { table, keptFeatures } = buildTable(sampleIds, layout, counts);
  const parsedLineages = new Map<number, string[]>();
  const lineageOf = (taxon: number): string[] => {
    let lineage = parsedLineages.get(taxon);
    if (!lineage) {
      lineage = parseLineage(template.lineages[taxon]!);
      parsedLineages.set(taxon, lineage);
    }
    return [...lineage];
  };
  const taxonomy: Taxonomy = {
    featureIds: table.featureIds,
    lineages: keptFeatures.map((f) => lineageOf(layout.taxonOf[f]!)),
  };
  const featuresOf = (taxon: number): string[] =>
    keptFeatures.filter((f) => layout.taxonOf[f] === taxon).map((f) => layout.featureIds[f]!);

  const exposedCount = participants.filter((p) => p.exposed).length;
  const groupMean = (exposed: boolean, value: (c: Covariates) => number): number => {
    const group = participants.filter((p) => p.exposed === exposed);
    return group.reduce((s, p) => s + value(p.covariates), 0) / Math.max(1, group.length);
  };
  const sameCovariate = (a: CovariateEffect, b: CovariateEffect): boolean =>
    a.covariate === b.covariate && a.level === b.level;
  const confounded = design.covariateEffects.filter(
    (e, k, all) =>
      all.findIndex((o) => sameCovariate(o, e)) === k &&
      differsByExposure(design.covariates, e.covariate, e.level),
  );
  const truth: Truth = {
    ...truthHeader(design, template, seed, n, { nExposed: exposedCount, nReference: n - exposedCount }),
    ...plantedEffectsTruth(design, planted, featuresOf),
    confounders: confounded.map((c) => ({
      covariate: c.covariate,
      ...(c.level === undefined ? {} : { level: c.level }),
      taxa: design.covariateEffects.filter((e) => sameCovariate(e, c)).map((e) => e.taxon),
      meanExposed: groupMean(true, (cv) => covariateValue(cv, c.covariate, c.level)),
      meanReference: groupMean(false, (cv) => covariateValue(cv, c.covariate, c.level)),
    })),
    outcomeLinks: design.outcomes
      .flatMap((o, k) => links[k]!.map((l) => ({ outcome: o.column, scale: outcomeScale(o), l })))
      .filter(({ l }) => l.effect !== 0)
      .map(({ outcome, scale, l }) => ({
        outcome,
        taxon: template.taxa[l.index]!,
        effect: l.effect,
        scale: `${scale} per doubling of true relative abundance`,
        center: l.center,
        features: featuresOf(l.index),
      })),
    exposureEffects: linkedOutcomes(design)
      .map((o) => ({ outcome: o.column, effect: o.exposureEffect, scale: outcomeScale(o) }))
      .filter((e) => e.effect !== 0),
    templateSamples: participants.map((p) => template.sampleIds[p.templateSample]!),
    notes: [
      "Fold changes multiply a taxon's relative abundance before renormalisation: its ratio to any " +
        "unplanted taxon changes by exactly the fold change; its relative abundance a by f a / (1 + (f - 1) a).",
      "Outcomes are generated from the true relative abundances (before sequencing).",
      "Each outcome-linked taxon's template abundance comes from a second, independently drawn template profile, so no other taxon co-varies with it and the planted link is the only taxon-outcome association.",
      "The cohort is simulated from public template profiles; no real participant is represented.",
    ],
  };
  return {
    table,
    taxonomy,
    metadata: buildMetadata(sampleIds, participants, design),
    truth,
  };
}

function assignExposure(rng: Rng, n: number, proportion: number): Uint8Array {
  const flags = new Uint8Array(n);
  flags.fill(1, 0, Math.round(n * proportion));
  const order = Array.from(flags);
  rng.shuffle(order);
  return Uint8Array.from(order);
}

/**
 * Template profile per participant for `templateDraw: "balanced"`: independent random permutations
 * of 0..nTemplates-1 laid end to end and cut at n, so profile t is used floor(n / T) or ceil(n / T)
 * times and never twice among the first T participants (sampling without replacement within each
 * block of T).
 */
export function balancedTemplateOrder(rng: Rng, n: number, nTemplates: number): Int32Array {
  const order = new Int32Array(n);
  const block = new Int32Array(nTemplates);
  for (let start = 0; start < n; start += nTemplates) {
    for (let t = 0; t < nTemplates; t++) block[t] = t;
    rng.shuffle(block);
    order.set(block.subarray(0, Math.min(nTemplates, n - start)), start);
  }
  return order;
}

function participantIds(n: number): string[] {
  const width = Math.max(3, String(n).length);
  return Array.from({ length: n }, (_, i) => `P${String(i + 1).padStart(width, "0")}`);
}

const yesNo = (b: boolean): string => (b ? "yes" : "no");

/** The scale an outcome's effects are stated on: the score's unit, or log-odds. */
const outcomeScale = (o: OutcomeModel): string => (o.kind === "continuous" ? o.unit : "log-odds");

function buildMetadata(
  ids: readonly string[],
  ps: readonly Participant[],
  design: CohortDesign,
): SampleMetadata {
  const c = design.columns;
  const num = (name: string, f: (p: Participant) => number) => numeric(name, ps.map(f));
  const cat = (name: string, levels: readonly string[], f: (p: Participant) => string) =>
    categorical(name, ps.map(f), sortLevels(levels));
  const score = (p: Participant, k: number) => p.outcomes.values[k] as ScoreValues;
  const outcomeColumns = design.outcomes.flatMap((o, k): MetadataColumn[] =>
    o.kind === "continuous"
      ? [
          num(o.before, (p) => score(p, k).before),
          num(o.after, (p) => score(p, k).after),
          num(o.column, (p) => score(p, k).change),
        ]
      : [cat(o.column, ["no", "yes"], (p) => yesNo(p.outcomes.values[k] === true))],
  );
  return {
    idHeader: "sample-id",
    ids: [...ids],
    columns: [
      cat(c.exposure, [c.reference, c.exposed], (p) => (p.exposed ? c.exposed : c.reference)),
      num(c.dosePerDay, (p) => p.outcomes.doseGramsPerDay),
      num(c.dosesPerWeek, (p) => p.outcomes.dosesPerWeek),
      ...outcomeColumns,
      num("age", (p) => p.covariates.age),
      cat("sex", ["female", "male"], (p) => (p.covariates.female ? "female" : "male")),
      num("bmi", (p) => p.covariates.bmi),
      cat("antibiotics_3mo", ["no", "yes"], (p) => yesNo(p.covariates.antibiotics)),
      cat("probiotic", ["no", "yes"], (p) => yesNo(p.covariates.probiotic)),
      cat("diet", design.covariates.diet.levels, (p) => p.covariates.diet),
    ],
  };
}
