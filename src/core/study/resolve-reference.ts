/**
 * The reference level of a study's exposure, resolved once after the data are loaded: the
 * study.yaml's `design.reference` when given, else the first level of the exposure column in R's
 * sorted order (level-order.ts; R's `factor()` default, so `relevel()`-free R code compares the
 * same groups). When the column is absent, numeric or empty nothing can be chosen: the reference is
 * left empty and validateStudy reports the column's problem instead.
 */
import { getColumn, type SampleMetadata } from "../table/metadata.js";
import { sortLevels } from "../table/level-order.js";
import type { StudyConfig, StudyConfigInput } from "./config.js";

export interface ResolvedReference {
  config: StudyConfig;
  /** The level chosen when study.yaml gave none; null when it gave one (or none could be chosen). */
  chosen: string | null;
}

export function resolveReference(config: StudyConfigInput, metadata: SampleMetadata): ResolvedReference {
  const given = config.design.reference;
  if (given !== undefined)
    return { config: { ...config, design: { ...config.design, reference: given } }, chosen: null };
  const column = getColumn(metadata, config.design.exposure);
  const levels = column?.kind === "categorical" ? sortLevels(column.levels) : [];
  const chosen = levels[0] ?? null;
  return { config: { ...config, design: { ...config.design, reference: chosen ?? "" } }, chosen };
}
