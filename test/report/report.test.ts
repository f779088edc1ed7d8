/**
 * The HTML report on a hand-built StudyResults (fixture.ts) with every section: structure, strict
 * HTML parsing (parse5 reports no parse error), no network references, escaping of hostile user
 * strings, downloads that decode to the plotted data, badges, and skipped sections.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { StudyResults } from "../../src/core/study/results.js";
import { buildReportModel } from "../../src/report/build-model.js";
import { renderReportHtml } from "../../src/report/render-html.js";
import { fixtureResults, XSS_CONFIG, XSS_SAMPLE, XSS_TAXON } from "./fixture.js";
import { attr, byId, type Document, decodeDataUrl, elements, parseStrict, textContent } from "./html-tree.js";

const SECTION_IDS = [
  "hypotheses",
  "alpha",
  "beta",
  "differential-abundance",
  "associations",
  "sensitivity",
  "prediction",
];

function minimalResults(): StudyResults {
  const { meta, summary, methods } = fixtureResults();
  return {
    meta: { ...meta, simulated: false },
    warnings: ["No tree: UniFrac and Faith PD skipped."],
    summary,
    methods,
  };
}

describe("renderReportHtml (fixture with every section)", () => {
  let html: string;
  let doc: Document;

  beforeAll(async () => {
    html = await renderReportHtml(buildReportModel(fixtureResults()));
    const parsed = parseStrict(html);
    expect(parsed.errors.map((e) => `${e.code} at ${e.startLine}:${e.startCol}`)).toEqual([]);
    doc = parsed.document;
  });

  it("has the fixed skeleton: nav, run header, general summary, every section, methods, caveats", () => {
    for (const id of ["run", "warnings", "summary", ...SECTION_IDS, "methods", "caveats"]) {
      expect(byId(doc, id), id).toBeDefined();
    }
    const navLinks = elements(doc)
      .filter((el) => el.tagName === "nav")
      .flatMap((nav) => elements(nav).filter((el) => el.tagName === "a"))
      .map((a) => attr(a, "href"));
    expect(navLinks).toEqual(expect.arrayContaining(SECTION_IDS.map((id) => `#${id}`)));
    // the general summary comes before the first analysis section
    expect(html.indexOf('id="summary"')).toBeLessThan(html.indexOf('id="alpha"'));
  });

  it("gives each section a description, a collapsible help, a badge, a plot and downloads", () => {
    for (const id of SECTION_IDS) {
      const section = byId(doc, id)!;
      const els = elements(section);
      const details = els.find((el) => el.tagName === "details");
      expect(details && textContent(details), id).toMatch(/How to read this.*Method.*Caveats/s);
      expect(
        els.some((el) => attr(el, "class")?.startsWith("badge badge-")),
        id,
      ).toBe(true);
      expect(els.filter((el) => el.tagName === "svg").length, id).toBeGreaterThan(0);
      expect(
        els.filter((el) => el.tagName === "a" && attr(el, "download") !== undefined).length,
      ).toBeGreaterThan(1);
    }
  });

  it("shows run details: version, seed, inputs with sha256, parameters and the SIMULATED banner", () => {
    const run = textContent(byId(doc, "run")!);
    expect(run).toContain("0.1.0");
    expect(run).toContain("42");
    expect(run).toContain("a".repeat(64));
    expect(run).toContain(XSS_CONFIG.slice(0, 10));
    expect(textContent(doc)).toContain("SIMULATED COHORT");
  });

  it("references no network resource (src, href, url(), link, iframe, img, external script)", () => {
    const els = elements(doc);
    const refs = els.flatMap((el) =>
      el.attrs.filter((a) => /^(src|href|xlink:href|action|poster|srcset|data|formaction)$/.test(a.name)),
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(ref.value, ref.name).toMatch(/^(#|data:)/);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(
      els.filter((el) => ["link", "iframe", "img", "object", "embed", "base"].includes(el.tagName)),
    ).toEqual([]);
    const scripts = els.filter((el) => el.tagName === "script");
    expect(scripts.map((s) => attr(s, "type"))).toEqual(["application/json"]);
    expect(scripts.every((s) => attr(s, "src") === undefined)).toBe(true);
  });

  it("shows hostile sample IDs, taxon names and config strings as text, never as markup", () => {
    expect(html).not.toContain(XSS_SAMPLE);
    expect(html).not.toContain(XSS_TAXON);
    expect(html).not.toContain("<b onmouseover");
    const text = textContent(doc);
    expect(text).toContain(XSS_SAMPLE); // in the warnings
    expect(text).toContain(XSS_TAXON); // in tables and plot labels
    // the handlers exist nowhere as attributes
    expect(elements(doc).some((el) => el.attrs.some((a) => a.name.startsWith("on")))).toBe(false);
  });

  it("embeds the full results as JSON that parses back to the input", () => {
    const script = elements(doc).find((el) => attr(el, "id") === "gutresponse-results")!;
    const raw = textContent(script);
    expect(raw).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(raw)).toEqual(fixtureResults());
  });

  it("makes every plot's data and spec downloadable, decoding to the plotted values", () => {
    const figures = elements(doc).filter((el) => el.tagName === "figure");
    expect(figures.length).toBe(12); // 10 exploratory plots + hypotheses forest + sensitivity grid
    for (const fig of figures) {
      const links = elements(fig).filter((el) => el.tagName === "a" && attr(el, "download"));
      const tsv = decodeDataUrl(attr(links[0]!, "href")!);
      expect(tsv.mime).toBe("text/tab-separated-values");
      expect(tsv.text.trim().split("\n").length).toBeGreaterThan(1);
      const spec = JSON.parse(decodeDataUrl(attr(links[1]!, "href")!).text);
      expect(spec.data.values.length).toBeGreaterThan(0);
    }
    const alpha = elements(byId(doc, "plot-alpha-plot")!).find(
      (el) => attr(el, "download") === "alpha_values.tsv",
    )!;
    const lines = decodeDataUrl(attr(alpha, "href")!).text.trim().split("\n");
    expect(lines[0]).toBe("sample_id\tgroup\tmetric\tvalue");
    const row = fixtureResults().alpha!.values[3]!;
    expect(lines).toContain(`${XSS_SAMPLE}\t${row.group}\tshannon\t${row.values.shannon}`);
    expect(lines.length).toBe(1 + 12 * 3 - 1); // one faith_pd value is null
  });

  it("marks dispersion differences and chance-level models with warn badges", () => {
    const beta = byId(doc, "beta")!;
    expect(textContent(beta)).toContain("PERMANOVA may reflect dispersion, not location");
    expect(elements(beta).some((el) => attr(el, "class") === "badge badge-warn")).toBe(true);
    expect(textContent(byId(doc, "prediction")!)).toContain("not distinguishable from chance");
  });

  it("generates the methods paragraph and numbered references from the methods that ran", () => {
    const methods = textContent(byId(doc, "methods")!);
    expect(methods).toContain(
      "PERMANOVA: tested composition differences between groups with 999 permutations [1].",
    );
    expect(methods).toContain("doi:10.1186/s13059-022-02655-5");
    const caveats = textContent(byId(doc, "caveats")!);
    expect(caveats).toMatch(/observational/);
    expect(caveats).toMatch(/not causation/);
    expect(caveats).toMatch(/consult a clinician/);
  });
});

describe("buildReportModel", () => {
  it("skips absent analyses with a note and a 'skipped' badge", async () => {
    const model = buildReportModel(minimalResults());
    expect(model.sections.map((s) => s.id)).toEqual(SECTION_IDS);
    for (const s of model.sections) {
      expect(s.badge.status).toBe("skipped");
      expect(s.plots).toEqual([]);
      expect(s.notes[0]!.text).toMatch(/did not run/);
    }
    const html = await renderReportHtml(model);
    expect(parseStrict(html).errors).toEqual([]);
    expect(html).not.toContain("SIMULATED COHORT");
    expect(html).toContain("No tree: UniFrac and Faith PD skipped.");
  });

  it("is deterministic: same results, same HTML", async () => {
    const a = await renderReportHtml(buildReportModel(minimalResults()));
    const b = await renderReportHtml(buildReportModel(minimalResults()));
    expect(a).toBe(b);
  });

  it("warns on PERMDISP p < 0.05 only", () => {
    const results = fixtureResults();
    const beta = () => buildReportModel(results).sections.find((s) => s.id === "beta")!;
    expect(beta().badge.status).toBe("warn");
    results.beta![0]!.permdisp!.p = 0.05;
    expect(beta().badge.status).toBe("ok");
    expect(beta().notes).toEqual([]);
  });

  it("says how many volcano rows cannot be drawn (p = 0 or no fold change)", () => {
    const results = fixtureResults();
    results.differentialAbundance!.rows[0]!.p = 0;
    results.differentialAbundance!.rows[1]!.log2_fold_change = null;
    const volcano = buildReportModel(results).sections.find((s) => s.id === "differential-abundance")!
      .plots[0]!;
    expect(volcano.caption).toContain("2 row(s) without a fold change or with p = 0 are not drawn");
    expect(volcano.data.content.trim().split("\n").length).toBe(1 + 6 * 3 - 2);
  });

  it("puts the confirmatory hypotheses first, apart from the exploratory scan", () => {
    const model = buildReportModel(fixtureResults());
    const h = model.sections[0]!;
    expect(h.id).toBe("hypotheses");
    expect(h.badge).toMatchObject({ status: "warn", label: "1/2 confirmed" });
    expect(h.notes[0]!.text).toMatch(/exploratory scan.*hypotheses for the next cohort/);
    expect(h.tables[0]!.columns.map((c) => c.key)).toEqual([
      "taxon",
      "target",
      "direction",
      "estimate",
      "se",
      "p",
      "p_adjusted",
      "confirmed",
    ]);
    expect(model.overview[0]!.headline).toBe(
      "1 of 2 confirmed (Holm across 2, alpha 0.05): g__Faecalibacterium ~ kratom_use.",
    );
  });

  it("shows the sensitivity panel least robust first, with its cost", () => {
    const s = buildReportModel(fixtureResults()).sections.find((x) => x.id === "sensitivity")!;
    expect(s.badge.status).toBe("warn");
    expect(s.tables[0]!.rows.map((r) => [r.held, r.variants])).toEqual([
      [2, 3],
      [3, 3],
    ]);
    expect(s.notes[0]!.text).toContain("took 1.5 s");
    expect(s.plots[0]!.data.content.trim().split("\n")).toHaveLength(1 + 6);
  });

  it("names the contrast in words: term labels, direction relative to the reference, non-voting methods", () => {
    const results = fixtureResults();
    const da = () => buildReportModel(results).sections.find((s) => s.id === "differential-abundance")!;
    expect(da().description).toContain(
      "Contrast: kratom_use: kratom_user vs non_user (a positive log2 fold change means more abundant in kratom_user relative to non_user)",
    );
    const overview = buildReportModel(results).overview.find(
      (o) => o.sectionId === "differential-abundance",
    )!;
    expect(overview.headline).toMatch(/: g__Bacteroides up, .* in kratom_user relative to non_user\.$/);
    const consensus = da().tables.find((t) => t.id === "consensus")!;
    expect(consensus.columns.map((c) => c.key)).toContain("contrast");
    expect(consensus.rows[0]).toMatchObject({ contrast: "kratom_use: kratom_user vs non_user" });
    results.differentialAbundance!.consensusMethods = ["linda", "ancombc"];
    expect(da().description).toContain(
      "aldex2 cannot adjust for the covariates: reported, but not counted in the consensus.",
    );
  });

  it("does not compute statistics: numbers shown are the numbers given", () => {
    const model = buildReportModel(fixtureResults());
    const permanova = model.sections.find((s) => s.id === "beta")!.tables.find((t) => t.id === "permanova")!;
    expect(permanova.rows[0]).toMatchObject({ metric: "braycurtis", term: "kratom_use", r2: 0.11, p: 0.004 });
    const tsv = permanova.download.content.split("\n");
    expect(tsv[0]).toBe("metric\tterm\tdf\tsum_of_squares\tr2\tF\tp\tpermutations");
    expect(tsv[3]).toBe("braycurtis\tResidual\t9\t4.1\t0.87\tNA\tNA\t999");
  });

  it("states each method's calibration on shuffled labels and its cost", () => {
    const model = buildReportModel(fixtureResults());
    const da = model.sections.find((s) => s.id === "differential-abundance")!;
    const daText = da.notes.map((n) => n.text).join("\n");
    expect(daText).toContain(
      "On 20 shuffles of your kratom_use labels, ancombc called on average 0.15 taxa (1 of 20 shuffles called any; at most 2); on the real labels it called 3.",
    );
    expect(daText).toContain("Cost: 20 reruns of each method (seed 42)");
    const assoc = model.sections.find((s) => s.id === "associations")!;
    const assocNotes = assoc.notes.filter((n) => n.text.includes("shuffles of your constipation"));
    expect(assocNotes).toHaveLength(1);
    // 1.5 calls per shuffle against 2 observed: flagged
    expect(assocNotes[0]!.status).toBe("warn");
  });

  it("counts only links of the calibrated model in the association headline; says when uncalibrated", () => {
    const results = fixtureResults();
    const calibrated = buildReportModel(results).overview.find((o) => o.sectionId === "associations")!;
    expect(calibrated.headline).toMatch(/^4 link\(s\) with q < 0.1/);
    for (const r of results.associations!.rows) if (r.outcome === "constipation") r.method = "logistic";
    delete results.calibration;
    const model = buildReportModel(results);
    expect(model.overview.find((o) => o.sectionId === "associations")!.headline).toMatch(/^2 link\(s\)/);
    const notes = model.sections.find((s) => s.id === "associations")!.notes.map((n) => n.text);
    expect(notes.join(" ")).toContain("Not calibrated on shuffled labels");
  });
});

describe("caveats follow the study, not a built-in drug", () => {
  /** The fixture with every "kratom" renamed: what a non-kratom study hands the report. */
  function otherStudy(caveats?: string[]): StudyResults {
    const renamed = JSON.parse(
      JSON.stringify(fixtureResults()).replace(/kratom/gi, "metformin"),
    ) as StudyResults;
    if (caveats) renamed.meta.config = { ...(renamed.meta.config as object), caveats };
    return renamed;
  }

  it("a non-kratom study's report never says kratom (simulated or not)", async () => {
    for (const simulated of [true, false]) {
      const results = otherStudy();
      results.meta.simulated = simulated;
      const html = await renderReportHtml(buildReportModel(results));
      expect(html.toLowerCase()).not.toContain("kratom");
    }
  });

  it("words the confounding caveat from the exposure and its groups, then adds study.yaml caveats", () => {
    const model = buildReportModel(otherStudy(["Metformin dose was self-reported."]));
    const text = model.caveats.join(" ");
    expect(text).toContain("metformin_use groups (non_user, metformin_user)");
    expect(text).toContain("Metformin dose was self-reported.");
  });
});
