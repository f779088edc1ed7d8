/**
 * The study pipeline: config + data -> every analysis of the reference study, as plain results.
 * Pure (no I/O): the CLI and the web app's Web Worker both call it, so the same inputs and seed
 * give the same results everywhere.
 *
 *   validate -> prepare (align, depth floor, rarefy, collapse) -> alpha -> beta (PCoA, PERMANOVA,
 *   PERMDISP) -> differential abundance + consensus -> associations + dose–response -> calibration
 *   (the DA and association lists rerun on shuffled labels) -> prediction
 *
 * Each analysis that cannot run with the given data (no tree -> no UniFrac/Faith PD; no outcomes ->
 * no associations) is skipped and says so in `warnings`.
 */
import { relativeTo } from "../stats/contrast-words.js";
import { sortLevels } from "../table/level-order.js";
import type { DistanceMatrix } from "../beta/distance-matrix.js";
import { InputError } from "../errors.js";
import type { FittedModel } from "../models/train-model.js";
import type { PcoaResult } from "../ordination/pcoa.js";
import { nnz, sampleTotals } from "../table/feature-table.js";
import { quantileType7 } from "../stats/descriptive.js";
import { VERSION } from "../version.js";
import type { StudyConfig } from "./config.js";
import { method } from "./methods.js";
import type { MethodRecord, StudyInput, StudyResults, StudySummary } from "./results.js";
import { alphaStep } from "./steps/alpha-step.js";
import { betaStep, type DistanceEngine } from "./steps/beta-step.js";
import {
  type CalibrationPlan,
  calibrationPlan,
  calibrationStep,
  type ShuffleCalls,
} from "./steps/calibration-step.js";
import { prepareStudy, type PreparedStudy } from "./steps/prepare.js";
import { groupSizes } from "./steps/select-samples.js";
import { type PredictionJob, predictionJobs, predictionStep } from "./steps/prediction-step.js";
import { associationStep, daStep } from "./steps/taxa-step.js";
import { studyFormula } from "./steps/shared.js";
import { confirmatoryAndSensitivity } from "./steps/confirmatory.js";
import { repeatedMeasuresMethods } from "./steps/repeated-measures-methods.js";
import type { StudyData } from "./types.js";
import { validateStudy } from "./validate-study.js";

export type { StudyData };

const ASSOCIATION_METHOD_TEXT: Record<StudyConfig["analysis"]["association_model"], string> = {
  linda:
    "Each taxon's CLR abundance was regressed on each outcome plus covariates by LinDA (compositional bias removed by the mode of the outcome coefficients across taxa)",
  agreement:
    "Each taxon's CLR abundance was regressed on each outcome plus covariates by LinDA, and each outcome on each taxon's CLR plus covariates; a link was called only when both models called it with the same sign (p and q the larger of the two)",
  outcome_on_clr:
    "Each outcome was regressed on each taxon's CLR abundance plus covariates (OLS, logistic, Poisson or negative binomial by outcome type)",
};

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
   * trainModel); must return what `permutationStatistics` gives for each job (e.g. on worker threads).
   */
  predictionPermutations?: (jobs: readonly PredictionJob[]) => Promise<number[][]>;
  /** Engine for the calibration step's label shuffles (default: in order, on this thread). */
  calibrationShuffles?: (
    config: StudyConfig,
    prepared: PreparedStudy,
    plan: CalibrationPlan,
  ) => Promise<ShuffleCalls[]>;
  /** Clock for the start/end stamps (tests pass a fixed one for byte-identical output). */
  now?: () => Date;
}

