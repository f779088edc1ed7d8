/**
 * Study step 3 — beta diversity: for each metric the data allow, the distance matrix, its PCoA,
 * PERMANOVA of `~ exposure + covariates` and PERMDISP of the exposure groups.
 *
 * - Bray–Curtis, Jaccard and UniFrac use the rarefied table; Aitchison and robust Aitchison use all
 *   reads (they are compositional: rarefying only discards information).
 * - PERMANOVA terms are tested by margin (vegan `adonis2(by = "margin")`): the exposure's row is
 *   its effect given every covariate, the adjusted question of the study. Pinned here; vegan's own
 *   default is sequential ("terms").
 * - PERMDISP (spatial median, vegan's default) flags when groups differ in spread, in which case PERMANOVA's "difference"
 *   may be one of dispersion rather than location (Anderson & Walsh 2013, Ecol Monogr 83:557).
 */
import { BETA_METRIC_IDS, type BetaMetricId, betaDiversity } from "../../beta/beta-diversity.js";
import { type DistanceMatrix, selectIds } from "../../beta/distance-matrix.js";
import type { PermutationDesign } from "../../community/permutations.js";
import { permanova } from "../../community/permanova.js";
import { permdisp } from "../../community/permdisp.js";
import { type PcoaResult, pcoa } from "../../ordination/pcoa.js";
import type { Tree } from "../../phylo/tree.js";
import type { FeatureTable } from "../../table/feature-table.js";
import { designMatrix } from "../../stats/design-matrix.js";
import type { Rng } from "../../random/rng.js";
import type { SampleMetadata } from "../../table/metadata.js";
import { subjectLabels } from "../../table/subject-labels.js";
import { method } from "../methods.js";
import type { BetaResult, MethodRecord } from "../results.js";
import type { PreparedStudy } from "./shared.js";
import { type AnalysisConfig, type StepOutput, studyFormula } from "./shared.js";
import { nullable } from "../nullable.js";
import { BETA_STREAMS, STEP_STREAMS } from "./streams.js";

const COMPOSITIONAL: readonly BetaMetricId[] = ["aitchison", "robust_aitchison"];
const UNIFRAC: readonly BetaMetricId[] = [
  "unweighted_unifrac",
  "weighted_unifrac",
  "weighted_normalized_unifrac",
  "generalized_unifrac",
];
/** Metrics run when the config names none: the common QIIME 2 core-metrics set plus Aitchison. */
const DEFAULT_METRICS: readonly BetaMetricId[] = [
  "braycurtis",
  "jaccard",
  "aitchison",
  "unweighted_unifrac",
  "weighted_normalized_unifrac",
];

/** The beta step's result: per metric its tests, distance matrix and PCoA. */
export interface BetaStepResult {
  beta: BetaResult[];
  distances: { metric: string; dm: DistanceMatrix }[];
  ordinations: { metric: string; pcoa: PcoaResult }[];
}

/** Computes one distance matrix; the Node layer passes a worker-pool version (`--threads`). */
export type DistanceEngine = (
  table: FeatureTable,
  metric: BetaMetricId,
  options: { tree?: Tree },
) => DistanceMatrix | Promise<DistanceMatrix>;

/** Progress (metrics done, fractional), abort signal and distance engine of the beta step. */
export interface BetaStepOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  distances?: DistanceEngine;
}

/** The configured metrics (default DEFAULT_METRICS) that the data allow: UniFrac only with a tree. */
export function betaMetricsFor(config: AnalysisConfig, tree: Tree | undefined): BetaMetricId[] {
  const wanted = config.analysis.beta_metrics ?? DEFAULT_METRICS;
  return BETA_METRIC_IDS.filter((m) => wanted.includes(m) && (tree !== undefined || !UNIFRAC.includes(m)));
}

/**
 * The permutation design of the study's community tests: free, or within `design.subject` (repeated
 * measures) or else `design.strata` (vegan `how(blocks = ...)`); labels per sample of `ids`.
 */
export function studyPermutationDesign(
  config: AnalysisConfig,
  metadata: SampleMetadata,
  ids: readonly string[],
): Pick<PermutationDesign, "strata"> {
  const blocks = config.design.subject ?? config.design.strata;
  return blocks ? { strata: subjectLabels(metadata, blocks, ids) } : {};
}

/**
 * Beta diversity per metric (see header). `rng`: the step's stream; PERMANOVA permutes on its
 * fork(BETA_STREAMS.permanova) and PERMDISP on fork(BETA_STREAMS.permdisp), the same for every metric.
 */
