/**
 * Template communities for signal implantation (Wirbel et al. 2024, Genome Biol 25:31,
 * doi:10.1186/s13059-024-03169-z): real relative-abundance profiles from which simulated
 * participants are resampled, so that the simulated data keep the structure of real guts
 * (co-occurrence, dominance, enterotypes) instead of a parametric model's.
 *
 * A Template holds taxa x template samples as a dense samples-major Float64Array, each profile
 * summing to 1. `gutTemplate()` decodes the shipped human gut template (gut-template-data.ts,
 * generated from data/gut_template/; Arumugam et al. 2011, doi:10.1038/nature09944) once and caches
 * it; `createTemplate` accepts any other set of profiles (e.g. a study's own controls).
 */
import { InputError, type Issue, listIds } from "../errors.js";
import {
  GUT_TEMPLATE_LINEAGES,
  GUT_TEMPLATE_SAMPLE_IDS,
  GUT_TEMPLATE_SOURCE,
  GUT_TEMPLATE_TAXA,
  GUT_TEMPLATE_UNIT,
  GUT_TEMPLATE_VALUES,
} from "./gut-template-data.js";

/**
 * Reference community profiles (taxa × samples, relative abundances) from which participants are resampled.
 */
export interface Template {
  /** Taxon names (genus level for the gut template). */
  readonly taxa: readonly string[];
  /** QIIME 2-style lineage string per taxon (`d__Bacteria; ...; g__Name`); "" when unassigned. */
  readonly lineages: readonly string[];
  readonly sampleIds: readonly string[];
  /** profiles[s * taxa.length + t]: relative abundance of taxon t in template sample s; rows sum to 1. */
  readonly profiles: Float64Array;
  /** Where the profiles come from (citation). */
  readonly source: string;
}

export function nTemplateTaxa(t: Template): number {
  return t.taxa.length;
}

/** Builds a template from profiles (any non-negative scale; each row is normalised to sum 1). */
export function createTemplate(parts: {
  taxa: readonly string[];
  sampleIds: readonly string[];
  profiles: ArrayLike<number>;
  lineages?: readonly string[];
  source: string;
}): Template {
  const { taxa, sampleIds, source } = parts;
  const m = taxa.length;
  const issues: Issue[] = [];
  if (parts.profiles.length !== m * sampleIds.length) {
    throw InputError.single({
      code: "bad_value",
      message: `profiles must hold ${sampleIds.length} x ${m} values`,
    });
  }
  const dup = taxa.filter((t, i) => taxa.indexOf(t) !== i);
  if (dup.length > 0) {
    issues.push({ code: "duplicate_id", message: `duplicate template taxa: ${listIds(dup)}` });
  }
  const profiles = Float64Array.from(parts.profiles);
  for (let s = 0; s < sampleIds.length; s++) {
    let sum = 0;
    let valid = true;
    for (let t = 0; t < m; t++) {
      const v = profiles[s * m + t]!;
      if (!(v >= 0) || !Number.isFinite(v)) {
        valid = false;
        issues.push({
          code: v < 0 ? "negative_value" : "non_finite",
          sampleId: sampleIds[s]!,
          featureId: taxa[t]!,
          message: `template abundance must be finite and >= 0, got ${v}`,
        });
      }
      sum += v;
    }
    if (!valid) continue;
    if (!(sum > 0)) {
      issues.push({
        code: "all_zero_sample",
        sampleId: sampleIds[s]!,
        message: "template profile is all zero",
      });
      continue;
    }
    for (let t = 0; t < m; t++) profiles[s * m + t]! /= sum;
  }
  if (issues.length > 0) throw new InputError(issues);
  const lineages = parts.lineages ?? taxa.map((name) => `d__Bacteria; p__; c__; o__; f__; g__${name}`);
  return { taxa: [...taxa], lineages: [...lineages], sampleIds: [...sampleIds], profiles, source };
}

let cachedGut: Template | null = null;

