/**
 * The pipeline's glue for the two steps that re-read the exploratory results: the confirmatory
 * hypotheses (when the config states any) and the sensitivity panel (unless `sensitivity: false`),
 * each timed as its own step, with the method sentences they add to the report.
 */
import type { Tree } from "../../phylo/tree.js";
import { sensitivitySettings } from "../config-hypotheses.js";
import type { StudyConfig } from "../config.js";
import type { HypothesisResults } from "../hypotheses.js";
import { method } from "../methods.js";
import type { MethodRecord } from "../results.js";
import type { DistanceEngine } from "./beta-step.js";
import { hypothesesStep } from "./hypotheses-step.js";
import type { PreparedStudy } from "./prepare.js";
import { type SensitivityInputs, type SensitivityResults, sensitivityStep } from "./sensitivity-step.js";

type Timed = <T>(step: string, work: () => T | Promise<T>) => Promise<T>;

export async function confirmatoryAndSensitivity(
  config: StudyConfig,
  prepared: PreparedStudy,
  tree: Tree | undefined,
  timed: Timed,
  main: SensitivityInputs,
  options: { distances?: DistanceEngine; signal?: AbortSignal; now: () => Date },
): Promise<{
  hypotheses?: HypothesisResults;
  sensitivity?: SensitivityResults;
  warnings: string[];
  methods: MethodRecord[];
}> {
  const warnings: string[] = [];
  const methods: MethodRecord[] = [];
  let hypotheses: HypothesisResults | undefined;
  if (config.hypotheses.length > 0) {
    const step = await timed("hypotheses", () => hypothesesStep(config, main.da, main.associations));
    hypotheses = step.hypotheses;
    warnings.push(...step.warnings);
    methods.push(
      method(
        "holm",
        `${config.hypotheses.length} pre-registered hypothesis(es) were each tested with the exploratory scan's own model for that taxon (exposure hypotheses by ${hypotheses.daMethod}), one-sided where a direction was stated, Holm-adjusted across the list; confirmed when the adjusted p < ${hypotheses.alpha}.`,
      ),
    );
  }
  const settings = sensitivitySettings(config.sensitivity);
  let sensitivity: SensitivityResults | undefined;
  if (settings) {
    // Wall time from the run's clock (like its start/end stamps): a fixed clock gives 0.
    const t0 = options.now().getTime();
    const step = await timed("sensitivity", () =>
      sensitivityStep(config, prepared, tree, main, settings, {
        ...(options.distances ? { distances: options.distances } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    );
    sensitivity = { ...step, seconds: (options.now().getTime() - t0) / 1000 };
  }
  return {
    ...(hypotheses ? { hypotheses } : {}),
    ...(sensitivity ? { sensitivity } : {}),
    warnings,
    methods,
  };
}
