/**
 * Vega-Lite spec builders for the report's plots. Each takes rows with fixed, internal field names
 * (user strings are only ever values, never field names: a taxon called `a.b[0]` would otherwise be
 * read as a nested path) and returns a complete spec with its data inline. No statistics here:
 * the only derived values are display transforms (-log10 p, ±1.96 SE whiskers, jitter offsets).
 */
import type { TopLevelSpec } from "vega-lite";
import type { Cell } from "./data-file.js";
import { MUTED, OKABE_ITO, VEGA_CONFIG } from "./theme.js";

type Rows = Record<string, Cell>[];

const SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json";

function base(rows: Rows): { $schema: string; config: typeof VEGA_CONFIG; data: { values: Rows } } {
  return { $schema: SCHEMA, config: VEGA_CONFIG, data: { values: rows } };
}

/** Fixed group -> colour mapping so a group has the same colour in every plot. */
export function groupColor(groups: readonly string[], title: string) {
  return {
    field: "group",
    type: "nominal" as const,
    title,
    scale: { domain: [...groups], range: OKABE_ITO.slice(0, Math.max(groups.length, 1)) },
  };
}

/**
 * Facet columns for n panels: at most `max` side by side, balanced over the rows so the last row
 * leaves as few empty slots as possible (4 panels, max 3: 2 x 2, not 3 + 1 with two empty slots).
 */
export function facetColumns(n: number, max = 3): number {
  if (n <= 1) return 1;
  return Math.ceil(n / Math.ceil(n / max));
}

/** Wrapped facet on `field`, panels in the given order. */
function facet(panels: readonly string[], max: number, field = "panel") {
  return {
    columns: facetColumns(panels.length, max),
    facet: { field, type: "nominal" as const, title: null, sort: [...panels] },
  };
}

/** Deterministic jitter in [-0.35, 0.35): golden-ratio sequence, no randomness in the output. */
export function jitter(i: number): number {
  return (((i * 0.6180339887498949) % 1) - 0.5) * 0.7;
}

export interface BoxStripOptions {
  /** Rows: panel, group, value, jitter. */
  rows: Rows;
  groups: readonly string[];
  groupTitle: string;
  yTitle: string;
  /** Panel values in display order. */
  panels: readonly string[];
}

/** Box plot with the points on top, one panel per `panel` value (independent y axes). */
export function boxStripChart(o: BoxStripOptions): TopLevelSpec {
  const x = {
    field: "group",
    type: "nominal" as const,
    title: null,
    sort: [...o.groups],
    axis: { labelAngle: 0 },
  };
  return {
    ...base(o.rows),
    ...facet(o.panels, 4),
    spec: {
      width: 170,
      height: 170,
      layer: [
        {
          mark: { type: "boxplot", extent: "min-max", opacity: 0.35, median: { color: "#333" } },
          encoding: {
            x,
            y: { field: "value", type: "quantitative", title: o.yTitle, scale: { zero: false } },
            color: groupColor(o.groups, o.groupTitle),
          },
        },
        {
          mark: { type: "circle", size: 28, opacity: 0.85, stroke: "white", strokeWidth: 0.5 },
          encoding: {
            x,
            xOffset: { field: "jitter", type: "quantitative", scale: { domain: [-1, 1] } },
            y: { field: "value", type: "quantitative" },
            color: groupColor(o.groups, o.groupTitle),
          },
        },
      ],
    },
    resolve: { scale: { y: "independent" } },
  } as TopLevelSpec;
}

export interface ScatterOptions {
  /** Rows: x, y, group. */
  rows: Rows;
  groups: readonly string[];
  groupTitle: string;
  xTitle: string;
  yTitle: string;
}

/** Ordination scatter coloured by group. */
export function groupScatterChart(o: ScatterOptions): TopLevelSpec {
  return {
    ...base(o.rows),
    width: 340,
    height: 300,
    mark: { type: "circle", size: 60, opacity: 0.85, stroke: "white", strokeWidth: 0.6 },
    encoding: {
      x: { field: "x", type: "quantitative", title: o.xTitle, scale: { zero: false } },
      y: { field: "y", type: "quantitative", title: o.yTitle, scale: { zero: false } },
      color: groupColor(o.groups, o.groupTitle),
    },
  };
}

/** Volcano plot, one panel per method: log2 fold change vs -log10 p, significant in colour. */
export function volcanoChart(rows: Rows, methods: readonly string[]): TopLevelSpec {
  return {
    ...base(rows),
    ...facet(methods, 3, "method"),
    transform: [{ calculate: "-log(datum.p) / LN10", as: "neglog10p" }],
    spec: {
      width: 200,
      height: 170,
      mark: { type: "circle", size: 26, opacity: 0.8 },
      encoding: {
        x: { field: "log2_fold_change", type: "quantitative", title: "log2 fold change" },
        y: { field: "neglog10p", type: "quantitative", title: "-log10 p" },
        color: {
          field: "significance",
          type: "nominal",
          title: null,
          scale: { domain: ["significant", "not significant"], range: [OKABE_ITO[5], MUTED] },
        },
      },
    },
  } as TopLevelSpec;
}

