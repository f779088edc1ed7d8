/**
 * The pipeline's steps that re-read the exploratory results: the confirmatory hypotheses (when the
 * config states any) and the sensitivity panel (unless `sensitivity: false`), each with the method
 * records it adds to the report.
 */
import type { Tree } from "../../phylo/tree.js";
import type { SensitivitySettings } from "../config-hypotheses.js";
import type { StudyConfig } from "../config.js";
import type { HypothesisResults } from "../hypotheses.js";
import { method } from "../methods.js";
import type { AssociationResults, DifferentialAbundanceResults } from "../results.js";
import type { DistanceEngine } from "./beta-step.js";
import { hypothesesStep } from "./hypotheses-step.js";
import type { PreparedStudy } from "./prepare.js";
import {
  type SensitivityInputs,
  type SensitivityResults,
  type SensitivityStreams,
  sensitivityStep,
} from "./sensitivity-step.js";
import type { StepOutput } from "./shared.js";
import type { AssociationConfig } from "./taxa-step.js";

/** The confirmatory hypotheses step (hypotheses-step.ts) with its method record. */
export function confirmatoryStep(
  config: Pick<StudyConfig, "analysis" | "hypotheses">,
  da: DifferentialAbundanceResults,
  associations: AssociationResults | undefined,
): StepOutput<HypothesisResults> {
  const { hypotheses, warnings } = hypothesesStep(config, da, associations);
  return {
    result: hypotheses,
    warnings,
    methods: [
      method(
        "holm",
        `${config.hypotheses.length} pre-registered hypothesis(es) were each tested with the exploratory scan's own model for that taxon (exposure hypotheses by ${hypotheses.daMethod}), one-sided where a direction was stated, Holm-adjusted across the list; confirmed when the adjusted p < ${hypotheses.alpha}.`,
      ),
    ],
  };
}

/**
 * The sensitivity panel step (sensitivity-step.ts), with its wall time by the run's clock (like the
 * run's start/end stamps: a fixed clock gives 0). Variants' warnings are not reported.
 */
export async function sensitivityPanelStep(
  config: AssociationConfig,
  prepared: PreparedStudy,
  tree: Tree | undefined,
  main: SensitivityInputs,
  settings: SensitivitySettings,
  streams: SensitivityStreams,
  options: { distances?: DistanceEngine; signal?: AbortSignal; now: () => Date },
): Promise<StepOutput<SensitivityResults>> {
  const t0 = options.now().getTime();
  const panel = await sensitivityStep(config, prepared, tree, main, settings, streams, {
    ...(options.distances ? { distances: options.distances } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return {
    result: { ...panel, seconds: (options.now().getTime() - t0) / 1000 },
    warnings: [],
    methods: [],
  };
}
