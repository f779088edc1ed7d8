/**
 * renderMetaHtml: MetaResults (src/core/meta/pool-cohorts.ts) -> one self-contained HTML page, the
 * report of `gutresponse meta`. Same look, escaping, Content-Security-Policy (no script, no
 * network), section layout with downloads (render-html.ts `sectionHtml`) and static-SVG forest
 * plots (charts.ts `forestChart`, render-svg.ts) as the study report. Sections: the cohorts and
 * their settings, heterogeneity per family of tests, the top pooled taxa, a forest plot per top
 * taxon, the taxa not pooled, methods (fixed effect, DerSimonian–Laird, REML, BH) with
 * references, and the caveats. Display only: every number comes from MetaResults.
 */
import type { MetaFamily, MetaResults, MetaRow } from "../core/meta/pool-cohorts.js";
import type { StudyInput } from "../core/study/results.js";
import { forestChart } from "./charts.js";
import { escapeHtml as e } from "./escape.js";
import { formatSignificant } from "./format.js";
import { htmlHead } from "./html-head.js";
import type { ReportPlot, ReportSection } from "./model.js";
import { renderVegaLiteSvg } from "./render-svg.js";
import { inputsHtml, sectionHtml, warningsHtml } from "./render-html.js";
import { badge, byNullable, plot, type Rows, table } from "./sections/kit.js";
import { tsvFile } from "./data-file.js";

/**
 * What names a meta-analysis run in its report: command, version, times and the inputs with their checksums.
 */
export interface MetaReportMeta {
  command: string;
  version: string;
  startedAt: string;
  finishedAt: string;
  inputs: StudyInput[];
}

/** Options of {@link renderMetaHtml}. */
export interface MetaReportOptions {
  /** How many pooled taxa get a row in the top table and a forest plot (default 10). */
  top?: number;
}

const POOLED = ["fixed effect", "random effects (DL)", "random effects (REML)"] as const;
const CATEGORIES = ["cohort", ...POOLED];

function familyLabel(f: MetaFamily): string {
  const what =
    f.analysis === "differential_abundance"
      ? `DA ${f.method}`
      : `${f.outcome} ~ taxon (${f.method}, ${f.scale})`;
  return f.contrast ? `${what}, ${f.contrast}` : what;
}

function cohortsSection(r: MetaResults): ReportSection {
  const rows: Rows = r.cohorts.map((c) => ({
    cohort: c.name,
    rank: c.settings.rank,
    methods: c.settings.daMethods.join(", "),
    exposure: `${c.settings.exposure} (reference ${c.settings.reference})`,
    covariates: c.settings.covariates.join(", ") || "none",
    outcomes: [...c.settings.outcomes, ...c.settings.dose.map((d) => `${d} (dose)`)].join(", ") || "none",
    estimates: c.estimates,
    simulated: c.settings.simulated ? "yes" : "no",
  }));
  const mixed = r.warnings.some((w) => w.includes(" adjusts for "));
  return {
    id: "cohorts",
    title: "Cohorts",
    description: `${r.cohorts.length} cohorts' results folders, checked to share the analysis rank, differential-abundance methods, exposure, reference level and contrast, and outcomes.`,
    badge: mixed
      ? badge(
          "warn",
          "covariates differ",
          "The cohorts adjusted for different covariates (see the warnings).",
        )
      : badge("ok", "compatible", "Same rank, methods, exposure and contrast in every cohort."),
    help: {
      howToRead: "One row per cohort, as its results folder's provenance.json records the run.",
      method:
        "The settings are read from each run's resolved configuration; any mismatch in rank, methods, exposure, contrast or outcomes stops the meta-analysis with an error naming the cohort.",
      caveats:
        "Cohorts may differ in population, sequencing and processing; the meta-analysis pools their estimates but does not correct their raw data for these differences.",
    },
    notes: [],
    plots: [],
    tables: [
      table(
        "meta_cohorts",
        "Cohorts pooled",
        [
          ["cohort", "Cohort (results folder)", "mono"],
          ["rank", "Rank", "text"],
          ["methods", "DA methods", "text"],
          ["exposure", "Exposure", "text"],
          ["covariates", "Covariates", "text"],
          ["outcomes", "Outcomes", "text"],
          ["estimates", "Estimates read", "int"],
          ["simulated", "Simulated", "text"],
        ],
        rows,
      ),
    ],
  };
}