/** The shipped human gut template: 126 stool metagenomes x 483 taxa (see gut-template-data.ts). */
export function gutTemplate(): Template {
  if (cachedGut) return cachedGut;
  const m = GUT_TEMPLATE_TAXA.length;
  const n = GUT_TEMPLATE_SAMPLE_IDS.length;
  const profiles = new Float64Array(n * m);
  GUT_TEMPLATE_VALUES.forEach((row, t) => {
    row.split(",").forEach((cell, s) => {
      if (cell !== "") profiles[s * m + t] = Number.parseInt(cell, 36) * GUT_TEMPLATE_UNIT;
    });
  });
  cachedGut = createTemplate({
    taxa: GUT_TEMPLATE_TAXA,
    sampleIds: GUT_TEMPLATE_SAMPLE_IDS,
    profiles,
    lineages: GUT_TEMPLATE_LINEAGES,
    source: GUT_TEMPLATE_SOURCE,
  });
  return cachedGut;
}

/** Index of a taxon in the template; an InputError naming the design key when it is absent. */
export function templateTaxonIndex(template: Template, taxon: string, key: string): number {
  const i = template.taxa.indexOf(taxon);
  if (i < 0) {
    const near = template.taxa.filter((t) => t.toLowerCase().startsWith(taxon.slice(0, 4).toLowerCase()));
    throw InputError.single({
      code: "bad_config",
      key,
      message: `taxon '${taxon}' is not in the template (${template.taxa.length} taxa from ${template.source})`,
      hint:
        near.length > 0 ? `names are exact; similar: ${listIds(near)}` : "names are exact and case-sensitive",
    });
  }
  return i;
}

/**
 * Removes taxa (e.g. `unassigned` reads) and renormalises every profile to sum 1.
 * @throws {InputError} `bad_config` (key `excludeTaxa`) for a taxon the template lacks.
 */
export function excludeTemplateTaxa(template: Template, exclude: readonly string[]): Template {
  if (exclude.length === 0) return template;
  const drop = new Set(exclude.map((name) => templateTaxonIndex(template, name, "excludeTaxa")));
  const keep = template.taxa.map((_, i) => i).filter((i) => !drop.has(i));
  const m = template.taxa.length;
  const profiles = new Float64Array(template.sampleIds.length * keep.length);
  for (let s = 0; s < template.sampleIds.length; s++) {
    keep.forEach((t, j) => {
      profiles[s * keep.length + j] = template.profiles[s * m + t]!;
    });
  }
  return createTemplate({
    taxa: keep.map((i) => template.taxa[i]!),
    lineages: keep.map((i) => template.lineages[i]!),
    sampleIds: template.sampleIds,
    profiles,
    source: template.source,
  });
}

/**
 * Keeps the template profiles whose sample ID passes `keep` (e.g. one sequencing technology of a
 * pooled template); profiles are unchanged (each already sums to 1).
 * @throws {InputError} `bad_config` (key `template`) when no profile is kept.
 */
export function selectTemplateSamples(template: Template, keep: (sampleId: string) => boolean): Template {
  const m = template.taxa.length;
  const kept = template.sampleIds.flatMap((id, s) => (keep(id) ? [s] : []));
  if (kept.length === 0) {
    throw InputError.single({ code: "bad_config", key: "template", message: "no template profile selected" });
  }
  const profiles = new Float64Array(kept.length * m);
  kept.forEach((s, k) => profiles.set(template.profiles.subarray(s * m, (s + 1) * m), k * m));
  return {
    ...template,
    sampleIds: kept.map((s) => template.sampleIds[s]!),
    profiles,
  };
}

/**
 * Whether a gut-template profile is one of its 85 Illumina metagenomes (MetaHIT, Qin et al. 2010,
 * doi:10.1038/nature08821: IDs `MH####`); the other 41 are Sanger metagenomes of earlier studies
 * (data/gut_template/metadata.tsv, `SeqTech`). The two technologies differ systematically: about
 * 375 genera at 1e-6-1e-4 of the reads (environmental genera from the shotgun mapping) are present
 * in nearly every Illumina profile and absent from most Sanger ones.
 */
export function isIlluminaGutProfile(sampleId: string): boolean {
  return /^MH\d{4}$/.test(sampleId);
}