export interface StudyRun {
  results: StudyResults;
  distances: { metric: string; dm: DistanceMatrix }[];
  ordinations: { metric: string; pcoa: PcoaResult }[];
  models: FittedModel[];
  /** Seconds per step. */
  timings: Record<string, number>;
}

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

  const prepared = await timed("prepare", () => prepareStudy(config, data));
  const warnings = [...prepared.warnings];
  const methods: MethodRecord[] = [];
  if (prepared.rarefiedDepth !== null) {
    methods.push(
      method(
        "rarefaction",
        `Samples were rarefied to ${prepared.rarefiedDepth} reads (seed ${config.seed}) for alpha diversity and non-compositional distances.`,
      ),
    );
  }
  if (!data.tree) warnings.push("no tree given: UniFrac distances and Faith PD were not computed");

  const alpha = await timed("alpha", () => alphaStep(config, prepared, data.tree));
  warnings.push(...alpha.warnings);
  methods.push(
    method("alpha", `Alpha diversity (${alpha.alpha.metrics.join(", ")}) of the rarefied table.`),
    ...(config.design.subject
      ? repeatedMeasuresMethods(config)
      : [
          method(
            alpha.alpha.tests.some((t) => t.test === "wilcoxon_rank_sum") ? "wilcoxon" : "kruskal",
            "Each alpha metric was compared between exposure groups (BH-adjusted across metrics).",
          ),
          method(
            "ols",
            `Each alpha metric was modelled as ${studyFormula(config, false)}; the exposure term was tested by its partial F test.`,
          ),
        ]),
  );

  const beta = await timed("beta", () =>
    betaStep(config, prepared, data.tree, {
      onProgress: (done, total) => progress("beta", done, total),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.distances ? { distances: options.distances } : {}),
    }),
  );
  warnings.push(...beta.warnings);
  for (const b of beta.beta) methods.push(...betaMethods(b.metric));
  methods.push(
    method(
      "pcoa",
      "Each distance matrix was ordinated by PCoA (negative eigenvalues reported, not corrected).",
    ),
    method(
      "permanova",
      `PERMANOVA of ${studyFormula(config, false)}, marginal terms (adonis2 by = "margin"), ${config.analysis.permutations} permutations${(config.design.subject ?? config.design.strata) ? ` within ${config.design.subject ?? config.design.strata}` : ""}, seed ${config.seed}.`,
    ),
    method(
      "permdisp",
      "PERMDISP (distances to group centroids) checked whether groups differ in dispersion.",
    ),
  );

  const da = await timed("differential abundance", () => daStep(config, prepared));
  warnings.push(...da.warnings);
  const contrasts = da.da.contrasts.map((c) => relativeTo(c)).join("; ");
  for (const m of da.da.methods)
    methods.push(
      method(
        m as "linda",
        `Differential abundance of ${config.design.exposure} at ${prepared.level} level (log2 fold changes ${contrasts}), ` +
          `adjusted for ${config.design.covariates.join(", ") || "no covariates"}` +
          (da.da.consensusMethods.includes(m)
            ? "."
            : "; unadjusted, so reported but not counted in the consensus."),
      ),
    );
  methods.push(
    method(
      "bh",
      `p-values were adjusted per method (and per outcome) across taxa by Benjamini–Hochberg, except where the reference package adjusts otherwise (ANCOM-BC: Holm; ALDEx2: expected per-instance BH, Holm with covariates; MaAsLin2: BH over all non-intercept coefficients); results with q < ${config.analysis.fdr} are called.`,
    ),
  );

  let associations: Awaited<ReturnType<typeof associationStep>> | undefined;
  if (config.outcomes.length > 0 || config.dose.length > 0) {
    associations = await timed("associations", () => associationStep(config, prepared));
    warnings.push(...associations.warnings);
    methods.push(
      method(
        "associations",
        `${ASSOCIATION_METHOD_TEXT[config.analysis.association_model]}; dose–response as CLR(taxon) ~ dose + covariates among exposed participants.`,
      ),
    );
  } else {
    warnings.push("no outcomes or dose columns configured: taxon–outcome associations were not run");
  }

  const confirmatory = await confirmatoryAndSensitivity(
    config,
    prepared,
    data.tree,
    timed,
    {
      da: da.da,
      ...(associations ? { associations: associations.associations } : {}),
      beta: beta.beta,
      distances: beta.distances,
    },
    { ...options, now },
  );
  warnings.push(...confirmatory.warnings);
  methods.push(...confirmatory.methods);

  const shuffles = config.calibration.shuffles;
  const calibration =
    shuffles > 0
      ? await timed("calibration", async () => {
          const observed = { da: da.da.rows, associations: associations?.associations.rows ?? [] };
          const engine = options.calibrationShuffles;
          const calls = engine
            ? await engine(config, prepared, calibrationPlan(config, observed))
            : undefined;
          return calibrationStep(
            config,
            prepared,
            {
              ...observed,
              consensus: da.da.consensus,
              consensusMethods: da.da.consensusMethods,
            },
            (done, total) => progress("calibration", done, total),
            calls,
          );
        })
      : undefined;
  if (calibration) {
    methods.push(
      method(
        "calibration",
        `Calibration: the exposure labels (and each outcome) were shuffled ${shuffles} times across samples (seed ${config.seed}) and the differential-abundance methods and association scans rerun; every call on shuffled labels is false.`,
      ),
    );
  } else {
    warnings.push("calibration.shuffles is 0: the lists were not calibrated on shuffled labels");
  }

  let prediction: ReturnType<typeof predictionStep> | undefined;
  if (config.prediction && config.prediction.targets.length > 0) {
    const engine = options.predictionPermutations;
    prediction = await timed("prediction", async () => {
      const permutationStatistics = engine ? await engine(predictionJobs(config, prepared)) : undefined;
      return predictionStep(config, prepared, {
        onProgress: (done, total) => progress("prediction", done, total),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(permutationStatistics ? { permutationStatistics } : {}),
      });
    });
    warnings.push(...prediction.warnings);
    for (const m of config.prediction.models)
      methods.push(
        method(m, `Prediction of ${config.prediction.targets.join(", ")} from CLR taxon profiles.`),
      );
    methods.push(
      method(
        "nested_cv",
        `${config.prediction.repeats} x ${config.prediction.folds}-fold nested cross-validation; ${config.prediction.permutations} label permutations for the null; bootstrap CIs.`,
      ),
    );
  }

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
    alpha: alpha.alpha,
    beta: beta.beta,
    differentialAbundance: da.da,
    ...(associations ? { associations: associations.associations } : {}),
    ...(calibration ? { calibration } : {}),
    ...(prediction ? { prediction: prediction.prediction } : {}),
    ...(confirmatory.hypotheses ? { hypotheses: confirmatory.hypotheses } : {}),
    ...(confirmatory.sensitivity ? { sensitivity: confirmatory.sensitivity } : {}),
    methods: dedupeMethods(methods),
  };
  return {
    results,
    distances: beta.distances,
    ordinations: beta.ordinations,
    models: prediction?.models ?? [],
    timings,
  };
}

function betaMethods(metric: string): MethodRecord[] {
  const description = `${metric} distances between samples.`;
  if (metric === "generalized_unifrac") return [method("generalized_unifrac", description)];
  if (metric.includes("unifrac")) return [method("unifrac", description)];
  return [method(metric as "braycurtis", description)];
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
