/**
 * renderReportHtml: ReportModel -> one self-contained HTML file.
 *
 * Plots are rendered to static SVG at build time (render-svg.ts) and inlined, so the file shows
 * everything offline, from disk, in any browser, with no script at all. Each plot also offers its
 * data (TSV) and its Vega-Lite spec (JSON, data inline) as base64 `data:` downloads. The
 * full StudyResults are embedded as `<script type="application/json" id="gutresponse-results">`.
 * A Content-Security-Policy meta tag forbids scripts and every network fetch, as defence in depth.
 *
 * Every string from the model is escaped (escape.ts); the model itself holds plain text only.
 * Async (vega's dataflow is) and pure: no DOM, no I/O, so it also runs in a Web Worker.
 */
import type { StudyInput } from "../core/study/results.js";
import { type DataFile, dataUrl } from "./data-file.js";
import { escapeHtml as e, jsonForScript } from "./escape.js";
import { formatSignificant, formatP, formatPercent, MISSING } from "./format.js";
import { htmlHead } from "./html-head.js";
import type {
  CellFormat,
  ReportHeader,
  ReportModel,
  ReportPlot,
  ReportSection,
  ReportTable,
  SectionNote,
  StatusBadge,
} from "./model.js";
import { renderVegaLiteSvg } from "./render-svg.js";

function downloadLink(file: DataFile, label: string): string {
  return `<a download="${e(file.filename)}" href="${e(dataUrl(file))}">${e(label)}</a>`;
}

function badgeHtml(b: StatusBadge): string {
  return `<span class="badge badge-${b.status}" title="${e(b.detail)}">${e(b.label)}</span>`;
}

function cellHtml(value: string | number | boolean | null | undefined, format: CellFormat): string {
  if (value === null || value === undefined) return `<td class="num">${MISSING}</td>`;
  if (typeof value === "number") {
    const text =
      format === "p"
        ? formatP(value)
        : format === "percent"
          ? formatPercent(value)
          : formatSignificant(value);
    return `<td class="num">${e(text)}</td>`;
  }
  const cls = format === "mono" ? ` class="mono"` : "";
  return `<td${cls}>${e(String(value))}</td>`;
}

function tableHtml(t: ReportTable, fdr: number): string {
  const shown = t.maxRows === undefined ? t.rows : t.rows.slice(0, t.maxRows);
  const head = t.columns.map((c) => `<th scope="col">${e(c.label)}</th>`).join("");
  const body = shown
    .map((row) => {
      const q = row.q;
      const sig = typeof q === "number" && q < fdr ? ` class="sig"` : "";
      return `<tr${sig}>${t.columns.map((c) => cellHtml(row[c.key], c.format)).join("")}</tr>`;
    })
    .join("\n");
  const more =
    shown.length < t.rows.length
      ? `Showing ${shown.length} of ${t.rows.length} rows. `
      : t.rows.length === 0
        ? "No rows. "
        : "";
  return `<div class="table-wrap" id="table-${e(t.id)}"><table>
<caption>${e(t.caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table></div>
<div class="downloads more">${e(more)}Download: ${downloadLink(t.download, `${t.download.filename} (all rows, full precision)`)}</div>`;
}

function plotHtml(p: ReportPlot, svg: string): string {
  const labelled = svg.replace(/^<svg /, `<svg role="img" aria-label="${e(p.title)}" `);
  const spec: DataFile = {
    filename: `${p.id}.vl.json`,
    mime: "application/json",
    content: JSON.stringify(p.spec),
  };
  return `<figure class="plot" id="plot-${e(p.id)}">
<figcaption>${e(p.title)}<small>${e(p.caption)}</small></figcaption>
<div class="plot-svg">${labelled}</div>
<div class="downloads">Download: ${downloadLink(p.data, `data (${p.data.filename})`)} \u00b7 ${downloadLink(spec, "Vega-Lite spec (JSON)")}</div>
</figure>`;
}

function noteHtml(n: SectionNote): string {
  return `<div class="note note-${n.status}">${e(n.text)}</div>`;
}

function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${e(p)}</p>`)
    .join("");
}

export function sectionHtml(s: ReportSection, svgs: Map<ReportPlot, string>, fdr: number): string {
  return `<section id="${e(s.id)}">
<div class="section-head"><h2>${e(s.title)}</h2>${badgeHtml(s.badge)}</div>
<p class="description">${e(s.description)}</p>
<details class="help"><summary>How to read this \u00b7 method \u00b7 caveats</summary><div>
<h4>How to read this</h4>${paragraphs(s.help.howToRead)}
<h4>Method</h4>${paragraphs(s.help.method)}
<h4>Caveats</h4>${paragraphs(s.help.caveats)}
</div></details>
${s.notes.map(noteHtml).join("\n")}
${s.plots.map((p) => plotHtml(p, svgs.get(p)!)).join("\n")}
${s.tables.map((t) => tableHtml(t, fdr)).join("\n")}
</section>`;
}

function navHtml(model: ReportModel): string {
  const item = (id: string, title: string, status?: StatusBadge["status"]) =>
    `<li><a href="#${e(id)}"><span class="dot${status ? ` dot-${status}` : ""}"></span>${e(title)}</a></li>`;
  return `<nav class="sidebar" aria-label="Sections">
