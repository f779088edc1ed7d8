/**
 * Differential abundance section: volcano plot per method, the cross-method consensus, the full
 * per-method table (top rows shown, all downloadable) and per-sample abundances of the top hits.
 */
import { isConsensusCall } from "../../core/da/consensus.js";
import type { StudyResults } from "../../core/study/results.js";
import { relativeTo, termLabel } from "../../core/stats/contrast-words.js";
import { boxStripChart, jitter, volcanoChart } from "../charts.js";
import { tsvFile } from "../data-file.js";
import type { ReportPlot, SectionNote } from "../model.js";
import { calibrationNotes } from "./calibration-notes.js";
import type { BuiltSection, Rows, SectionText } from "./kit.js";
import { badge, byNullable, isSignificant, listSome, plot, skippedSection, table, unique } from "./kit.js";

const SHOWN_ROWS = 25;

const TEXT: SectionText = {
  id: "differential-abundance",
  title: "Differential abundance",
  description:
    "Which taxa are more or less abundant between exposure groups, adjusted for the covariates, according to several complementary methods and their consensus.",
  help: {
    howToRead:
      "In each volcano panel a point is a taxon: right of zero means higher in the exposed group, higher up means smaller p; coloured points pass the FDR threshold. The consensus table counts in how many methods a taxon was significant; trust taxa found by most methods with a consistent direction.",
    method:
      "Each method listed was run on the same filtered table and model formula; p-values were adjusted for false discovery within each method. The consensus direction is the sign of the median log2 fold change over methods.",
    caveats:
      "Compositional data: a taxon can look increased because others decreased. Methods differ in assumptions and power, so disagreement is common; single-method hits are hypotheses. Fold changes from different methods are on similar but not identical scales. Calibration: on simulated cohorts of 65 to 400 (docs/DA.md) single methods averaged 0.00\u20130.30 false calls among those with q < 0.1 (LinDA and ANCOM-BC above the nominal 0.1 in some), the consensus (at least half of the methods, two or more from different model families, one direction) 0.01\u20130.03.",
  },
};

function volcanoPlot(results: StudyResults): ReportPlot {
  const da = results.differentialAbundance!;
  const { fdr } = results.meta;
  const rows: Rows = da.rows
    .filter((r) => r.log2_fold_change !== null && r.p !== null && r.p > 0)
    .map((r) => ({
      taxon: r.taxon,
      method: r.method,
      log2_fold_change: r.log2_fold_change,
      p: r.p,
      q: r.q,
      significance: isSignificant(r.q, fdr) ? "significant" : "not significant",
    }));
  // A method with no drawable row gets no (empty) panel; the caption names it.
  const drawn = da.methods.filter((m) => rows.some((r) => r.method === m));
  const spec = volcanoChart(rows, drawn);
  const data = tsvFile(
    "volcano.tsv",
    ["taxon", "method", "log2_fold_change", "p", "q", "significance"],
    rows,
  );
  const hidden = da.rows.length - rows.length;
  const caption = `One panel per method; significant means q < ${fdr}.${
    hidden > 0 ? ` ${hidden} row(s) without a fold change or with p = 0 are not drawn (see the table).` : ""
  }${
    drawn.length < da.methods.length
      ? ` No panel for ${da.methods.filter((m) => !drawn.includes(m)).join(", ")}: no row to draw.`
      : ""
  }`;
  return plot("volcano", "Volcano plots", caption, spec, data);
}

function topAbundancePlot(results: StudyResults): ReportPlot | null {
  const points = results.differentialAbundance!.topAbundances;
  if (points.length === 0) return null;
  const taxa = unique(points.map((p) => p.taxon));
  const rows: Rows = points.map((p, i) => ({
    panel: p.taxon,
    group: p.group,
    value: p.relative_abundance,
    jitter: jitter(i),
  }));
  const spec = boxStripChart({
    rows,
    groups: results.summary.groups.map((g) => g.group),
    groupTitle: results.summary.exposure,
    yTitle: "relative abundance",
    panels: taxa,
  });
  const data = tsvFile(
    "top_taxa_abundance.tsv",
    ["taxon", "sample_id", "group", "relative_abundance"],
    points.map((p) => ({
      taxon: p.taxon,
      sample_id: p.sampleId,
      group: p.group,
      relative_abundance: p.relative_abundance,
    })),
  );
  return plot(
    "top-taxa",
    "Top taxa by group",
    "Relative abundance per sample of the top consensus taxa.",
    spec,
    data,
  );
}

