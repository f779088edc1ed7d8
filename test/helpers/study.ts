/**
 * A simulated cohort with the study config that goes with it, prepared as `gutresponse run` prepares
 * a study: the config parsed by the schema (defaults filled in) and its reference level resolved
 * against the metadata (resolveReference), so the steps get the StudyConfig they read.
 */
import type { CohortDesign } from "../../src/core/simulate/design.js";
import { type SimulatedCohort, simulateCohort } from "../../src/core/simulate/simulate-cohort.js";
import { simulatedStudyConfig } from "../../src/core/simulate/study-config.js";
import { parseStudyConfig, type StudyConfig, studyConfigSchema } from "../../src/core/study/config.js";
import type { StudyData } from "../../src/core/study/types.js";
import { resolveReference } from "../../src/core/study/resolve-reference.js";
import type { SampleMetadata } from "../../src/core/table/metadata.js";

/** The file names the simulated study config names (nothing is written). */
export const SIMULATED_FILES = { table: "t.biom", taxonomy: "x.tsv", metadata: "m.tsv" } as const;

/**
 * A study config parsed (study.yaml text, or an object of the shape the schema accepts) and with
 * its reference level resolved against the metadata; without metadata the config must name its
 * design.reference.
 */
export function resolvedConfig(input: unknown, metadata?: SampleMetadata): StudyConfig {
  const parsed = typeof input === "string" ? parseStudyConfig(input) : studyConfigSchema.parse(input);
  if (metadata === undefined) {
    const reference = parsed.design.reference;
    if (reference === undefined) throw new Error("resolvedConfig: give the metadata or a design.reference");
    return { ...parsed, design: { ...parsed.design, reference } };
  }
  return resolveReference(parsed, metadata).config;
}

/**
 * `n` participants simulated from `design` with `seed`, and simulatedStudyConfig(design, seed)
 * with the top-level sections in `overrides` replacing its own.
 */
export function simulatedStudy(
  design: CohortDesign,
  n: number,
  seed: number,
  overrides: Record<string, unknown> = {},
): { cohort: SimulatedCohort; config: StudyConfig; data: StudyData } {
  const cohort = simulateCohort(design, { n, seed });
  const config = resolvedConfig(
    { ...simulatedStudyConfig(design, seed, SIMULATED_FILES), ...overrides },
    cohort.metadata,
  );
  const data = { ...cohort, sources: { table: SIMULATED_FILES.table, metadata: SIMULATED_FILES.metadata } };
  return { cohort, config, data };
}
