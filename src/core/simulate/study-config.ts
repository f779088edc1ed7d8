/**
 * The study configuration (DESIGN.md section 6) that goes with a simulated cohort, as plain data;
 * the CLI writes it as study.yaml next to the files it names. The config schema itself belongs to
 * the study pipeline (core/study); this object follows the documented format.
 */
import { type CohortDesign, studyOutcomes } from "./design.js";

/** The file names the simulated study.yaml points to. */
export interface SimulatedStudyFiles {
  table: string;
  taxonomy: string;
  metadata: string;
}

/**
 * The study.yaml content (as plain data) that analyses a cohort simulated from `design` as its design
 * intends.
 */
export function simulatedStudyConfig(design: CohortDesign, seed: number, files: SimulatedStudyFiles) {
  // a longitudinal design (two visits per participant): random intercept per subject_id, the
  // exposure is the visit's status, no host outcomes
  const longitudinal = design.visits !== undefined;
  const c = design.columns;
  return {
    name: `${design.description}`,
    caveats: [...design.caveats],
    data: { table: files.table, taxonomy: files.taxonomy, metadata: files.metadata },
    design: {
      exposure: c.exposure,
      reference: c.reference,
      covariates: longitudinal ? [] : ["age", "sex", "bmi"],
      strata: null,
      ...(longitudinal ? { subject: "subject_id" } : {}),
    },
    outcomes: longitudinal ? [] : studyOutcomes(design),
    dose: longitudinal ? [] : [c.dosePerDay, c.dosesPerWeek],
    analysis: { level: "genus", min_prevalence: 0.1, rarefy: "auto", permutations: 999, fdr: 0.1 },
    hypotheses: design.hypotheses.filter((h) => !longitudinal || "exposure" in h).map((h) => ({ ...h })),
    seed,
  };
}
