/**
 * Prediction section: cross-validated performance with intervals and permutation-null p, ROC
 * curves, predicted vs observed and feature importance. Badge "warn" when a model is not
 * distinguishable from chance (null p >= 0.05 or the interval reaches the chance level).
 */
import type { PredictionResults, PredictionRow, StudyResults } from "../../core/study/results.js";
import { importanceChart, predictedObservedChart, rocChart } from "../charts.js";
import { tsvFile } from "../data-file.js";
import { formatSignificant, formatP } from "../format.js";
import type { ReportPlot, SectionNote } from "../model.js";
import type { BuiltSection, Rows, SectionText } from "./kit.js";
import { badge, plot, skippedSection, table, unique } from "./kit.js";

const NULL_P_WARN = 0.05;
const TOP_FEATURES = 15;
/** Chance level of each metric: an interval reaching it means "not better than chance". */
const CHANCE: Record<string, number> = { auroc: 0.5, r2: 0 };

const TEXT: SectionText = {
  id: "prediction",
  title: "Prediction",
  description: "How well the gut profile predicts each target, estimated on held-out participants only.",
  help: {
    howToRead:
      "The table gives each model's cross-validated performance with its 95% interval and the permutation-null p (how often shuffled labels did as well). ROC curves closer to the top-left corner discriminate better; the dashed diagonal is chance. Points near the dashed identity line are well predicted. Importance ranks the features the model relied on; stability is the share of folds in which a feature mattered.",
    method:
      "Models were trained and tuned with nested cross-validation so that every prediction is for a participant the model never saw; intervals and null p-values come from the resampling and permutation procedures named in the methods.",
    caveats:
      "Performance on one cohort is optimistic for other populations; with few participants the intervals are wide. Feature importance is not causal, and correlated taxa share importance unpredictably. A prediction for one person is not a diagnosis.",
  },
};

function curveLabel(target: string, model: string): string {
  return `${target} (${model})`;
}

export function isChanceLevel(row: PredictionRow): boolean {
  const chance = CHANCE[row.metric];
  return (
    (row.null_p !== null && row.null_p >= NULL_P_WARN) ||
    (chance !== undefined && row.ci_low !== null && row.ci_low <= chance)
  );
}

function rocPlot(prediction: PredictionResults): ReportPlot | null {
  const curves = prediction.roc ?? [];
  if (curves.length === 0) return null;
  const rows: Rows = curves.flatMap((c) =>
    c.points.map((p, order) => ({ curve: curveLabel(c.target, c.model), fpr: p.fpr, tpr: p.tpr, order })),
  );
  const data = tsvFile("roc.tsv", ["curve", "fpr", "tpr", "order"], rows);
  return plot(
    "roc",
    "ROC curves",
    "Cross-validated receiver operating characteristic.",
    rocChart(rows),
    data,
  );
}

function predictedPlot(prediction: PredictionResults): ReportPlot | null {
  const points = prediction.predictedVsObserved ?? [];
  if (points.length === 0) return null;
  const rows: Rows = points.map((p) => ({
    kind: "point",
    panel: curveLabel(p.target, p.model),
    sample_id: p.sampleId,
    observed: p.observed,
    predicted: p.predicted,
  }));
  const panels = unique(rows.map((r) => r.panel as string));
  for (const panel of panels) {
    const own = points.filter((p) => curveLabel(p.target, p.model) === panel);
    const lo = Math.min(...own.map((p) => Math.min(p.observed, p.predicted)));
    const hi = Math.max(...own.map((p) => Math.max(p.observed, p.predicted)));
    for (const v of [lo, hi])
      rows.push({ kind: "identity", panel, sample_id: null, observed: v, predicted: v });
  }
  const data = tsvFile(
    "predicted_vs_observed.tsv",
    ["panel", "sample_id", "observed", "predicted"],
    rows.filter((r) => r.kind === "point"),
  );
  const spec = predictedObservedChart(rows, panels);
  return plot("predicted-observed", "Predicted vs observed", "Dashed: perfect prediction.", spec, data);
}

function importancePlot(prediction: PredictionResults): ReportPlot | null {
  const targets = unique(prediction.importance.map((r) => r.target));
  const rows: Rows = targets.flatMap((target) =>
    prediction.importance
      .filter((r) => r.target === target)
      .sort((a, b) => b.importance - a.importance)
      .slice(0, TOP_FEATURES)
      .map((r) => ({
        panel: target,
        feature: r.feature,
        importance: r.importance,
        direction: r.direction,
        stability: r.stability,
      })),
  );
  if (rows.length === 0) return null;
  const data = tsvFile("importance.tsv", ["panel", "feature", "importance", "direction", "stability"], rows);
  const spec = importanceChart(rows, targets);
  return plot("importance", "Feature importance", `Top ${TOP_FEATURES} features per target.`, spec, data);
}

export function buildPredictionSection(results: StudyResults): BuiltSection {
  const prediction = results.prediction;
  if (!prediction) return { section: skippedSection(TEXT), headline: "not run" };
  const weak = prediction.rows.filter(isChanceLevel);
  const notes: SectionNote[] = weak.map((r) => ({
    status: "warn",
    text: `${curveLabel(r.target, r.model)}: ${r.metric} = ${formatSignificant(r.estimate)} is not distinguishable from chance (null p = ${formatP(r.null_p)}, lower bound ${formatSignificant(r.ci_low)}).`,
  }));
  const headline =
    prediction.rows
      .map(
        (r) =>
          `${curveLabel(r.target, r.model)}: ${r.metric} ${formatSignificant(r.estimate)} [${formatSignificant(r.ci_low)}, ${formatSignificant(r.ci_high)}]`,
      )
      .join("; ") || "No model was evaluated.";
  const plots = [rocPlot(prediction), predictedPlot(prediction), importancePlot(prediction)].filter(
    (p): p is ReportPlot => p !== null,
  );
  return {
    section: {
      ...TEXT,
      badge: badge(
        weak.length > 0 ? "warn" : "ok",
        weak.length > 0 ? `${weak.length} model(s) at chance` : `${prediction.rows.length} model(s)`,
        weak.length > 0 ? "Some models are not distinguishable from chance." : headline,
      ),
      notes,
      plots,
      tables: [
        table(
          "prediction",
          "Cross-validated performance",
          [
            ["target", "Target", "mono"],
            ["model", "Model", "mono"],
            ["metric", "Metric", "text"],
            ["estimate", "Estimate", "num"],
            ["ci_low", "95% CI low", "num"],
            ["ci_high", "95% CI high", "num"],
            ["null_p", "Null p", "p"],
          ],
          prediction.rows.map((r) => ({ ...r })),
        ),
      ],
    },
    headline,
  };
}
