/**
 * Study step 2 — alpha diversity of the rarefied table and its tests against the exposure:
 * - a rank test per metric: Wilcoxon rank-sum for two groups (R `wilcox.test(exact = FALSE,
 *   correct = TRUE)` semantics), Kruskal–Wallis for more;
 * - a covariate-adjusted linear model `metric ~ exposure + covariates` (OLS), whose exposure term is
 *   tested with the partial F test (equal to t² for a two-level exposure); with design.subject
 *   (repeated measures) instead the LMM `metric ~ exposure + time + covariates + (1 | subject)`
 *   (REML) with lmerTest's Satterthwaite F test of the exposure term (lmm-satterthwaite.ts), and
 *   the rank test is left out (it assumes independent samples);
 * each test's p-values are BH-adjusted across metrics.
 */
import { ALPHA_METRIC_IDS, type AlphaMetricId, alphaDiversity } from "../../alpha/alpha-diversity.js";
import { isIntegral } from "../../table/feature-table.js";
import type { Tree } from "../../phylo/tree.js";
import { designMatrix } from "../../stats/design-matrix.js";
import { sortLevels } from "../../table/level-order.js";
import { kruskalWallis } from "../../stats/kruskal.js";
import { lmmTermFTest } from "../../stats/lmm-satterthwaite.js";
import { olsTermFTest } from "../../stats/ols.js";
import { subjectLabels } from "../../table/subject-labels.js";
import { adjustPValues } from "../../stats/p-adjust.js";
import { wilcoxonRankSum } from "../../stats/wilcoxon.js";
import { method } from "../methods.js";
import type { AlphaResults, AlphaTestRow, MethodRecord } from "../results.js";
import type { PreparedStudy } from "./shared.js";
import { repeatedMeasuresMethods } from "./repeated-measures-methods.js";
import { type AnalysisConfig, type StepOutput, studyFormula } from "./shared.js";
import { nullable } from "../nullable.js";

const COUNT_METRICS: readonly AlphaMetricId[] = ["chao1", "goods_coverage"];

/** The configured alpha metrics (default all) the data allow: Faith PD needs a tree, Chao1 and Good's coverage counts. */
export function alphaMetricsFor(
  config: AnalysisConfig,
  prepared: PreparedStudy,
  tree: Tree | undefined,
): AlphaMetricId[] {
  const counts = isIntegral(prepared.rarefied);
  return (config.analysis.alpha_metrics ?? ALPHA_METRIC_IDS).filter(
    (m) => (m !== "faith_pd" || tree !== undefined) && (counts || !COUNT_METRICS.includes(m)),
  );
}

/** Alpha diversity of the rarefied table and its tests against the exposure (see header). */
export function alphaStep(
  config: AnalysisConfig,
  prepared: PreparedStudy,
  tree: Tree | undefined,
): StepOutput<AlphaResults> {
  const table = prepared.rarefied;
  const metrics = alphaMetricsFor(config, prepared, tree);
  const result = alphaDiversity(table, metrics, tree ? { tree } : {});
  const { groupOf } = prepared;
  const groups = table.sampleIds.map((id) => groupOf.get(id)!);
  const levels = [
    config.design.reference,
    ...sortLevels(groups).filter((g) => g !== config.design.reference),
  ];
  const formula = studyFormula(config);
  const design = designMatrix(formula, prepared.metadata, {
    ids: table.sampleIds,
    reference: { [config.design.exposure]: config.design.reference },
  });
  const exposureTerm = design.terms.find((t) => t.label === config.design.exposure)!;
  const subjects = config.design.subject
    ? subjectLabels(
        prepared.metadata,
        config.design.subject,
        Array.from(design.rows, (r) => table.sampleIds[r]!),
      )
    : null;

  const rankRows: AlphaTestRow[] = [];
  const modelRows: AlphaTestRow[] = [];
  for (const metric of metrics) {
    const values = result.metrics[metric]!;
    const byGroup = levels.map((level) =>
      Float64Array.from(groups.flatMap((g, s) => (g === level ? [values[s]!] : []))),
    );
    if (subjects) {
      // repeated measures: no rank test (samples of a subject are not independent)
    } else if (levels.length === 2) {
      const w = wilcoxonRankSum(byGroup[1]!, byGroup[0]!, { exact: false, correct: true });
      rankRows.push({
        metric,
        term: config.design.exposure,
        test: "wilcoxon_rank_sum",
        statistic: nullable(w.statistic),
        p: nullable(w.p),
        q: null,
      });
    } else {
      const k = kruskalWallis(byGroup);
      rankRows.push({
        metric,
        term: config.design.exposure,
        test: "kruskal_wallis",
        statistic: nullable(k.statistic),
        p: nullable(k.p),
        q: null,
      });
    }
    const y = Float64Array.from(design.rows, (r) => values[r]!);
    const f = subjects
      ? lmmTermFTest(design, y, subjects, exposureTerm.columns)
      : olsTermFTest(design, y, exposureTerm.label);
    modelRows.push({
      metric,
      term: config.design.exposure,
      test: subjects ? "lmm_satterthwaite_f" : "ols_partial_f",
      statistic: nullable(f.statistic),
      p: nullable(f.p),
      q: null,
    });
  }
  for (const rows of [rankRows, modelRows]) {
    const q = adjustPValues(
      rows.map((r) => r.p ?? Number.NaN),
      "bh",
    );
    rows.forEach((r, i) => {
      r.q = nullable(q[i]!);
    });
  }
  const values = table.sampleIds.map((sampleId, s) => ({
    sampleId,
    group: groups[s]!,
    values: Object.fromEntries(metrics.map((m) => [m, nullable(result.metrics[m]![s]!)])),
  }));
  const warnings = [...result.warnings];
  if (design.droppedIds.length > 0) {
    warnings.push(
      `alpha linear models: ${design.droppedIds.length} sample(s) with missing covariates left out`,
    );
  }
  return {
    result: { metrics: [...metrics], values, tests: [...rankRows, ...modelRows] },
    warnings,
    methods: alphaMethods(config, metrics, rankRows),
  };
}

function alphaMethods(
  config: AnalysisConfig,
  metrics: readonly AlphaMetricId[],
  rankRows: readonly AlphaTestRow[],
): MethodRecord[] {
  return [
    method("alpha", `Alpha diversity (${metrics.join(", ")}) of the rarefied table.`),
    ...(config.design.subject
      ? repeatedMeasuresMethods(config)
      : [
          method(
            rankRows.some((t) => t.test === "wilcoxon_rank_sum") ? "wilcoxon" : "kruskal",
            "Each alpha metric was compared between exposure groups (BH-adjusted across metrics).",
          ),
          method(
            "ols",
            `Each alpha metric was modelled as ${studyFormula(config, false)}; the exposure term was tested by its partial F test.`,
          ),
        ]),
  ];
}