function heterogeneitySection(r: MetaResults): ReportSection {
  const rows: Rows = r.families.map((f) => ({
    family: familyLabel(f),
    pooled: f.pooled,
    not_pooled: f.notPooled,
    reml_hits: f.remlHits,
    heterogeneous: f.heterogeneous,
    median_i2: f.medianI2,
  }));
  const total = r.families.reduce((s, f) => s + f.heterogeneous, 0);
  return {
    id: "heterogeneity",
    title: "Heterogeneity",
    description: `Per family of tests: taxa pooled, taxa significant after pooling (REML, BH q < ${r.fdr}), and how much the cohorts disagree (Cochran's Q test, I²).`,
    badge:
      total > 0
        ? badge(
            "warn",
            `${total} heterogeneous`,
            "Some taxa's cohort estimates disagree beyond chance (Q test p < 0.05).",
          )
        : badge("ok", "no significant heterogeneity", "No taxon's Q test has p < 0.05."),
    help: {
      howToRead:
        "I² is the share of the spread among cohort estimates due to real between-cohort differences rather than sampling error (0% none; above 50% substantial). A small Q-test p says the cohorts disagree beyond chance.",
      method:
        "Cochran's Q with k − 1 degrees of freedom; I² = 100 τ²/(ṽ + τ²) with the REML τ² and the typical within-cohort variance ṽ (metafor's definition).",
      caveats:
        "With few cohorts the Q test has little power and τ² is imprecise: no heterogeneity detected is not evidence of homogeneity.",
    },
    notes: [],
    plots: [],
    tables: [
      table(
        "meta_heterogeneity",
        "Heterogeneity by family of tests",
        [
          ["family", "Family of tests", "text"],
          ["pooled", "Taxa pooled", "int"],
          ["not_pooled", "Not pooled", "int"],
          ["reml_hits", `REML q < ${r.fdr}`, "int"],
          ["heterogeneous", "Q test p < 0.05", "int"],
          ["median_i2", "Median I² (%)", "num"],
        ],
        rows,
      ),
    ],
  };
}

function topRows(r: MetaResults): MetaRow[] {
  return [...r.rows].sort(byNullable((x) => x.meta.reml.pooled?.p ?? null));
}