<div class="brand">gutresponse<small>v${e(model.header.version)} study report</small></div>
<ul>
${item("run", "Run details")}
${model.warnings.length > 0 ? item("warnings", `Warnings (${model.warnings.length})`, "warn") : ""}
${item("summary", "General summary")}
${model.sections.map((s) => item(s.id, s.title, s.badge.status)).join("\n")}
${item("methods", "Methods")}
${item("caveats", "Caveats")}
</ul></nav>`;
}

/** The table of input files (role, path, dimensions, sha256). */
export function inputsHtml(inputs: readonly StudyInput[]): string {
  const rows = inputs
    .map(
      (i) =>
        `<tr><td>${e(i.role)}</td><td class="mono">${e(i.path)}</td><td>${e(i.dims)}</td><td class="mono sha">${e(i.sha256)}</td></tr>`,
    )
    .join("\n");
  return `<div class="table-wrap"><table><caption>Inputs</caption>
<thead><tr><th>Role</th><th>Path</th><th>Dimensions</th><th>SHA-256</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

function headerHtml(h: ReportHeader): string {
  const banner = h.simulated
    ? `<div class="banner-simulated" role="alert">SIMULATED COHORT<span>These data were generated by the simulator to demonstrate the pipeline. They describe no real person and say nothing about the exposure studied.</span></div>`
    : "";
  return `${banner}<header class="run" id="run">
<h1>${e(h.title)}</h1>
<p class="subtitle">gutresponse ${e(h.version)} \u00b7 finished ${e(h.finishedAt)}</p>
<dl class="run-details">
<dt>Command</dt><dd><code>${e(h.command)}</code></dd>
<dt>Version</dt><dd>${e(h.version)}</dd>
<dt>Seed</dt><dd>${e(String(h.seed))}</dd>
<dt>Started</dt><dd>${e(h.startedAt)}</dd>
<dt>Finished</dt><dd>${e(h.finishedAt)}</dd>
<dt>Significance</dt><dd>q &lt; ${e(String(h.fdr))}</dd>
</dl>
${inputsHtml(h.inputs)}
<details><summary>Parameters (study configuration as run)</summary><pre>${e(h.configJson)}</pre></details>
</header>`;
}

export function warningsHtml(warnings: readonly string[]): string {
  if (warnings.length === 0) return "";
  return `<section id="warnings"><div class="section-head"><h2>Warnings</h2><span class="badge badge-warn">${warnings.length}</span></div>
<ul class="warnings">${warnings.map((w) => `<li>${e(w)}</li>`).join("\n")}</ul></section>`;
}

function summaryHtml(model: ReportModel): string {
  const overview = model.overview
    .map(
      (o) =>
        `<tr><td><a href="#${e(o.sectionId)}">${e(o.title)}</a></td><td>${badgeHtml(o.badge)}</td><td>${e(o.headline)}</td></tr>`,
    )
    .join("\n");
  return `<section id="summary">
<div class="section-head"><h2>General summary</h2></div>
${tableHtml(model.cohort, model.header.fdr)}
<div class="table-wrap"><table><caption>Results at a glance</caption>
<thead><tr><th>Analysis</th><th>Status</th><th>Headline</th></tr></thead>
<tbody>
${overview}
</tbody></table></div>
</section>`;
}

function methodsHtml(model: ReportModel): string {
  const refs = model.methods.references.map((r) => `<li>${e(r)}</li>`).join("\n");
  return `<section id="methods"><h2>Methods</h2>
${model.methods.paragraphs.map((p) => `<p>${e(p)}</p>`).join("\n")}
${refs ? `<h3>References</h3><ol class="references">${refs}</ol>` : ""}
</section>
<section id="caveats"><h2>Caveats</h2>
<ul class="caveats">${model.caveats.map((c) => `<li>${e(c)}</li>`).join("\n")}</ul>
</section>`;
}

/**
 * Renders the report as one self-contained HTML page: plots as static SVG (vega `toSVG`, no DOM),
 * downloads as `data:` URLs, no script needed.
 */
export async function renderReportHtml(model: ReportModel): Promise<string> {
  const plots = model.sections.flatMap((s) => s.plots);
  const svgs = new Map<ReportPlot, string>();
  for (const p of plots) svgs.set(p, await renderVegaLiteSvg(p.spec));
  const h = model.header;
  return `${htmlHead(h.simulated ? `[SIMULATED] ${h.title}` : h.title, h.version)}
<body>
<div class="layout">
${navHtml(model)}
<main>
${headerHtml(h)}
${warningsHtml(model.warnings)}
${summaryHtml(model)}
${model.sections.map((s) => sectionHtml(s, svgs, h.fdr)).join("\n")}
${methodsHtml(model)}
<footer>Generated by gutresponse ${e(h.version)}. This file is self-contained: it works offline and loads nothing from the network. Not medical advice.</footer>
</main>
</div>
<script type="application/json" id="gutresponse-results">${jsonForScript(model.results)}</script>
</body>
</html>
`;
}