export async function betaStep(
  config: AnalysisConfig,
  prepared: PreparedStudy,
  tree: Tree | undefined,
  rng: Rng,
  options: BetaStepOptions = {},
): Promise<StepOutput<BetaStepResult>> {
  const out: BetaStepResult = { beta: [], distances: [], ordinations: [] };
  const warnings: string[] = [];
  const metrics = betaMetricsFor(config, tree);
  const { groupOf } = prepared;
  const distances = options.distances ?? betaDiversity;
  const tests = {
    permutations: config.analysis.permutations,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  for (const [k, metric] of metrics.entries()) {
    options.signal?.throwIfAborted();
    const table = COMPOSITIONAL.includes(metric) ? prepared.table : prepared.rarefied;
    const dm = await distances(table, metric, tree ? { tree } : {});
    const ordination = pcoa(dm);
    warnings.push(...ordination.warnings.map((w) => `${metric} PCoA: ${w}`));

    const design = designMatrix(studyFormula(config), prepared.metadata, {
      ids: dm.ids,
      reference: { [config.design.exposure]: config.design.reference },
    });
    const tested = selectIds(
      dm,
      Array.from(design.rows, (r) => dm.ids[r]!),
    );
    const half = (offset: number) => (done: number, total: number) =>
      options.onProgress?.(k + (offset + done / total) / 2, metrics.length);
    const perm = permanova(tested, design, {
      ...tests,
      ...studyPermutationDesign(config, prepared.metadata, tested.ids),
      by: "margin",
      seed: rng.fork(BETA_STREAMS.permanova).seed,
      onProgress: half(0),
    });
    warnings.push(...perm.warnings.map((w) => `${metric} PERMANOVA: ${w}`));
    const disp = permdisp(
      dm,
      dm.ids.map((id) => groupOf.get(id) ?? null),
      {
        ...tests,
        ...studyPermutationDesign(config, prepared.metadata, dm.ids),
        seed: rng.fork(BETA_STREAMS.permdisp).seed,
        onProgress: half(1),
      },
    );
    warnings.push(...disp.warnings.map((w) => `${metric} PERMDISP: ${w}`));
    const axes = Math.min(3, ordination.axes.length);
    const all = ordination.axes.length;
    out.beta.push({
      metric,
      pcoa: {
        sampleIds: [...ordination.ids],
        groups: ordination.ids.map((id) => groupOf.get(id)!),
        coordinates: ordination.ids.map((_, i) =>
          Array.from(ordination.coordinates.subarray(i * all, i * all + axes)),
        ),
        proportion: Array.from(ordination.proportionExplained.subarray(0, axes)),
      },
      permanova: perm.rows.map((r) => ({
        term: r.term,
        df: r.df,
        sum_of_squares: r.sumOfSquares,
        r2: r.r2,
        F: nullable(r.F),
        p: nullable(r.p),
        permutations: perm.permutations,
      })),
      permdisp: { term: config.design.exposure, F: disp.F, p: disp.p ?? 1, permutations: disp.permutations },
    });
    out.distances.push({ metric, dm });
    out.ordinations.push({ metric, pcoa: ordination });
    options.onProgress?.(k + 1, metrics.length);
  }
  return { result: out, warnings, methods: betaMethods(config, metrics) };
}

function betaMethods(config: AnalysisConfig, metrics: readonly BetaMetricId[]): MethodRecord[] {
  const blocks = config.design.subject ?? config.design.strata;
  const stream = `random stream ${STEP_STREAMS.beta} of the study seed`;
  return [
    ...metrics.map((metric) => {
      const description = `${metric} distances between samples.`;
      if (metric === "generalized_unifrac") return method("generalized_unifrac", description);
      if (metric.includes("unifrac")) return method("unifrac", description);
      return method(metric as "braycurtis", description);
    }),
    method(
      "pcoa",
      "Each distance matrix was ordinated by PCoA (negative eigenvalues reported, not corrected).",
    ),
    method(
      "permanova",
      `PERMANOVA of ${studyFormula(config, false)}, marginal terms (adonis2 by = "margin"), ${config.analysis.permutations} permutations${blocks ? ` within ${blocks}` : ""} (${stream}, fork ${BETA_STREAMS.permanova}).`,
    ),
    method(
      "permdisp",
      `PERMDISP (distances to group spatial medians, vegan betadisper's default) checked whether groups differ in dispersion (${config.analysis.permutations} permutations${blocks ? ` within ${blocks}` : ""}, ${stream}, fork ${BETA_STREAMS.permdisp}).`,
    ),
  ];
}
