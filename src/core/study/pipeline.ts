/**
 * The study pipeline: config + data -> every analysis of the reference study, as plain results.
 * Pure (no I/O): the CLI and the web app's Web Worker both call it, so the same inputs and seed
 * give the same results everywhere.
 *
 *   validate -> prepare (align, depth floor, rarefy, collapse) -> alpha -> beta (PCoA, PERMANOVA,
 *   PERMDISP) -> differential abundance + consensus -> associations + dose–response -> hypotheses
 *   -> sensitivity -> calibration (the DA and association lists rerun on shuffled labels) ->
 *   prediction
 *
 * Each step gets only its slice of the config (a `Pick` of StudyConfig; none reads the seed) and,
 * when it draws random numbers, its own stream `createRng(seed).fork(k)` with a fixed k per step
 * (prediction: the seed's own stream; steps/streams.ts), and returns `{ result, warnings, methods }` (steps/shared.ts `StepOutput`).
 * Each analysis that cannot run with the given data (no tree -> no UniFrac/Faith PD; no outcomes ->
 * no associations) is skipped and says so in `warnings`.
 *
 * Injected engines (RunOptions; the CLI's run on worker threads, src/node/study-engines.ts) may
 * start work ahead of its step: the prediction's permutation tests and the calibration's shuffles
 * right after prepare (neither needs an observed result); the steps then take their results,
 * which equal the in-order computation bit for bit.
 */
import { Aldex2InstanceCache, type Aldex2Threads } from "../da/aldex2.js";
import type { DistanceMatrix } from "../beta/distance-matrix.js";
import { InputError } from "../errors.js";
import type { FittedModel } from "../models/train-model.js";
import type { PcoaResult } from "../ordination/pcoa.js";
import { quantileType7 } from "../stats/descriptive.js";
import { nnz, sampleTotals } from "../table/feature-table.js";
import { sortLevels } from "../table/level-order.js";
import { VERSION } from "../version.js";
import { sensitivitySettings } from "./config-hypotheses.js";
import type { StudyConfig } from "./config.js";
import type { MethodRecord, StudyInput, StudyResults, StudySummary } from "./results.js";
import { alphaStep } from "./steps/alpha-step.js";
import { betaStep, type DistanceEngine } from "./steps/beta-step.js";
import {
  type CalibrationConfig,
  type CalibrationSeeds,
  calibrationSeeds,
  calibrationStep,
  type ShuffleCalls,
} from "./steps/calibration-step.js";
import { type PredictionJob, predictionJobs, predictionStep } from "./steps/prediction-step.js";
import { prepareStep } from "./steps/prepare.js";
import type { PreparedStudy } from "./steps/shared.js";
import { groupSizes } from "./steps/select-samples.js";
import { sensitivityStep } from "./steps/sensitivity-step.js";
import { confirmatoryStep } from "./steps/hypotheses-step.js";
import type { StepOutput } from "./steps/shared.js";
import { type STEP_STREAMS, stepRng } from "./steps/streams.js";
import { associationStep, daStep } from "./steps/taxa-step.js";
import type { StudyData } from "./types.js";
import { validateStudy } from "./validate-study.js";

export type { StudyData };

/** Progress, abort, provenance and the injected engines of a run (all optional). */
export interface RunOptions {
  /** Progress of the named step: (step, done, total). */
  onProgress?: (step: string, done: number, total: number) => void;
  signal?: AbortSignal;
  /** True for simulated cohorts (demo, simulate): the report says so prominently. */
  simulated?: boolean;
  /** Command line for provenance and the report header. */
  command?: string;
  inputs?: StudyInput[];
  /** Distance engine for beta diversity (default: single-threaded `betaDiversity`). */
  distances?: DistanceEngine;
  /**
   * Engine for the prediction step's permutation tests (default: in order, on this thread, inside
   * trainModel): started right after the prepare step (the tests need nothing else), so that it can
   * work on other threads while this one runs the steps in between; its `result` must be what
   * `permutationStatistics` gives for each job.
   */
  predictionPermutations?: (jobs: readonly PredictionJob[]) => Pending<number[][]>;
  /**
   * Engine for the calibration step's label shuffles (default: in order, on this thread): started
   * right after the prepare step (a shuffle needs no observed result), with ALDEx2's instance cache
   * that the differential-abundance step fills later; its `result` must be what `shuffleCalls`
   * gives for each shuffle.
   */
  calibrationShuffles?: (
    config: CalibrationConfig,
    prepared: PreparedStudy,
    seeds: CalibrationSeeds,
    aldex2Cache: Aldex2InstanceCache,
  ) => Pending<ShuffleCalls[]>;
  /**
   * Threads for ALDEx2's Monte Carlo instances in the differential-abundance step and the
   * sensitivity panel (default: this thread); the same results for any number.
   * @internal
   */
  aldex2Threads?: Aldex2Threads;
  /** Clock for the start/end stamps (tests pass a fixed one for byte-identical output). */
  now?: () => Date;
}