function topSection(sorted: MetaRow[], r: MetaResults, top: number): ReportSection {
  const rows: Rows = sorted.map((x) => {
    const reml = x.meta.reml.pooled;
    return {
      taxon: x.taxon,
      family: familyLabel(x),
      k: x.meta.k,
      estimate: reml?.estimate ?? null,
      ci_low: reml?.ciLow ?? null,
      ci_high: reml?.ciHigh ?? null,
      p: reml?.p ?? null,
      q: Number.isNaN(x.q.REML) ? null : x.q.REML,
      tau2: reml?.tau2 ?? null,
      i2: reml?.i2 ?? null,
      cochran_q_p: x.meta.qP,
      dl_estimate: x.meta.dl.estimate,
      dl_q: x.q.DL,
      fixed_estimate: x.meta.fixed.estimate,
    };
  });
  const hits = sorted.filter((x) => x.q.REML < r.fdr).length;
  return {
    id: "pooled",
    title: "Pooled taxa",
    description: `${sorted.length} taxon × family results pooled; ${hits} with REML q < ${r.fdr}. Sorted by the REML p-value; the download holds every row.`,
    badge:
      hits > 0
        ? badge("ok", `${hits} at q < ${r.fdr}`, "Pooled associations at the FDR level.")
        : badge("ok", "none at the FDR level", "No pooled taxon passes the FDR level."),
    help: {
      howToRead:
        "Estimate: the pooled effect on the cohorts' scale (DA: log2 fold change of the exposure contrast; associations: the outcome model's coefficient per unit CLR), with its 95% confidence interval. Rows with q below the FDR level are highlighted.",
      method:
        "Random effects by REML (metafor's default and MMUPHin's); DerSimonian–Laird and fixed-effect estimates are given for comparison. z tests; BH across the taxa of each family.",
      caveats:
        "Pooled estimates are associations in observational cohorts, not causal effects; a significant pooled effect with large I² is an average over cohorts that disagree.",
    },
    notes: [],
    plots: [],
    tables: [
      table(
        "meta_pooled",
        "Pooled estimates (REML), strongest first",
        [
          ["taxon", "Taxon", "text"],
          ["family", "Family of tests", "text"],
          ["k", "Cohorts", "int"],
          ["estimate", "Estimate", "num"],
          ["ci_low", "95% CI low", "num"],
          ["ci_high", "95% CI high", "num"],
          ["p", "p", "p"],
          ["q", "q (BH)", "p"],
          ["tau2", "τ²", "num"],
          ["i2", "I² (%)", "num"],
          ["cochran_q_p", "Q test p", "p"],
          ["dl_estimate", "DL estimate", "num"],
          ["dl_q", "DL q", "p"],
          ["fixed_estimate", "Fixed-effect estimate", "num"],
        ],
        rows,
        top,
      ),
    ],
  };
}

/** Short cohort labels for plots: the folder paths without the leading folders they all share. */
export function shortCohortLabels(names: readonly string[]): Map<string, string> {
  const parts = names.map((n) => n.split("/"));
  let common = 0;
  while (parts.every((p) => p.length > common + 1 && p[common] === parts[0]![common])) common++;
  return new Map(names.map((n, i) => [n, parts[i]!.slice(common).join("/")]));
}

function forestPlot(x: MetaRow, index: number, labels: Map<string, string>): ReportPlot {
  const weights = x.meta.reml.pooled?.weights;
  const rows: Rows = x.inputs.map((i, c) => ({
    label: `${labels.get(i.cohort) ?? i.cohort}${weights ? ` (${formatSignificant(weights[c]!)}%)` : ""}`,
    estimate: i.estimate,
    se: i.se,
    outcome: "cohort",
  }));
  const pooled = [x.meta.fixed, x.meta.dl, x.meta.reml.pooled];
  pooled.forEach((p, m) => {
    if (p) rows.push({ label: POOLED[m]!, estimate: p.estimate, se: p.se, outcome: POOLED[m]! });
  });
  const data = tsvFile(`meta_forest_${index + 1}.tsv`, ["label", "estimate", "se", "outcome"], rows);
  return plot(
    `meta_forest_${index + 1}`,
    `${x.taxon}: ${familyLabel(x)}`,
    `estimate ± 1.96 SE per cohort and pooled; I² ${formatSignificant(x.meta.reml.pooled?.i2 ?? null)}%, Q test p ${formatSignificant(x.meta.qP)}`,
    forestChart(rows, CATEGORIES, "source"),
    data,
  );
}

function forestSection(sorted: MetaRow[], top: number, cohorts: readonly string[]): ReportSection {
  const shown = sorted.slice(0, top);
  const labels = shortCohortLabels(cohorts);
  return {
    id: "forest",
    title: "Forest plots",
    description: `The ${shown.length} pooled taxa with the smallest REML p-values: each cohort's estimate and the pooled estimates.`,
    badge: badge("ok", `${shown.length} plots`, "One forest plot per top taxon."),
    help: {
      howToRead:
        "Each row is a cohort's estimate with its 95% interval (± 1.96 standard errors); the bottom rows are the fixed-effect and the two random-effects pooled estimates. The dashed line is no effect. The percentage after each cohort is its REML inverse-variance weight; cohorts are named by their folders, without the leading folders they all share.",
      method: "Same estimates as the pooled table; intervals drawn as estimate ± 1.96 SE.",
      caveats:
        "A pooled estimate far from some cohorts' estimates signals heterogeneity: read it as an average, not as the effect in each population.",
    },
    notes: [],
    plots: shown.map((x, i) => forestPlot(x, i, labels)),
    tables: [],
  };
}

