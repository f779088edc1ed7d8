/**
 * Confirmatory hypotheses section, first in the report and kept apart from the exploratory scan:
 * the pre-registered list with each test's estimate, p, Holm-adjusted p and verdict. Badge "warn"
 * when a hypothesis is not confirmed or could not be tested. Without hypotheses the section says
 * that every result of the report is exploratory.
 */
import type { StudyResults } from "../../core/study/results.js";
import { forestChart } from "../charts.js";
import { tsvFile } from "../data-file.js";
import type { ReportPlot, SectionNote } from "../model.js";
import type { BuiltSection, Rows, SectionText } from "./kit.js";
import { badge, plot, skippedSection, table, unique } from "./kit.js";
import type { HypothesisResults } from "../../core/study/hypotheses.js";

const EXPLORATORY =
  "Every other section of this report is an exploratory scan over many taxa: its hits are hypotheses for the next cohort, to be stated here (study.yaml `hypotheses:`) before those data are seen.";

const TEXT: SectionText = {
  id: "hypotheses",
  title: "Confirmatory hypotheses",
  description:
    "Hypotheses stated before the data were seen, each tested alone with the exploratory scan's model and corrected only for the length of this list (Holm).",
  help: {
    howToRead:
      "One row per pre-registered hypothesis. Direction is the side stated in advance (positive/negative for an outcome, up/down for the exposure; two-sided when none was stated). p is one-sided for a directional hypothesis; p (Holm) is adjusted across this list only; confirmed means p (Holm) is below the study's alpha. Estimates are on the scale of the analysis that answered them: log2 fold change for the exposure, the association model's scale for an outcome.",
    method:
      "Each hypothesis takes the exploratory scan's own test of that taxon (same covariates, compositional handling and contrast; with LinDA the compositional bias is still estimated from all taxa), halves the two-sided p on the stated side (1 \u2212 p/2 on the other side), and applies Holm's step-down adjustment across the list. A hypothesis that could not be tested counts as p = 1 in the family.",
    caveats:
      "Confirmation is only as good as the pre-registration: a hypothesis chosen after looking at these data is exploratory however it is labelled. A confirmed association is still not causal.",
  },
};

/** Estimate ± 1.96 SE of each testable hypothesis, coloured by target. */
function estimatesPlot(h: HypothesisResults): ReportPlot | null {
  const rows: Rows = h.rows
    .filter((r) => r.estimate !== null && r.se !== null)
    .map((r) => ({
      label: `${r.taxon} ~ ${r.target}`,
      taxon: r.taxon,
      outcome: r.target,
      estimate: r.estimate,
      se: r.se,
      confirmed: r.confirmed,
    }));
  if (rows.length === 0) return null;
  return plot(
    "hypotheses-forest",
    "Hypothesis estimates",
    "Each hypothesis's estimate with estimate \u00b1 1.96 SE (two-sided 95%); scales differ between targets (log2 fold change for the exposure, the association model's scale for an outcome).",
    forestChart(rows, unique(rows.map((r) => r.outcome as string))),
    tsvFile("hypotheses_forest.tsv", ["taxon", "outcome", "estimate", "se", "confirmed"], rows),
  );
}

export function buildHypothesesSection(results: StudyResults): BuiltSection {
  const h = results.hypotheses;
  if (!h) {
    const section = skippedSection(TEXT);
    return {
      section: {
        ...section,
        badge: badge("skipped", "none stated", "No hypotheses were stated in study.yaml."),
        notes: [
          {
            status: "info",
            text: `This analysis did not run: no hypotheses were stated in study.yaml. ${EXPLORATORY}`,
          },
        ],
      },
      headline: "none stated: every result is exploratory",
    };
  }
  const confirmed = h.rows.filter((r) => r.confirmed === "yes");
  const untested = h.rows.filter((r) => r.p === null);
  const headline = `${confirmed.length} of ${h.rows.length} confirmed (Holm across ${h.rows.length}, alpha ${h.alpha})${confirmed.length > 0 ? `: ${confirmed.map((r) => `${r.taxon} ~ ${r.target}`).join("; ")}` : ""}.`;
  const notes: SectionNote[] = [{ status: "info", text: EXPLORATORY }];
  if (untested.length > 0) {
    notes.push({
      status: "warn",
      text: `${untested.map((r) => r.taxon).join(", ")} could not be tested (not in the scan, e.g. below the prevalence filter); counted as not confirmed.`,
    });
  }
  return {
    section: {
      ...TEXT,
      badge: badge(
        confirmed.length === h.rows.length ? "ok" : "warn",
        `${confirmed.length}/${h.rows.length} confirmed`,
        headline,
      ),
      notes,
      plots: [estimatesPlot(h)].filter((p): p is ReportPlot => p !== null),
      tables: [
        table(
          "hypotheses",
          `Pre-registered hypotheses (exposure hypotheses answered by ${h.daMethod}; confirmed when p (Holm) < ${h.alpha})`,
          [
            ["taxon", "Taxon", "mono"],
            ["target", "Target", "mono"],
            ["direction", "Direction", "text"],
            ["estimate", "Estimate", "num"],
            ["se", "SE", "num"],
            ["p", "p", "p"],
            ["p_adjusted", "p (Holm)", "p"],
            ["confirmed", "Confirmed", "text"],
          ],
          h.rows.map((r) => ({ ...r })),
        ),
      ],
    },
    headline,
  };
}
