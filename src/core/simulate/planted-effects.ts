/**
 * The design's planted exposure effects resolved to template taxa (abundance scaling, prevalence
 * shifts, covariate effects on taxa), and their entries in truth.json. Shared by the
 * cross-sectional (simulate-cohort.ts) and longitudinal (longitudinal-cohort.ts) simulators; the
 * implantation itself is implant.ts. Reference: Wirbel J et al. (2024) Genome Biol 25:43
 * (signal implantation), doi:10.1186/s13059-024-03390-9. `truthHeader` is the shared head of truth.json.
 */
import type { CohortDesign } from "./design.js";
import { type Template, templateTaxonIndex } from "./template.js";
import type { Truth } from "./truth.js";

export interface PlantedEffects {
  /** Prevalence shifts; `given` counts the participants the taxon was added to (filled while simulating). */
  prevalence: { taxon: number; probability: number; carriers: Float64Array; given: number }[];
  abundance: { taxon: number; fold: number }[];
  covEffects: (Omit<CohortDesign["covariateEffects"][number], "taxon"> & { taxon: number })[];
}

/** The design's shifts and covariate effects with their template taxon indices (clear error if absent). */
export function resolvePlantedEffects(design: CohortDesign, template: Template): PlantedEffects {
  const index = (taxon: string, key: string): number => templateTaxonIndex(template, taxon, key);
  return {
    prevalence: design.prevalenceShifts.map((s) => {
      const taxon = index(s.taxon, "prevalenceShifts");
      return { taxon, probability: s.probability, carriers: carrierValues(template, taxon), given: 0 };
    }),
    abundance: design.abundanceShifts.map((s) => ({
      taxon: index(s.taxon, "abundanceShifts"),
      fold: s.foldChange,
    })),
    covEffects: design.covariateEffects.map((e) => ({
      ...e,
      taxon: index(e.taxon, "covariateEffects"),
    })),
  };
}

/** The head of truth.json: design, seed, size, template and exposure groups. */
export function truthHeader(
  design: CohortDesign,
  template: Template,
  seed: number,
  n: number,
  groups: { nExposed: number; nReference: number },
): Pick<Truth, "design" | "seed" | "n" | "template" | "exposure"> {
  const cols = design.columns;
  return {
    design: design.name,
    seed,
    n,
    template: {
      source: template.source,
      samples: template.sampleIds.length,
      taxa: template.taxa.length,
      excluded: [...design.excludeTaxa],
    },
    exposure: { column: cols.exposure, reference: cols.reference, exposed: cols.exposed, ...groups },
  };
}

/** The planted effects as truth.json lists them, each with the feature IDs of its taxon. */
export function plantedEffectsTruth(
  design: CohortDesign,
  planted: PlantedEffects,
  featuresOf: (taxon: number) => string[],
): Pick<Truth, "abundanceShifts" | "prevalenceShifts" | "covariateEffects"> {
  return {
    abundanceShifts: design.abundanceShifts.map((s, k) => ({
      taxon: s.taxon,
      foldChange: s.foldChange,
      log2FoldChange: Math.log2(s.foldChange),
      features: featuresOf(planted.abundance[k]!.taxon),
    })),
    prevalenceShifts: design.prevalenceShifts.map((s, k) => ({
      taxon: s.taxon,
      probability: s.probability,
      participantsGiven: planted.prevalence[k]!.given,
      features: featuresOf(planted.prevalence[k]!.taxon),
    })),
    covariateEffects: design.covariateEffects.map((e, k) => ({
      ...e,
      features: featuresOf(planted.covEffects[k]!.taxon),
    })),
  };
}

/** The template's non-zero abundances of a taxon: what a prevalence shift gives a new carrier. */
function carrierValues(template: Template, taxon: number): Float64Array {
  const m = template.taxa.length;
  const values: number[] = [];
  for (let s = 0; s < template.sampleIds.length; s++) {
    const v = template.profiles[s * m + taxon]!;
    if (v > 0) values.push(v);
  }
  return Float64Array.from(values);
}