function notPooledSection(r: MetaResults): ReportSection {
  const rows: Rows = r.notPooled.map((n) => ({
    taxon: n.taxon,
    family: familyLabel(n),
    cohorts: n.cohorts.join(", ") || "none",
    reason: n.reason,
  }));
  return {
    id: "not-pooled",
    title: "Taxa not pooled",
    description: `${rows.length} taxon × family results had a usable estimate in fewer than ${r.minCohorts} cohorts (filtered out by a cohort's prevalence cut, absent, or without a standard error). They are listed, not pooled.`,
    badge:
      rows.length > 0
        ? badge("warn", `${rows.length} not pooled`, "Some taxa were estimated in too few cohorts.")
        : badge("ok", "all pooled", "Every taxon was estimated in enough cohorts."),
    help: {
      howToRead: "The cohorts column names the cohorts that did estimate the taxon.",
      method: `A taxon is pooled when at least ${r.minCohorts} cohorts give an estimate with a finite, positive standard error (--min-cohorts).`,
      caveats:
        "A taxon missing from a cohort is not evidence that it is absent there; it may have failed that cohort's prevalence filter.",
    },
    notes: [],
    plots: [],
    tables: [
      table(
        "meta_not_pooled",
        "Taxa not pooled",
        [
          ["taxon", "Taxon", "text"],
          ["family", "Family of tests", "text"],
          ["cohorts", "Cohorts with an estimate", "mono"],
          ["reason", "Reason", "text"],
        ],
        rows,
        25,
      ),
    ],
  };
}

const METHODS = (r: MetaResults) => [
  `Each cohort was analysed on its own with gutresponse run; this report pools the cohorts' per-taxon estimates and standard errors (differential abundance: each method's log2 fold change for the exposure contrast; associations: each outcome model's coefficient per unit CLR). For every taxon estimated in at least ${r.minCohorts} cohorts, a fixed-effect (inverse-variance) estimate and two random-effects estimates were computed: the between-cohort variance τ² by DerSimonian–Laird (method of moments, truncated at 0) and by restricted maximum likelihood (REML, Fisher scoring from the Hedges estimate, convergence threshold 1e-5, at most 100 steps), as R metafor::rma with method "DL" and "REML" and its defaults. Pooled estimates are tested with z tests, with 95% confidence intervals.`,
  `Heterogeneity: Cochran's Q test (k − 1 degrees of freedom), τ², I² and H² as metafor defines them. Multiple testing: Benjamini–Hochberg across the taxa of each family (one DA method and contrast, or one outcome), separately for each model; results with REML q < ${r.fdr} are highlighted. The pooled estimates follow MMUPHin's lm_meta (per-study estimates pooled by metafor rma, REML by default); unlike MMUPHin, the cohorts' raw counts are not batch-corrected.`,
];

const REFERENCES = [
  "DerSimonian R, Laird N (1986) Meta-analysis in clinical trials. Control Clin Trials 7:177–188. doi:10.1016/0197-2456(86)90046-2",
  "Viechtbauer W (2005) Bias and efficiency of meta-analytic variance estimators in the random-effects model. J Educ Behav Stat 30:261–293. doi:10.3102/10769986030003261",
  "Viechtbauer W (2010) Conducting meta-analyses in R with the metafor package. J Stat Softw 36(3). doi:10.18637/jss.v036.i03",
  "Higgins JPT, Thompson SG (2002) Quantifying heterogeneity in a meta-analysis. Stat Med 21:1539–1558. doi:10.1002/sim.1186",
  "Benjamini Y, Hochberg Y (1995) Controlling the false discovery rate. J R Stat Soc B 57:289–300. doi:10.1111/j.2517-6161.1995.tb02031.x",
  "Ma S, Shungin D, Mallick H, et al. (2022) Population structure discovery in meta-analyzed microbial communities and inflammatory bowel disease using MMUPHin. Genome Biol 23:208. doi:10.1186/s13059-022-02618-5",
];

