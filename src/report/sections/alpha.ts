/** Alpha diversity section: per-sample metric values by group (box + points) and the group tests. */
import type { StudyResults } from "../../core/study/results.js";
import { boxStripChart, jitter } from "../charts.js";
import { tsvFile } from "../data-file.js";
import { formatP } from "../format.js";
import type { BuiltSection, Rows, SectionText } from "./kit.js";
import { badge, isSignificant, plot, skippedSection, table } from "./kit.js";

const TEXT: SectionText = {
  id: "alpha",
  title: "Alpha diversity",
  description:
    "Within-sample diversity (richness and evenness) of each participant's gut community, compared between exposure groups.",
  help: {
    howToRead:
      "Each panel is one metric; each point is one sample, boxes span the quartiles with the median line and whiskers to the extremes. The table tests whether the metric differs between groups; q is the p-value adjusted for the number of tests.",
    method:
      "Metrics were computed on the (optionally rarefied) count table. Group differences were tested with the test named in each row, with false-discovery-rate adjustment across metrics.",
    caveats:
      "Richness estimates depend on sequencing depth: compare groups only when depths are similar or the table was rarefied. Diversity differences are associations and can reflect diet, medication or other confounders.",
  },
};

/** Names of the alpha tests (alpha-step.ts `test` values) in the headline; unknown ids as they are. */
const TEST_NAMES: Record<string, string> = {
  wilcoxon_rank_sum: "Wilcoxon rank-sum",
  kruskal_wallis: "Kruskal\u2013Wallis",
  ols_partial_f: "adjusted linear model",
  lmm_satterthwaite_f: "mixed model, random intercept per subject",
};

export function buildAlphaSection(results: StudyResults): BuiltSection {
  const alpha = results.alpha;
  if (!alpha) return { section: skippedSection(TEXT), headline: "not run" };
  const { fdr } = results.meta;
  const groups = results.summary.groups.map((g) => g.group);

  const long: Rows = [];
  for (const metric of alpha.metrics) {
    for (const row of alpha.values) {
      const value = row.values[metric] ?? null;
      if (value !== null) long.push({ sample_id: row.sampleId, group: row.group, metric, value });
    }
  }
  const chartRows: Rows = long.map((r, i) => ({
    panel: r.metric!,
    group: r.group!,
    value: r.value!,
    jitter: jitter(i),
  }));
  const spec = boxStripChart({
    rows: chartRows,
    groups,
    groupTitle: results.summary.exposure,
    yTitle: "value",
    // Only metrics with a value get a panel (a metric undefined for every sample would be empty).
    panels: alpha.metrics.filter((m) => long.some((r) => r.metric === m)),
  });
  const data = tsvFile("alpha_values.tsv", ["sample_id", "group", "metric", "value"], long);

  const tests = table(
    "alpha_tests",
    "Group comparisons of alpha diversity",
    [
      ["metric", "Metric", "mono"],
      ["term", "Term", "mono"],
      ["test", "Test", "text"],
      ["statistic", "Statistic", "num"],
      ["p", "p", "p"],
      ["q", "q", "p"],
    ],
    alpha.tests.map((t) => ({ ...t })),
  );
  const significant = alpha.tests.filter((t) => isSignificant(t.q, fdr));
  const headline =
    significant.length === 0
      ? `No metric differs between groups (all q \u2265 ${fdr}).`
      : `Differs between groups: ${significant
          .map((t) => `${t.metric} by ${TEST_NAMES[t.test] ?? t.test} (q = ${formatP(t.q)})`)
          .join(", ")}.`;
  return {
    section: {
      ...TEXT,
      badge: badge("ok", `${significant.length}/${alpha.tests.length} tests q < ${fdr}`, headline),
      notes: [],
      plots: [plot("alpha-plot", "Alpha diversity by group", "One panel per metric.", spec, data)],
      tables: [tests],
    },
    headline,
  };
}