/** What an engine computes elsewhere, started ahead of the step that needs it. */
export interface Pending<T> {
  /** The result (this thread may take part in what is left). */
  result(): Promise<T>;
  /** Stops the work: the run ended before the step that needs it. */
  cancel(): void;
}

/** What a run gives: the results, the distance matrices and ordinations, fitted models and timings. */
export interface StudyRun {
  results: StudyResults;
  distances: { metric: string; dm: DistanceMatrix }[];
  ordinations: { metric: string; pcoa: PcoaResult }[];
  models: FittedModel[];
  /** Seconds per step. */
  timings: Record<string, number>;
}

/** The pipeline's steps in the order they run (the names `onProgress` and `timings` use). */
export const STUDY_STEPS = [
  "prepare",
  "alpha",
  "beta",
  "differential abundance",
  "associations",
  "hypotheses",
  "sensitivity",
  "calibration",
  "prediction",
] as const;

/**
 * Runs the whole study (see header) on validated inputs.
 * @throws InputError when the config does not fit the data (validateStudy), or a step refuses its input.
 */
export async function runStudy(
  config: StudyConfig,
  data: StudyData,
  options: RunOptions = {},
): Promise<StudyRun> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const { issues } = validateStudy(config, data);
  if (issues.length > 0) throw new InputError(issues);
  const timings: Record<string, number> = {};
  const progress = (step: string, done: number, total: number) => options.onProgress?.(step, done, total);
  const timed = async <T>(step: string, work: () => T | Promise<T>): Promise<T> => {
    options.signal?.throwIfAborted();
    progress(step, 0, 1);
    // Yield to the event loop between steps so progress reaches the UI and aborts are seen.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const t0 = performance.now();
    const value = await work();
    timings[step] = (performance.now() - t0) / 1000;
    progress(step, 1, 1);
    return value;
  };

  const warnings: string[] = [];
  const methods: MethodRecord[] = [];
  /** Runs one step (timed, with progress and abort checks) and keeps its warnings and methods. */
  const step = async <R>(name: string, work: () => StepOutput<R> | Promise<StepOutput<R>>): Promise<R> => {
    const out = await timed(name, work);
    warnings.push(...out.warnings);
    methods.push(...out.methods);
    return out.result;
  };
  const stepProgress = (name: string) => (done: number, total: number) => progress(name, done, total);
  const signal = options.signal ? { signal: options.signal } : {};
  const stream = (name: keyof typeof STEP_STREAMS) => stepRng(config.seed, name);
  const streams = {
    prepare: stream("prepare"),
    beta: stream("beta"),
    differentialAbundance: stream("differentialAbundance"),
    calibration: stream("calibration"),
    prediction: stream("prediction"),
  };

  const { tree } = data;
  const distances = options.distances ? { distances: options.distances } : {};
  const aldex2Threads = options.aldex2Threads ? { aldex2Threads: options.aldex2Threads } : {};
  // each step's slice of the config
  const analysis = { design: config.design, analysis: config.analysis };
  const scans = { ...analysis, outcomes: config.outcomes, dose: config.dose };
  let models: FittedModel[] = [];

  const prepared = await step("prepare", () => prepareStep(analysis, data, streams.prepare));
  const predictionConfig =
    config.prediction && config.prediction.targets.length > 0
      ? { ...analysis, outcomes: config.outcomes, prediction: config.prediction, seed: config.seed }
      : undefined;
  // work an engine does elsewhere, started ahead of its step; stopped if the run fails before it
  const started: Pending<unknown>[] = [];
  // the prediction's permutation tests need only the prepared data: an engine starts them now
  const pendingPrediction =
    predictionConfig && options.predictionPermutations
      ? options.predictionPermutations(predictionJobs(predictionConfig, prepared, streams.prediction))
      : undefined;
  if (pendingPrediction) started.push(pendingPrediction);
  const calibrationConfig =
    config.calibration.shuffles > 0
      ? { ...scans, calibration: config.calibration, seed: config.seed }
      : undefined;
  // ALDEx2's Monte Carlo instances depend on the counts and the seed only: the calibration
  // shuffles test their labels on those the observed analysis draws (aldex2.ts, calibration-step.ts)
  const aldex2Cache = calibrationConfig ? new Aldex2InstanceCache() : undefined;
  // nor do the shuffles need any observed result: an engine starts them now as well
  const pendingCalibration =
    calibrationConfig && aldex2Cache && options.calibrationShuffles
      ? options.calibrationShuffles(
          calibrationConfig,
          prepared,
          calibrationSeeds(calibrationConfig, streams.calibration),
          aldex2Cache,
        )
      : undefined;
  if (pendingCalibration) started.push(pendingCalibration);
  try {
    const alpha = await step("alpha", () => alphaStep(analysis, prepared, tree));
    const beta = await step("beta", () =>
      betaStep(analysis, prepared, tree, streams.beta, {
        onProgress: stepProgress("beta"),
        ...signal,
        ...distances,
      }),
    );
    const da = await step("differential abundance", () =>
      daStep(analysis, prepared, streams.differentialAbundance, aldex2Cache, options.aldex2Threads),
    );
    const associations =
      config.outcomes.length > 0 || config.dose.length > 0
        ? await step("associations", () => associationStep(scans, prepared))
        : undefined;
    if (!associations)
      warnings.push("no outcomes or dose columns configured: taxon–outcome associations were not run");
    const hypotheses =
      config.hypotheses.length > 0
        ? await step("hypotheses", () =>
            confirmatoryStep({ analysis: config.analysis, hypotheses: config.hypotheses }, da, associations),
          )
        : undefined;
    const settings = sensitivitySettings(config.sensitivity);
    const main = {
      da,
      ...(associations ? { associations } : {}),
      beta: beta.beta,
      distances: beta.distances,
    };
    const sensitivity = settings
      ? await step("sensitivity", () =>
          sensitivityStep(scans, prepared, tree, main, settings, streams, {
            ...distances,
            ...aldex2Threads,
            ...signal,
            now,
          }),
        )
      : undefined;
    const calibration =
      calibrationConfig && aldex2Cache
        ? await step("calibration", async () => {
            const given = await pendingCalibration?.result();
            const observed = {
              da: da.rows,
              associations: associations?.rows ?? [],
              consensus: da.consensus,
              consensusMethods: da.consensusMethods,
            };
            return calibrationStep(calibrationConfig, prepared, observed, streams.calibration, {
              onShuffle: stepProgress("calibration"),
              aldex2Cache,
              ...(given ? { given } : {}),
            });
          })
        : undefined;
    if (!calibration)
      warnings.push("calibration.shuffles is 0: the lists were not calibrated on shuffled labels");
    const prediction = predictionConfig
      ? await step("prediction", async () => {
          const permutationStatistics = await pendingPrediction?.result();
          const out = predictionStep(predictionConfig, prepared, {
            onProgress: stepProgress("prediction"),
            ...signal,
            ...(permutationStatistics ? { permutationStatistics } : {}),
            rng: streams.prediction,
          });
          models = out.models;
          return out;
        })
      : undefined;

    const results: StudyResults = {
      meta: {
        title: config.name,
        version: VERSION,
        command: options.command ?? "runStudy",
        seed: config.seed,
        startedAt,
        finishedAt: now().toISOString(),
        simulated: options.simulated ?? false,
        inputs: options.inputs ?? [],
        fdr: config.analysis.fdr,
        config,
      },
      warnings,
      summary: summarise(config, prepared),
      alpha,
      beta: beta.beta,
      differentialAbundance: da,
      ...(associations ? { associations } : {}),
      ...(calibration ? { calibration } : {}),
      ...(prediction ? { prediction } : {}),
      ...(hypotheses ? { hypotheses } : {}),
      ...(sensitivity ? { sensitivity } : {}),
      methods: dedupeMethods(methods),
    };
    return {
      results,
      distances: beta.distances,
      ordinations: beta.ordinations,
      models,
      timings,
    };
  } catch (e) {
    for (const pending of started) pending.cancel();
    throw e;
  }
}