const CAVEATS = [
  "Every cohort is observational: pooled estimates are associations, not causal effects, and pooling many cohorts does not turn an association into a cause. No causal claim is made.",
  "Cohorts differ in population, diet, medication, sequencing and processing. Random effects allow the true effect to vary between cohorts; a large I² means the pooled estimate is an average over disagreeing cohorts, not the effect in any one population.",
  "With few cohorts (k = 2 or 3), τ² and I² are very imprecise and the random-effects interval may be too narrow; the fixed-effect and DL results are given for comparison.",
  "Raw counts are not batch-corrected across cohorts (unlike MMUPHin's adjust_batch); each cohort's estimate comes from its own compositional analysis.",
  "Taxa filtered out in some cohorts are pooled over fewer cohorts (the k column) or listed as not pooled.",
  "Not medical advice.",
];

/** The whole page; `meta` names the run (command, inputs with sha256, times). */
export async function renderMetaHtml(
  results: MetaResults,
  meta: MetaReportMeta,
  options: MetaReportOptions = {},
): Promise<string> {
  const top = options.top ?? 10;
  const sorted = topRows(results);
  const sections = [
    cohortsSection(results),
    heterogeneitySection(results),
    topSection(sorted, results, top),
    forestSection(
      sorted,
      top,
      results.cohorts.map((c) => c.name),
    ),
    notPooledSection(results),
  ];
  const svgs = new Map<ReportPlot, string>();
  for (const p of sections.flatMap((s) => s.plots)) svgs.set(p, await renderVegaLiteSvg(p.spec));
  const simulated = results.cohorts.some((c) => c.settings.simulated);
  const title = `Meta-analysis of ${results.cohorts.length} cohorts`;
  const banner = simulated
    ? `<div class="banner-simulated" role="alert">SIMULATED COHORTS<span>At least one cohort was generated by the simulator. Its data describe no real person.</span></div>`
    : "";
  return `${htmlHead(simulated ? `[SIMULATED] ${title}` : title, meta.version)}
<body>
<main>
${banner}<header class="run" id="run">
<h1>${e(title)}</h1>
<p class="subtitle">gutresponse ${e(meta.version)} \u00b7 finished ${e(meta.finishedAt)}</p>
<div class="note" role="note">Pooled estimates of observational cohorts: associations, not causes. Random effects allow the effect to differ between cohorts; read the heterogeneity before the pooled estimate.</div>
<dl class="run-details">
<dt>Command</dt><dd><code>${e(meta.command)}</code></dd>
<dt>Started</dt><dd>${e(meta.startedAt)}</dd>
<dt>Finished</dt><dd>${e(meta.finishedAt)}</dd>
<dt>Significance</dt><dd>REML q &lt; ${e(String(results.fdr))}</dd>
<dt>Minimum cohorts per taxon</dt><dd>${e(String(results.minCohorts))}</dd>
</dl>
${inputsHtml(meta.inputs)}
</header>
${warningsHtml(results.warnings)}
${sections.map((s) => sectionHtml(s, svgs, results.fdr)).join("\n")}
<section id="methods"><h2>Methods</h2>
${METHODS(results)
  .map((p) => `<p>${e(p)}</p>`)
  .join("\n")}
<h3>References</h3><ol class="references">${REFERENCES.map((r) => `<li>${e(r)}</li>`).join("\n")}</ol>
</section>
<section id="caveats"><h2>Caveats</h2>
<ul class="caveats">${CAVEATS.map((c) => `<li>${e(c)}</li>`).join("\n")}</ul>
</section>
<footer>Generated by gutresponse ${e(meta.version)}. This file is self-contained: it works offline and loads nothing from the network. Not medical advice.</footer>
</main>
</body>
</html>
`;
}