/** Outcome vs taxon CLR abundance, one panel per link, independent scales. */
export function linkScatterChart(rows: Rows, links: readonly string[]): TopLevelSpec {
  return {
    ...base(rows),
    ...facet(links, 3, "link"),
    spec: {
      width: 180,
      height: 160,
      mark: { type: "circle", size: 30, opacity: 0.8, color: OKABE_ITO[0] },
      encoding: {
        x: { field: "clr", type: "quantitative", title: "taxon (CLR)", scale: { zero: false } },
        y: { field: "outcome_value", type: "quantitative", title: "outcome", scale: { zero: false } },
      },
    },
    resolve: { scale: { x: "independent", y: "independent" } },
  } as TopLevelSpec;
}

/**
 * Forest plot: estimate with estimate ± 1.96 SE whiskers, one row per label, coloured by the
 * `outcome` field (its legend titled `colorTitle`).
 */
export function forestChart(rows: Rows, outcomes: readonly string[], colorTitle = "outcome"): TopLevelSpec {
  const y = { field: "label", type: "nominal" as const, title: null, sort: null };
  const color = {
    field: "outcome",
    type: "nominal" as const,
    title: colorTitle,
    scale: { domain: [...outcomes], range: OKABE_ITO.slice(0, Math.max(outcomes.length, 1)) },
  };
  return {
    ...base(rows),
    width: 360,
    height: { step: 18 },
    transform: [
      { calculate: "datum.estimate - 1.96 * datum.se", as: "lo" },
      { calculate: "datum.estimate + 1.96 * datum.se", as: "hi" },
    ],
    layer: [
      { mark: { type: "rule", color: "#666", strokeDash: [4, 3] }, encoding: { x: { datum: 0 } } },
      {
        mark: { type: "rule", strokeWidth: 1.5 },
        encoding: {
          y,
          x: { field: "lo", type: "quantitative", title: "estimate (± 1.96 SE)" },
          x2: { field: "hi" },
          color,
        },
      },
      {
        mark: { type: "point", filled: true, size: 50 },
        encoding: { y, x: { field: "estimate", type: "quantitative" }, color },
      },
    ],
  } as TopLevelSpec;
}

/** ROC curves (one line per curve) with the chance diagonal. */
export function rocChart(rows: Rows): TopLevelSpec {
  const unit = { domain: [0, 1] };
  return {
    ...base(rows),
    width: 300,
    height: 300,
    layer: [
      {
        data: {
          values: [
            { fpr: 0, tpr: 0 },
            { fpr: 1, tpr: 1 },
          ],
        },
        mark: { type: "line", color: MUTED, strokeDash: [4, 3] },
        encoding: { x: { field: "fpr", type: "quantitative" }, y: { field: "tpr", type: "quantitative" } },
      },
      {
        mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
        encoding: {
          x: { field: "fpr", type: "quantitative", title: "false positive rate", scale: unit },
          y: { field: "tpr", type: "quantitative", title: "true positive rate", scale: unit },
          color: { field: "curve", type: "nominal", title: null },
          order: { field: "order", type: "quantitative" },
        },
      },
    ],
  } as TopLevelSpec;
}

/** Cross-validated predicted vs observed, one panel per target, with the identity line. */
export function predictedObservedChart(rows: Rows, panels: readonly string[]): TopLevelSpec {
  return {
    ...base(rows),
    ...facet(panels, 3),
    spec: {
      width: 220,
      height: 200,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'identity'" }],
          mark: { type: "line", color: MUTED, strokeDash: [4, 3] },
          encoding: {
            x: { field: "observed", type: "quantitative" },
            y: { field: "predicted", type: "quantitative" },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'point'" }],
          mark: { type: "circle", size: 30, opacity: 0.8, color: OKABE_ITO[0] },
          encoding: {
            x: { field: "observed", type: "quantitative", title: "observed", scale: { zero: false } },
            y: { field: "predicted", type: "quantitative", title: "predicted (CV)", scale: { zero: false } },
          },
        },
      ],
    },
    resolve: { scale: { x: "independent", y: "independent" } },
  } as TopLevelSpec;
}

/** Feature importance bars, one panel per target, coloured by direction of effect. */
export function importanceChart(rows: Rows, panels: readonly string[]): TopLevelSpec {
  return {
    ...base(rows),
    ...facet(panels, 2),
    spec: {
      width: 220,
      height: { step: 16 },
      mark: { type: "bar" },
      encoding: {
        y: {
          field: "feature",
          type: "nominal",
          title: null,
          sort: { field: "importance", order: "descending" },
        },
        x: { field: "importance", type: "quantitative", title: "importance" },
        color: {
          field: "direction",
          type: "nominal",
          title: "direction",
          scale: { domain: ["positive", "negative", "none"], range: [OKABE_ITO[0], OKABE_ITO[5], MUTED] },
        },
      },
    },
    resolve: { scale: { y: "independent" } },
  } as TopLevelSpec;
}
