/**
 * The demo study, shared by `gutresponse demo` and the web app's "Try the demo cohort" so both run
 * exactly the same thing: a reference design's demo design (designs/, effects visible at its
 * default n) simulated for that many participants, and its study config — `simulatedStudyConfig` plus prediction
 * settings kept fast (one elastic-net mixing value, one repeat, 39 permutations).
 */
import { simulatedStudyConfig, type SimulatedStudyFiles } from "./study-config.js";
import { type CohortDesign, studyOutcomes } from "./design.js";

/** Prediction settings of the demo: one elastic-net mixing value and 39 permutations keep it fast. */
export const DEMO_PREDICTION = {
  models: ["elastic_net"],
  folds: 5,
  repeats: 1,
  permutations: 39,
  alphas: [0.5],
  inner_folds: 3,
};

/** The demo's study config as plain data (study.yaml layout), before schema defaults. */
export function demoStudyConfig(design: CohortDesign, seed: number, files: SimulatedStudyFiles) {
  return {
    ...simulatedStudyConfig(design, seed, files),
    prediction: { targets: studyOutcomes(design).map((o) => o.column), ...DEMO_PREDICTION },
  };
}
