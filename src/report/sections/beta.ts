/**
 * Beta diversity section: PCoA per distance metric coloured by exposure, PERMANOVA and PERMDISP.
 * Badge "warn" when PERMDISP p < 0.05: groups differ in spread, so a significant PERMANOVA may
 * reflect dispersion rather than location (Anderson 2006; Warton et al. 2012).
 */
import type { BetaResult, StudyResults } from "../../core/study/results.js";
import { groupScatterChart } from "../charts.js";
import { tsvFile } from "../data-file.js";
import { formatSignificant, formatP, formatPercent } from "../format.js";
import type { ReportPlot, SectionNote } from "../model.js";
import { type BuiltSection, badge, plot, type Rows, type SectionText, skippedSection, table } from "./kit.js";

/** PERMDISP p below this flags a dispersion difference. */
export const PERMDISP_WARN_P = 0.05;

const TEXT: SectionText = {
  id: "beta",
  title: "Beta diversity",
  description:
    "Between-sample differences in community composition: does the overall make-up of the gut community differ between exposure groups?",
  help: {
    howToRead:
      "Each point is a sample placed so that distances between points approximate the community distances (principal coordinates); axis labels give the share of variation each axis shows. PERMANOVA R\u00b2 is the fraction of variation explained by a term; PERMDISP tests whether groups differ in spread.",
    method:
      "Distances were computed per metric, ordinated by principal coordinates analysis, and tested with PERMANOVA (as vegan adonis2) with the permutations listed; PERMDISP (as vegan betadisper) compares distances to group spatial medians.",
    caveats:
      "PERMANOVA is sensitive to differences in dispersion as well as location, especially with unbalanced groups: when PERMDISP is significant, a significant PERMANOVA may reflect spread, not a shift. Two axes can hide structure present on later axes.",
  },
};

function axisTitle(beta: BetaResult, axis: number): string {
  const prop = beta.pcoa.proportion[axis];
  return prop === undefined ? `PC${axis + 1} (none)` : `PC${axis + 1} (${formatPercent(prop)})`;
}

function pcoaPlot(beta: BetaResult, groups: readonly string[], exposure: string): ReportPlot {
  const rows: Rows = beta.pcoa.sampleIds.map((id, i) => ({
    sample_id: id,
    group: beta.pcoa.groups[i] ?? null,
    x: beta.pcoa.coordinates[i]?.[0] ?? 0,
    y: beta.pcoa.coordinates[i]?.[1] ?? 0,
  }));
  const spec = groupScatterChart({
    rows,
    groups,
    groupTitle: exposure,
    xTitle: axisTitle(beta, 0),
    yTitle: axisTitle(beta, 1),
  });
  const data = tsvFile(`pcoa_${beta.metric}.tsv`, ["sample_id", "group", "x", "y"], rows);
  return plot(`pcoa-${beta.metric}`, `PCoA: ${beta.metric}`, "First two principal coordinates.", spec, data);
}

export function buildBetaSection(results: StudyResults): BuiltSection {
  const betas = results.beta;
  if (!betas || betas.length === 0) return { section: skippedSection(TEXT), headline: "not run" };
  const { exposure } = results.summary;
  const groups = results.summary.groups.map((g) => g.group);

  const permanovaRows = betas.flatMap((b) => b.permanova.map((r) => ({ metric: b.metric, ...r })));
  const permdispRows = betas.flatMap((b) => (b.permdisp ? [{ metric: b.metric, ...b.permdisp }] : []));
  const dispersed = permdispRows.filter((r) => r.p < PERMDISP_WARN_P);
  const notes: SectionNote[] = dispersed.map((r) => ({
    status: "warn",
    text: `${r.metric}: PERMDISP p = ${formatP(r.p)} < ${PERMDISP_WARN_P}. Groups differ in dispersion, so PERMANOVA may reflect dispersion, not location.`,
  }));

  const headline = betas
    .map((b) => {
      const row = b.permanova.find((r) => r.term === exposure) ?? b.permanova[0];
      return row ? `${b.metric}: R\u00b2 = ${formatSignificant(row.r2)}, p = ${formatP(row.p)}` : b.metric;
    })
    .join("; ");
  const status = dispersed.length > 0 ? "warn" : "ok";
  const label = dispersed.length > 0 ? "dispersion differs" : `${betas.length} metric(s)`;
  const detail =
    dispersed.length > 0
      ? `PERMDISP p < ${PERMDISP_WARN_P} for ${dispersed.map((r) => r.metric).join(", ")}: PERMANOVA may reflect dispersion, not location.`
      : headline;

  return {
    section: {
      ...TEXT,
      badge: badge(status, label, detail),
      notes,
      plots: betas.map((b) => pcoaPlot(b, groups, exposure)),
      tables: [
        table(
          "permanova",
          "PERMANOVA",
          [
            ["metric", "Metric", "mono"],
            ["term", "Term", "mono"],
            ["df", "df", "int"],
            ["sum_of_squares", "Sum of squares", "num"],
            ["r2", "R\u00b2", "num"],
            ["F", "F", "num"],
            ["p", "p", "p"],
            ["permutations", "Permutations", "int"],
          ],
          permanovaRows,
        ),
        table(
          "permdisp",
          "PERMDISP (homogeneity of dispersion)",
          [
            ["metric", "Metric", "mono"],
            ["term", "Term", "mono"],
            ["F", "F", "num"],
            ["p", "p", "p"],
            ["permutations", "Permutations", "int"],
          ],
          permdispRows,
        ),
      ],
    },
    headline,
  };
}
