/** The report's stylesheet, inlined into the HTML (no external fonts or files). */
import { FONT } from "./theme.js";

export const REPORT_CSS = `
:root { --ink: #1f2328; --muted: #5b636e; --line: #d8dee4; --bg: #f6f8fa; --accent: #0072B2;
  --ok-bg: #dff3ea; --ok-ink: #00573f; --warn-bg: #fdefd3; --warn-ink: #7a4a00;
  --skip-bg: #eceff2; --skip-ink: #4a525b; }
* { box-sizing: border-box; }
html { scroll-behavior: smooth; }
body { margin: 0; font-family: ${FONT}; color: var(--ink); background: #fff; font-size: 15px; line-height: 1.5; }
.layout { display: flex; min-height: 100vh; }
nav.sidebar { position: sticky; top: 0; align-self: flex-start; width: 230px; flex: 0 0 230px; height: 100vh;
  overflow-y: auto; background: var(--bg); border-right: 1px solid var(--line); padding: 18px 14px; }
nav .brand { font-weight: 700; font-size: 17px; color: var(--accent); letter-spacing: .01em; }
nav .brand small { display: block; font-weight: 400; font-size: 12px; color: var(--muted); }
nav ul { list-style: none; margin: 16px 0 0; padding: 0; }
nav li { margin: 2px 0; }
nav a { display: flex; align-items: center; gap: 8px; padding: 5px 8px; border-radius: 6px; color: var(--ink); text-decoration: none; font-size: 14px; }
nav a:hover, nav a:focus { background: #e7ecf1; }
.dot { width: 9px; height: 9px; border-radius: 50%; flex: 0 0 9px; border: 1.5px solid #b8c0c8; }
.dot-ok { background: #009E73; border-color: #009E73; } .dot-warn { background: #E69F00; border-color: #E69F00; }
.dot-skipped { background: #b8c0c8; }
main a { color: var(--accent); }
main { flex: 1; min-width: 0; max-width: 1180px; padding: 24px 36px 60px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 0; }
h3 { font-size: 16px; margin: 20px 0 8px; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
.banner-simulated { background: #D55E00; color: #fff; font-weight: 700; padding: 12px 16px; border-radius: 8px;
  margin-bottom: 18px; font-size: 16px; letter-spacing: .02em; }
.banner-simulated span { display: block; font-weight: 400; font-size: 14px; letter-spacing: 0; }
section, header.run { border-bottom: 1px solid var(--line); padding: 22px 0; }
.section-head { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
.description { margin: 8px 0; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; font-size: 12.5px; font-weight: 600; white-space: nowrap; }
.badge-ok { background: var(--ok-bg); color: var(--ok-ink); }
.badge-warn { background: var(--warn-bg); color: var(--warn-ink); border: 1px solid #E69F00; }
.badge-skipped { background: var(--skip-bg); color: var(--skip-ink); }
dl.run-details { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 8px 0 12px; }
dl.run-details dt { color: var(--muted); }
dl.run-details dd { margin: 0; }
code, .mono, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace; font-size: 13px; }
.sha { font-size: 12px; word-break: break-all; color: var(--muted); }
details { margin: 10px 0; border: 1px solid var(--line); border-radius: 8px; background: #fbfcfd; }
details > summary { cursor: pointer; padding: 7px 12px; color: var(--accent); font-weight: 600; font-size: 14px; }
details > div { padding: 0 14px 10px; }
details h4 { margin: 10px 0 2px; font-size: 14px; }
details p { margin: 0 0 6px; }
pre { overflow-x: auto; padding: 10px 14px; margin: 0; }
.note { border-left: 4px solid #56B4E9; background: #eef7fc; padding: 8px 12px; margin: 10px 0; border-radius: 0 6px 6px 0; }
.note-warn { border-left-color: #E69F00; background: #fff6e5; }
figure.plot { margin: 16px 0; }
figure.plot figcaption { font-weight: 600; margin-bottom: 4px; }
figure.plot figcaption small { font-weight: 400; color: var(--muted); margin-left: 6px; }
.plot-svg { overflow-x: auto; }
.plot-svg svg { max-width: 100%; height: auto; }
.downloads { font-size: 13px; color: var(--muted); margin-top: 4px; }
.downloads a { color: var(--accent); }
.table-wrap { overflow-x: auto; margin: 12px 0 4px; }
table { border-collapse: collapse; font-size: 13.5px; min-width: 40%; }
caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.sig td { background: #f0f8f4; }
.more { font-size: 13px; color: var(--muted); }
ul.warnings li, ol.references li, ul.caveats li { margin: 4px 0; }
footer { color: var(--muted); font-size: 13px; padding: 20px 0; }
@media (max-width: 860px) { nav.sidebar { display: none; } main { padding: 16px; } }
@media print { nav.sidebar { display: none; } details { border: none; } }
`;
