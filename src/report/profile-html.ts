/**
 * renderProfileHtml: a PersonalProfile (src/core/profile/personal-profile.ts) -> one self-contained
 * HTML page. Same look, escaping, Content-Security-Policy (no script, no network) and static-SVG
 * plots as the study report (render-html.ts, escape.ts, styles.ts, render-svg.ts, charts.ts); the
 * whole profile is embedded as `<script type="application/json" id="gutresponse-profile">` (never
 * executed: the CSP forbids scripts). Every user string (sample ID, taxon and target names) goes
 * through escapeHtml. Async because the plot renderer is.
 */
import type { PersonalProfile } from "../core/profile/personal-profile.js";
import { ordinal } from "../core/profile/personal-profile.js";
import type { FeatureContribution } from "../core/models/predict-one.js";
import { importanceChart } from "./charts.js";
import { escapeHtml as e, jsonForScript } from "./escape.js";
import { formatSignificant, formatP, formatPercent, MISSING } from "./format.js";
import { htmlHead } from "./html-head.js";
import { renderVegaLiteSvg } from "./render-svg.js";

function row(cells: readonly string[]): string {
  return `<tr>${cells.join("")}</tr>`;
}

const td = (text: string, numeric = false) => `<td${numeric ? ` class="num"` : ""}>${e(text)}</td>`;
const pctOrMissing = (x: number | null) => (x === null ? MISSING : ordinal(x));

function tableHtml(caption: string, head: readonly string[], rows: readonly string[]): string {
  return `<div class="table-wrap"><table><caption>${e(caption)}</caption>
<thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join("")}</tr></thead>
<tbody>
${rows.length > 0 ? rows.join("\n") : `<tr><td colspan="${head.length}">None.</td></tr>`}
</tbody></table></div>`;
}

function predictionHtml(p: PersonalProfile): string {
  const pr = p.prediction;
  const show = (x: number) => (pr.kind === "risk" ? formatPercent(x) : formatSignificant(x));
  const level = pr.intervalLevel === null ? "" : ` ${formatPercent(pr.intervalLevel)}`;
  const perf = p.performance;
  const metric = perf.metric === "auroc" ? "AUROC" : "R²";
  return tableHtml(
    "Prediction",
    ["Quantity", "Value"],
    [
      row([
        td(pr.kind === "risk" ? `Risk of ${p.target}` : `Predicted ${p.target}`),
        td(show(pr.value), true),
      ]),
      row([
        td(`Interval (${pr.intervalMethod}${level})`),
        td(`${show(pr.lower)} to ${show(pr.upper)}`, true),
      ]),
      row([
        td(`Model (${p.modelType}) cross-validated ${metric}`),
        td(formatSignificant(perf.estimate), true),
      ]),
      row([
        td("95% CI"),
        td(`${formatSignificant(perf.ci_low)} to ${formatSignificant(perf.ci_high)}`, true),
      ]),
      row([td("Permutation p (better than chance)"), td(formatP(perf.null_p), true)]),
    ],
  );
}

function keyTaxaHtml(p: PersonalProfile): string {
  return tableHtml(
    "Key taxa of the model: this person's level among the study cohort",
    ["Taxon", "Relative abundance", "CLR", "Cohort percentile"],
    p.keyTaxa.map((k) =>
      row([
        td(k.name),
        td(`${formatSignificant(100 * k.relativeAbundance)}%`, true),
        td(formatSignificant(k.clr), true),
        td(ordinal(k.cohortPercentile), true),
      ]),
    ),
  );
}

function diversityHtml(p: PersonalProfile): string {
  const d = p.diversity;
  const ref = d.template
    ? `<p class="description">Reference: ${d.template.n} adult stool profiles (median Shannon ${e(formatSignificant(d.template.shannonMedian))}). ${e(d.template.source)}</p>`
    : "";
  return `${tableHtml(
    "Gut diversity",
    ["Index", "Value", "Study cohort percentile", "Reference profiles percentile"],
    [
      row([
        td("Shannon (nats)"),
        td(formatSignificant(d.shannon), true),
        td(pctOrMissing(d.shannonCohortPercentile), true),
        td(pctOrMissing(d.shannonTemplatePercentile), true),
      ]),
      row([
        td("Observed features"),
        td(formatSignificant(d.observed), true),
        td(pctOrMissing(d.observedCohortPercentile), true),
        td(MISSING, true),
      ]),
    ],
  )}${ref}`;
}

