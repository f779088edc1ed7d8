/**
 * Shannon entropy (natural log, vegan `diversity(x, "shannon")`) of every profile of a reference
 * template (src/core/simulate/template.ts; the shipped human gut template is at genus level, so a
 * person's genus-level Shannon can be placed among real adult stool profiles). Profiles are
 * relative abundances; Shannon depends only on proportions, so the scale does not matter.
 */
import { shannon } from "../alpha/shannon.js";
import type { Template } from "../simulate/template.js";

/** Shannon entropy (nats) of every profile of a reference template, aligned with `template.sampleIds`. */
export function templateShannon(template: Template): Float64Array {
  const m = template.taxa.length;
  return Float64Array.from(template.sampleIds, (_, s) =>
    shannon(template.profiles.subarray(s * m, (s + 1) * m)),
  );
}
