/**
 * Associations section: host outcomes vs taxon abundance (CLR), adjusted for covariates. Scatter of
 * each significant link, a forest plot of estimates (± 1.96 SE) and the full table.
 */
import { type AssociationMethod, CALIBRATED_ASSOCIATION_METHODS } from "../../core/assoc/types.js";
import type { AssociationRow, StudyResults } from "../../core/study/results.js";
import { forestChart, linkScatterChart } from "../charts.js";
import { tsvFile } from "../data-file.js";
import type { ReportPlot, SectionNote } from "../model.js";
import { calibrationNotes } from "./calibration-notes.js";
import type { BuiltSection, Rows, SectionText } from "./kit.js";
import { badge, byNullable, isSignificant, listSome, plot, skippedSection, table, unique } from "./kit.js";

const SHOWN_ROWS = 25;
/** Forest plot rows when nothing is significant: the smallest p-values. */
const FOREST_FALLBACK_ROWS = 15;

const TEXT: SectionText = {
  id: "associations",
  title: "Associations with outcomes",
  description:
    "Links between the abundance of each taxon and the host responses (outcomes), adjusted for the covariates.",
  help: {
    howToRead:
      "Each scatter panel shows one significant taxon\u2013outcome link: the taxon's centred log-ratio (CLR) abundance against the outcome. The forest plot shows each estimate (the log2 fold change of the taxon per unit of the outcome, or between a binary outcome's levels) with an approximate 95% interval (estimate \u00b1 1.96 SE); intervals crossing the dashed zero line are compatible with no association. The notes say how many links the same scan finds on shuffled outcomes of your own data.",
    method:
      "For each outcome, every taxon's CLR abundance was regressed on the outcome plus covariates by LinDA, which removes the shift every taxon shares through compositionality (the mode of the outcome coefficients across taxa); p-values were adjusted for false discovery across taxa within each outcome.",
    caveats:
      "Associations are not causal: the outcome may change the microbiome, or both may follow a third factor (diet, dose, other drugs). A taxon that moves with the linked taxon across people is associated too. Estimates are on the scale named in the table, so compare them only within a scale. Calibration: on simulated cohorts of 65 to 400 (docs/DA.md) the share of false links among those with q < 0.1 averaged 0.06\u20130.18, above the nominal 0.1, mostly rare taxa called in blocks; the shuffled-outcome notes measure it on your data.",
  },
};

function linkLabel(row: { taxon: string; outcome: string }): string {
  return `${row.taxon} \u2192 ${row.outcome}`;
}

function scatterPlot(results: StudyResults): ReportPlot | null {
  const points = results.associations!.scatter;
  if (points.length === 0) return null;
  const rows: Rows = points.map((p) => ({
    link: linkLabel(p),
    sample_id: p.sampleId,
    taxon: p.taxon,
    outcome: p.outcome,
    clr: p.clr,
    outcome_value: p.outcomeValue,
  }));
  const spec = linkScatterChart(rows, unique(rows.map((r) => r.link as string)));
  const data = tsvFile(
    "association_points.tsv",
    ["taxon", "outcome", "sample_id", "clr", "outcome_value"],
    rows,
  );
  return plot("association-scatter", "Significant links", "Outcome against taxon CLR abundance.", spec, data);
}

function forestPlot(rows: AssociationRow[], fdr: number): ReportPlot | null {
  const usable = rows.filter((r) => r.estimate !== null && r.se !== null);
  const significant = usable.filter((r) => isSignificant(r.q, fdr));
  const shown =
    significant.length > 0
      ? significant
      : [...usable].sort(byNullable((r) => r.p)).slice(0, FOREST_FALLBACK_ROWS);
  if (shown.length === 0) return null;
  const forestRows: Rows = shown.map((r) => ({
    label: `${r.taxon} (${r.outcome})`,
    taxon: r.taxon,
    outcome: r.outcome,
    method: r.method,
    estimate: r.estimate,
    se: r.se,
    estimate_scale: r.estimate_scale,
  }));
  const spec = forestChart(forestRows, unique(shown.map((r) => r.outcome)));
  const data = tsvFile(
    "forest.tsv",
    ["taxon", "outcome", "method", "estimate", "se", "estimate_scale"],
    forestRows,
  );
  const caption =
    significant.length > 0
      ? `Links with q < ${fdr}; whiskers: estimate \u00b1 1.96 SE.`
      : `No link has q < ${fdr}; the ${shown.length} smallest p-values are shown.`;
  return plot("forest", "Estimates", caption, spec, data);
}

export function buildAssociationsSection(results: StudyResults): BuiltSection {
  const assoc = results.associations;
  if (!assoc) return { section: skippedSection(TEXT), headline: "not run" };
  const { fdr } = results.meta;
  // the headline counts only links of the calibrated model (not, e.g., an outcome ~ CLR(taxon) scan)
  const significant = assoc.rows.filter(
    (r) => isSignificant(r.q, fdr) && CALIBRATED_ASSOCIATION_METHODS.includes(r.method as AssociationMethod),
  );
  const scales = unique(assoc.rows.map((r) => r.estimate_scale));
  const notes: SectionNote[] =
    scales.length > 1
      ? [
          {
            status: "info",
            text: `Estimates are on different scales (${scales.join(", ")}); compare within a scale.`,
          },
        ]
      : [];
  const headline =
    significant.length === 0
      ? `No taxon\u2013outcome link with q < ${fdr}.`
      : `${significant.length} link(s) with q < ${fdr}: ${listSome(significant.map(linkLabel), 3, "; ")}.`;
  const plots = [scatterPlot(results), forestPlot(assoc.rows, fdr)].filter(
    (p): p is ReportPlot => p !== null,
  );
  return {
    section: {
      ...TEXT,
      badge: badge("ok", `${significant.length} link(s) q < ${fdr}`, headline),
      notes: [...notes, ...calibrationNotes(results, "associations")],
      plots,
      tables: [
        table(
          "associations",
          "Taxon\u2013outcome associations (smallest q first)",
          [
            ["outcome", "Outcome", "mono"],
            ["taxon", "Taxon", "mono"],
            ["method", "Method", "mono"],
            ["contrast", "Contrast", "text"],
            ["estimate", "Estimate", "num"],
            ["estimate_scale", "Scale", "text"],
            ["se", "SE", "num"],
            ["statistic", "Statistic", "num"],
            ["p", "p", "p"],
            ["q", "q", "p"],
            ["n", "n", "int"],
          ],
          [...assoc.rows].sort(byNullable((r) => r.q)).map((r) => ({ ...r })),
          SHOWN_ROWS,
        ),
      ],
    },
    headline,
  };
}
