/**
 * Sensitivity section: whether each main finding holds under other reasonable analysis choices
 * (one choice changed at a time), as a compact table ("Faecalibacterium up: 8/8 variants") and a
 * grid of finding x variant, least robust findings first. Badge "warn" when some finding fails in
 * a variant. States the seconds the panel cost.
 */
import type { TopLevelSpec } from "vega-lite";
import type { StudyResults } from "../../core/study/results.js";
import type { SensitivityRow } from "../../core/study/results.js";
import { tsvFile } from "../data-file.js";
import { formatSignificant } from "../format.js";
import { OKABE_ITO, VEGA_CONFIG } from "../theme.js";
import { type BuiltSection, badge, plot, type Rows, type SectionText, skippedSection, table } from "./kit.js";

/** Findings shown in the grid (least robust first); the tables hold them all. */
const GRID_ROWS = 30;

const TEXT: SectionText = {
  id: "sensitivity",
  title: "Sensitivity of the findings",
  description:
    "Whether the main findings hold when one analysis choice is changed: prevalence cut, pseudocount, each covariate left out, rarefied or not.",
  help: {
    howToRead:
      "Each row is a finding of this run (a differential-abundance call, a taxon\u2013outcome link, a PERMANOVA difference) and the number of analysis variants in which the same call is made with the same sign. The grid shows each variant; a finding that holds in every variant does not depend on these choices.",
    method:
      "Each variant changes one choice from the run's settings and refits with the run's own model: the prevalence cuts listed in the config, LinDA with a fixed pseudocount, each covariate dropped in turn, and PERMANOVA on unrarefied reads. A call holds when q < FDR (p < 0.05 for PERMANOVA) with the same sign; a taxon the variant does not test does not hold.",
    caveats:
      "Robustness to these choices is not replication: a finding that holds in every variant can still be a chance finding of this cohort, or confounded by something not measured.",
  },
};

function label(row: SensitivityRow): string {
  return `${row.held}/${row.variants}  ${row.finding}`;
}

function gridSpec(rows: Rows, findings: readonly string[], variants: readonly string[]): TopLevelSpec {
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: VEGA_CONFIG,
    data: { values: rows },
    mark: { type: "rect", stroke: "white" },
    width: { step: 22 },
    height: { step: 16 },
    encoding: {
      x: { field: "variant", type: "nominal", sort: [...variants], title: null, axis: { labelAngle: -40 } },
      y: { field: "label", type: "nominal", sort: [...findings], title: null },
      color: {
        field: "holds",
        type: "nominal",
        title: "holds",
        scale: { domain: ["yes", "no"], range: [OKABE_ITO[2], OKABE_ITO[5]] },
      },
    },
  } as TopLevelSpec;
}

export function buildSensitivitySection(results: StudyResults): BuiltSection {
  const s = results.sensitivity;
  if (!s) return { section: skippedSection(TEXT), headline: "not run (sensitivity: false)" };
  const runSeconds = (Date.parse(results.meta.finishedAt) - Date.parse(results.meta.startedAt)) / 1000;
  const cost = `The panel (${s.variantLabels.length} variants) took ${formatSignificant(s.seconds)} s of this run's ${formatSignificant(runSeconds)} s.`;
  if (s.rows.length === 0) {
    return {
      section: {
        ...TEXT,
        badge: badge("ok", "no findings", "The run made no call to re-check."),
        notes: [{ status: "info", text: `The run made no call to re-check. ${cost}` }],
        plots: [],
        tables: [],
      },
      headline: "no finding to re-check",
    };
  }
  const ordered = [...s.rows].sort((a, b) => a.held / a.variants - b.held / b.variants);
  const fragile = ordered.filter((r) => r.held < r.variants);
  const robust = s.rows.length - fragile.length;
  const headline = `${robust} of ${s.rows.length} findings hold in every variant${
    fragile.length > 0
      ? `; least robust: ${fragile
          .slice(0, 3)
          .map((r) => `${r.finding} ${r.held}/${r.variants}`)
          .join("; ")}`
      : ""
  }.`;
  const shown = ordered.slice(0, GRID_ROWS);
  const labelOf = new Map(shown.map((r) => [r.finding, label(r)]));
  const gridRows: Rows = s.variants
    .filter((v) => labelOf.has(v.finding))
    .map((v) => ({ label: labelOf.get(v.finding)!, finding: v.finding, variant: v.variant, holds: v.holds }));
  const grid = plot(
    "sensitivity-grid",
    "Findings across analysis variants",
    `Green: the call holds; red: it does not.${ordered.length > GRID_ROWS ? ` The ${GRID_ROWS} least robust of ${ordered.length} findings.` : ""}`,
    gridSpec(
      gridRows,
      shown.map((r) => labelOf.get(r.finding)!),
      s.variantLabels,
    ),
    tsvFile("sensitivity_grid.tsv", ["finding", "variant", "holds"], gridRows),
  );
  return {
    section: {
      ...TEXT,
      badge: badge(
        fragile.length === 0 ? "ok" : "warn",
        `${robust}/${s.rows.length} hold everywhere`,
        headline,
      ),
      notes: [
        {
          status: "info",
          text: `Differential abundance re-checked with ${s.daMethod}. Variants: ${s.variantLabels.join(", ")}. ${cost}`,
        },
      ],
      plots: [grid],
      tables: [
        table(
          "sensitivity",
          "Findings and the variants in which they hold (least robust first)",
          [
            ["finding", "Finding", "mono"],
            ["analysis", "Analysis", "text"],
            ["held", "Holds in", "int"],
            ["variants", "Variants", "int"],
            ["not_held_in", "Does not hold in", "text"],
          ],
          ordered.map((r) => ({ ...r })),
          25,
        ),
      ],
    },
    headline,
  };
}