function dedupeMethods(methods: MethodRecord[]): MethodRecord[] {
  const byId = new Map<string, MethodRecord>();
  for (const m of methods) {
    const seen = byId.get(m.id);
    byId.set(
      m.id,
      seen && seen.description !== m.description
        ? { ...seen, description: `${seen.description} ${m.description}` }
        : m,
    );
  }
  return [...byId.values()];
}

function summarise(config: StudyConfig, prepared: PreparedStudy): StudySummary {
  const depth = Array.from(sampleTotals(prepared.table)).sort((a, b) => a - b);
  const q = (p: number) => quantileType7(depth, p);
  const cells = prepared.table.sampleIds.length * prepared.table.featureIds.length;
  const sizes = groupSizes(prepared.groupOf);
  const order = [
    config.design.reference,
    ...sortLevels(sizes.keys()).filter((g) => g !== config.design.reference),
  ];
  return {
    nSamples: prepared.table.sampleIds.length,
    nFeatures: prepared.table.featureIds.length,
    depth: { min: q(0), q25: q(0.25), median: q(0.5), q75: q(0.75), max: q(1) },
    sparsity: cells === 0 ? 0 : 1 - nnz(prepared.table) / cells,
    exposure: config.design.exposure,
    groups: order.filter((g) => sizes.has(g)).map((group) => ({ group, n: sizes.get(group)! })),
    level: prepared.level,
    rarefiedDepth: prepared.rarefiedDepth,
  };
}