async function driversHtml(p: PersonalProfile): Promise<string> {
  const all: FeatureContribution[] = [...p.drivers.up, ...p.drivers.down];
  if (all.length === 0) return `<p>No taxon moved this prediction.</p>`;
  const rows = all.map((c) => ({
    panel: p.target,
    feature: c.name,
    importance: c.contribution,
    direction: c.contribution > 0 ? "positive" : "negative",
  }));
  const svg = await renderVegaLiteSvg(importanceChart(rows, [p.target]));
  const labelled = svg.replace(
    /^<svg /,
    `<svg role="img" aria-label="${e(`Contributions to the prediction of ${p.target}`)}" `,
  );
  const scale =
    p.task === "continuous"
      ? `${p.target} units`
      : p.modelType === "elastic_net"
        ? "log-odds"
        : "probability";
  return `<figure class="plot"><figcaption>Taxa that pushed this prediction up (positive) or down (negative)<small>contribution on the ${e(scale)} scale, relative to the cohort average</small></figcaption>
<div class="plot-svg">${labelled}</div></figure>
${tableHtml(
  "Contributions",
  ["Taxon", "Direction", "Contribution", "Value (CLR)"],
  all.map((c) =>
    row([
      td(c.name),
      td(c.contribution > 0 ? "up" : "down"),
      td(formatSignificant(c.contribution), true),
      td(formatSignificant(c.value), true),
    ]),
  ),
)}`;
}

function hypothesesHtml(p: PersonalProfile): string {
  const items = p.hypotheses.map((h) => `<li>${e(h.text)}</li>`).join("\n");
  return `<p class="description">Assuming ${e(p.better)} ${e(p.target)} is the better outcome. These are associations in the study cohort, for researchers to test; they are not advice.</p>
<ul class="caveats">${items || "<li>None.</li>"}</ul>`;
}

/** `version`: the gutresponse version named in the page (the CLI passes its own). */
export async function renderProfileHtml(p: PersonalProfile, version: string): Promise<string> {
  const first = p.statements[0] ?? "";
  const rest = p.statements.slice(1);
  const lead = `<div class="note${p.performance.betterThanChance ? "" : " note-warn"}" role="note"><strong>${e(first)}</strong></div>`;
  return `${htmlHead(`Personal profile: ${p.sampleId} (${p.target})`, version)}
<body>
<main>
<header class="run" id="run">
<h1>${e(`Personal profile: ${p.sampleId}`)}</h1>
<p class="subtitle">${e(`Target: ${p.target} · model: ${p.modelType}`)}</p>
${lead}
<ul>${rest.map((s) => `<li>${e(s)}</li>`).join("\n")}</ul>
</header>
<section id="prediction"><h2>Prediction</h2>${predictionHtml(p)}</section>
<section id="taxa"><h2>Where this person's key taxa sit</h2>${keyTaxaHtml(p)}</section>
<section id="diversity"><h2>Gut diversity</h2>${diversityHtml(p)}</section>
<section id="drivers"><h2>What moved this prediction</h2>${await driversHtml(p)}</section>
<section id="hypotheses"><h2>Taxa linked to outcomes in the cohort (hypotheses)</h2>${hypothesesHtml(p)}</section>
<section id="caveats"><h2>Caveats</h2><ul class="caveats">${p.caveats.map((c) => `<li>${e(c)}</li>`).join("\n")}</ul></section>
${p.warnings.length > 0 ? `<section id="warnings"><h2>Warnings</h2><ul class="warnings">${p.warnings.map((w) => `<li>${e(w)}</li>`).join("\n")}</ul></section>` : ""}
<footer>Generated by gutresponse ${e(version)}. This file is self-contained: it works offline and loads nothing from the network. Not medical advice.</footer>
</main>
<script type="application/json" id="gutresponse-profile">${jsonForScript(p)}</script>
</body>
</html>
`;
}