export function buildDifferentialAbundanceSection(results: StudyResults): BuiltSection {
  const da = results.differentialAbundance;
  if (!da) return { section: skippedSection(TEXT), headline: "not run" };

  const consensus = [...da.consensus].sort(
    (a, b) =>
      b.methods_significant - a.methods_significant ||
      Math.abs(b.log2_fold_change_median ?? 0) - Math.abs(a.log2_fold_change_median ?? 0),
  );
  const robust = consensus.filter(isConsensusCall);
  const mixed = consensus.filter((r) => r.direction === "mixed" && r.methods_significant > 0);
  const notes: SectionNote[] =
    mixed.length > 0
      ? [
          {
            status: "warn",
            text: `Methods disagree on the direction of ${mixed.length} significant taxon/taxa: ${listSome(
              mixed.map((r) => r.taxon),
              5,
            )}.`,
          },
        ]
      : [];
  const oneContrast = da.contrasts.length === 1;
  const headline =
    robust.length === 0
      ? "No taxon significant in at least half of the methods and in two model families."
      : `${robust.length} taxon/taxa significant in at least half of the methods (two or more, from different model families) in one direction: ${listSome(
          robust.map((r) => `${r.taxon} ${r.direction}${oneContrast ? "" : ` ${relativeTo(r.contrast)}`}`),
        )}${oneContrast ? ` ${relativeTo(da.contrasts[0]!)}` : ""}.`;
  const contrastText = da.contrasts
    .map((c) => `${termLabel(da.term, c)} (a positive log2 fold change means more abundant ${relativeTo(c)})`)
    .join("; ");
  const leftOut = da.methods.filter((m) => !da.consensusMethods.includes(m));
  const consensusText =
    leftOut.length > 0
      ? ` ${leftOut.join(", ")} cannot adjust for the covariates: reported, but not counted in the consensus.`
      : "";
  const labelled = (r: { contrast: string }) => ({ ...r, contrast: termLabel(da.term, r.contrast) });

  const plots = [volcanoPlot(results)];
  const top = topAbundancePlot(results);
  if (top) plots.push(top);
  const byQ = [...da.rows].sort(byNullable((r) => r.q));

  return {
    section: {
      ...TEXT,
      description: `${TEXT.description} Contrast: ${contrastText}; methods: ${da.methods.join(", ")}.${consensusText}`,
      badge: badge(
        mixed.length > 0 ? "warn" : "ok",
        `${robust.length} consensus taxa`,
        mixed.length > 0 ? "Methods disagree on the direction of some significant taxa." : headline,
      ),
      notes: [...notes, ...calibrationNotes(results, "differential_abundance")],
      plots,
      tables: [
        table(
          "consensus",
          "Consensus across methods",
          [
            ["taxon", "Taxon", "mono"],
            ["contrast", "Contrast", "text"],
            ["direction", "Direction", "text"],
            ["methods_significant", "Methods significant", "int"],
            ["methods_tested", "Methods tested", "int"],
            ["log2_fold_change_median", "Median log2 FC", "num"],
          ],
          consensus.map(labelled),
          SHOWN_ROWS,
        ),
        table(
          "differential_abundance",
          "Per-method results (smallest q first)",
          [
            ["taxon", "Taxon", "mono"],
            ["method", "Method", "mono"],
            ["contrast", "Contrast", "text"],
            ["log2_fold_change", "log2 FC", "num"],
            ["se", "SE", "num"],
            ["statistic", "Statistic", "num"],
            ["p", "p", "p"],
            ["q", "q", "p"],
            ["prevalence", "Prevalence", "percent"],
            ["mean_relative_abundance", "Mean rel. abundance", "num"],
          ],
          byQ.map(labelled),
          SHOWN_ROWS,
        ),
      ],
    },
    headline,
  };
}
