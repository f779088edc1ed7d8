/**
 * Study step 3 — beta diversity: for each metric the data allow, the distance matrix, its PCoA,
 * PERMANOVA of `~ exposure + covariates` and PERMDISP of the exposure groups.
 *
 * - Bray–Curtis, Jaccard and UniFrac use the rarefied table; Aitchison and robust Aitchison use all
 *   reads (they are compositional: rarefying only discards information).
 * - PERMANOVA terms are tested by margin (vegan `adonis2(by = "margin")`): the exposure's row is
 *   its effect given every covariate, the adjusted question of the study. Pinned here; vegan's own
 *   default is sequential ("terms").
 * - PERMDISP (centroid) flags when groups differ in spread, in which case PERMANOVA's "difference"
 *   may be one of dispersion rather than location (Anderson & Walsh 2013, Ecol Monogr 83:557).
 */
import { BETA_METRIC_IDS, type BetaMetricId, betaDiversity } from "../../beta/beta-diversity.js";
import { type DistanceMatrix, selectIds } from "../../beta/distance-matrix.js";
import { strataBlocks } from "../../community/permutations.js";
import { permanova } from "../../community/permanova.js";
import { permdisp } from "../../community/permdisp.js";
import { type PcoaResult, pcoa } from "../../ordination/pcoa.js";
import type { Tree } from "../../phylo/tree.js";
import type { FeatureTable } from "../../table/feature-table.js";
import { designMatrix } from "../../stats/design-matrix.js";
import { getColumn } from "../../table/metadata.js";
import type { BetaResult } from "../results.js";
import type { StudyConfig } from "../config.js";
import type { PreparedStudy } from "./prepare.js";
import { nullable, studyFormula } from "./shared.js";

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

export interface BetaStepOutput {
  beta: BetaResult[];
  distances: { metric: string; dm: DistanceMatrix }[];
  ordinations: { metric: string; pcoa: PcoaResult }[];
  warnings: string[];
}

/** Computes one distance matrix; the Node layer passes a worker-pool version (`--threads`). */
export type DistanceEngine = (
  table: FeatureTable,
  metric: BetaMetricId,
  options: { tree?: Tree },
) => DistanceMatrix | Promise<DistanceMatrix>;

export interface BetaStepOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  distances?: DistanceEngine;
}

export function betaMetricsFor(config: StudyConfig, tree: Tree | undefined): BetaMetricId[] {
  const wanted = config.analysis.beta_metrics ?? DEFAULT_METRICS;
  return BETA_METRIC_IDS.filter((m) => wanted.includes(m) && (tree !== undefined || !UNIFRAC.includes(m)));
}

export async function betaStep(
  config: StudyConfig,
  prepared: PreparedStudy,
  tree: Tree | undefined,
  options: BetaStepOptions = {},
): Promise<BetaStepOutput> {
  const out: BetaStepOutput = { beta: [], distances: [], ordinations: [], warnings: [] };
  const metrics = betaMetricsFor(config, tree);
  const { groupOf } = prepared;
  const distances = options.distances ?? betaDiversity;
  for (const [k, metric] of metrics.entries()) {
    options.signal?.throwIfAborted();
    const table = COMPOSITIONAL.includes(metric) ? prepared.table : prepared.rarefied;
    const dm = await distances(table, metric, tree ? { tree } : {});
    const ordination = pcoa(dm);
    out.warnings.push(...ordination.warnings.map((w) => `${metric} PCoA: ${w}`));

    const design = designMatrix(studyFormula(config), prepared.metadata, {
      ids: dm.ids,
      reference: { [config.design.exposure]: config.design.reference },
    });
    const tested = selectIds(
      dm,
      Array.from(design.rows, (r) => dm.ids[r]!),
    );
    // a repeated-measures design permutes within subject (vegan how(blocks = subject))
    const blockColumn = config.design.subject ?? config.design.strata;
    const strataColumn = blockColumn ? getColumn(prepared.metadata, blockColumn) : undefined;
    const strataOf = new Map<string, string | null>();
    if (strataColumn) {
      prepared.metadata.ids.forEach((id, i) => {
        strataOf.set(
          id,
          strataColumn.kind === "numeric" ? String(strataColumn.values[i]) : strataColumn.values[i]!,
        );
      });
    }
    const perm = permanova(tested, design, {
      by: "margin",
      permutations: config.analysis.permutations,
      seed: config.seed,
      ...(strataColumn ? { strata: tested.ids.map((id) => strataOf.get(id) ?? null) } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (done, total) => options.onProgress?.(k + done / (2 * total), metrics.length),
    });
    out.warnings.push(...perm.warnings.map((w) => `${metric} PERMANOVA: ${w}`));
    const disp = permdisp(
      dm,
      dm.ids.map((id) => groupOf.get(id) ?? null),
      {
        permutations: config.analysis.permutations,
        seed: config.seed,
        ...(strataColumn ? { strata: strataBlocks(dm.ids.map((id) => strataOf.get(id) ?? null)) } : {}),
      },
    );
    out.warnings.push(...disp.warnings.map((w) => `${metric} PERMDISP: ${w}`));
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
  return out;
}
