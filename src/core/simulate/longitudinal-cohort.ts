/**
 * Longitudinal (paired) cohort by signal implantation: each of n participants gives a stool sample
 * before starting the exposure (visit 1, `baseline`) and one after (visit 2, `follow_up`).
 * Participant i, on its own stream rng.fork(i + 2):
 *   1. draws a real template profile (with replacement) and host covariates (the non-exposed
 *      distribution: everyone starts unexposed), as simulate-cohort.ts;
 *   2. covariate effects on taxa, as simulate-cohort.ts (constant within the person);
 *   3. per visit v: the person's profile times an independent per-taxon log-normal perturbation
 *      exp(N(0, perturbationSdLog^2)) (zeros stay zero: visit-to-visit variation of the same gut),
 *      at visit 2 plus the design's prevalence and abundance shifts (the exposure effect);
 *      renormalised, read depth ~ log-normal, reads ~ multinomial.
 * Within-person correlation comes from sharing the template profile: two visits of one person
 * differ by the perturbation (and the exposure), two people by their whole profiles. ASV layout from
 * rng.fork(1), as the cross-sectional simulator. Sample IDs `P001_V1`, `P001_V2`; metadata columns
 * subject_id, visit, the design's exposure column (its reference level at visit 1, the exposed level
 * at visit 2), age, sex, bmi.
 * The truth's exposure counts are samples (n per visit); there are no outcome links.
 * Reference: Wirbel J et al. (2024) Genome Biol 25:31, doi:10.1186/s13059-024-03169-z
 */
import { createRng } from "../random/rng.js";
import { sortLevels } from "../table/level-order.js";
import { categorical, numeric, type SampleMetadata } from "../table/metadata.js";
import { parseLineage, type Taxonomy } from "../table/taxonomy.js";
import { expandToFeatures, splitIntoAsvs } from "./asv-split.js";
import { type Covariates, covariateValue, drawCovariates } from "./covariates.js";
import type { CohortDesign, VisitModel } from "./design.js";
import { addTaxonIfAbsent, renormalise, scaleTaxon } from "./implant.js";
import { sampleMultinomial } from "./multinomial.js";
import { plantedEffectsTruth, resolvePlantedEffects, truthHeader } from "./planted-effects.js";
import { buildTable, type SimulatedCohort, type SimulateOptions } from "./simulated-cohort.js";
import { excludeTemplateTaxa, gutTemplate } from "./template.js";
import type { Truth } from "./truth.js";
import { bernoulli, logNormal } from "./variates.js";
import { validateDesign } from "./validate-design.js";

export const VISITS = ["baseline", "follow_up"] as const;

export function simulateLongitudinalCohort(
  design: CohortDesign,
  visits: VisitModel,
  { n, seed }: SimulateOptions,
): SimulatedCohort {
  const template = excludeTemplateTaxa(design.template ?? gutTemplate(), design.excludeTaxa);
  validateDesign(design, template, n, seed);
  const m = template.taxa.length;
  const cols = design.columns;
  const planted = resolvePlantedEffects(design, template);
  const { prevalence, abundance, covEffects } = planted;

  const root = createRng(seed);
  const layout = splitIntoAsvs(root.fork(1), m, design.sequencing.asvsPerTaxon);
  const nFeat = layout.featureIds.length;
  const counts = new Float64Array(2 * n * nFeat);
  const person = new Float64Array(m);
  const profile = new Float64Array(m);
  const weights = new Float64Array(nFeat);
  const scratch = new Float64Array(nFeat);
  const people: { templateSample: number; covariates: Covariates }[] = [];
  for (let i = 0; i < n; i++) {
    const rng = root.fork(i + 2);
    const templateSample = rng.int(template.sampleIds.length);
    person.set(template.profiles.subarray(templateSample * m, (templateSample + 1) * m));
    const covariates = drawCovariates(rng, design.covariates, false);
    for (const e of covEffects) {
      scaleTaxon(
        person,
        e.taxon,
        e.foldChange ** ((covariateValue(covariates, e.covariate, e.level) - e.center) / e.per),
      );
    }
    for (let v = 0; v < 2; v++) {
      for (let j = 0; j < m; j++) profile[j] = person[j]! * logNormal(rng, 1, visits.perturbationSdLog);
      if (v === 1) {
        for (const p of prevalence) {
          if (profile[p.taxon] === 0 && p.carriers.length > 0 && bernoulli(rng, p.probability)) {
            if (addTaxonIfAbsent(profile, p.taxon, p.carriers[rng.int(p.carriers.length)]!)) p.given++;
          }
        }
        for (const a of abundance) scaleTaxon(profile, a.taxon, a.fold);
      }
      renormalise(profile);
      const seq = design.sequencing;
      const depth = Math.max(seq.minDepth, Math.round(logNormal(rng, seq.depthMedian, seq.depthSdLog)));
      expandToFeatures(layout, profile, weights);
      const row = 2 * i + v;
      sampleMultinomial(rng, depth, weights, counts.subarray(row * nFeat, (row + 1) * nFeat), scratch);
    }
    people.push({ templateSample, covariates });
  }

  const width = Math.max(3, String(n).length);
  const subjects = Array.from({ length: n }, (_, i) => `P${String(i + 1).padStart(width, "0")}`);
  const sampleIds = subjects.flatMap((s) => [`${s}_V1`, `${s}_V2`]);
  const { table, keptFeatures } = buildTable(sampleIds, layout, counts);
  const taxonomy: Taxonomy = {
    featureIds: table.featureIds,
    lineages: keptFeatures.map((f) => parseLineage(template.lineages[layout.taxonOf[f]!]!)),
  };
  const featuresOf = (taxon: number): string[] =>
    keptFeatures.filter((f) => layout.taxonOf[f] === taxon).map((f) => layout.featureIds[f]!);
  const twice = <T>(f: (p: (typeof people)[number]) => T): T[] => people.flatMap((p) => [f(p), f(p)]);
  const metadata: SampleMetadata = {
    idHeader: "sample-id",
    ids: sampleIds,
    columns: [
      categorical(
        "subject_id",
        subjects.flatMap((s) => [s, s]),
      ),
      categorical(
        "visit",
        subjects.flatMap(() => [...VISITS]),
        [...VISITS],
      ),
      categorical(
        cols.exposure,
        subjects.flatMap(() => [cols.reference, cols.exposed]),
        sortLevels([cols.reference, cols.exposed]),
      ),
      numeric(
        "age",
        twice((p) => p.covariates.age),
      ),
      categorical(
        "sex",
        twice((p) => (p.covariates.female ? "female" : "male")),
        ["female", "male"],
      ),
      numeric(
        "bmi",
        twice((p) => p.covariates.bmi),
      ),
    ],
  };
  const truth: Truth = {
    ...truthHeader(design, template, seed, n, { nExposed: n, nReference: n }),
    ...plantedEffectsTruth(design, planted, featuresOf),
    confounders: [],
    outcomeLinks: [],
    exposureEffects: [],
    templateSamples: people.map((p) => template.sampleIds[p.templateSample]!),
    notes: [
      `Each participant is sampled twice: ${VISITS[0]} (${cols.reference}) and ${VISITS[1]} (${cols.exposed}); both visits are the ` +
        `participant's template profile times a per-taxon log-normal perturbation (sd of log ${visits.perturbationSdLog}), ` +
        "the follow-up with the planted shifts.",
      "Fold changes multiply a taxon's relative abundance before renormalisation.",
      "The cohort is simulated from public template profiles; no real participant is represented.",
    ],
  };
  return { table, taxonomy, metadata, truth };
}
