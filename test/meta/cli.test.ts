// End to end: two small simulated cohorts through `gutresponse run`, then `gutresponse meta`;
// and the bad inputs of `meta` (each a clear error naming the culprit, nothing written).
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { kratomDesign } from "../../src/core/simulate/designs/kratom.js";
import { simulatedStudyConfig } from "../../src/core/simulate/study-config.js";
import { formatTableTsv } from "../../src/io/biom-tsv.js";
import { formatMetadata } from "../../src/io/metadata.js";
import { META_ANALYSIS_COLUMNS } from "../../src/io/meta-files.js";
import { formatTaxonomy } from "../../src/io/taxonomy.js";
import { escapeHtml } from "../../src/report/escape.js";
import { CSP } from "../../src/report/html-head.js";
import { runCli } from "../helpers/cli.js";
import { smallCohort } from "../profile/small-cohort.js";

let root: string;
let resultsA: string;
let resultsB: string;

/** A small cohort's study folder, run into `<root>/<name>/results`. */
async function runCohort(name: string, seed: number): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const design = kratomDesign();
  const c = smallCohort(design, 30, seed, 15);
  const files = { table: "table.tsv", taxonomy: "taxonomy.tsv", metadata: "metadata.tsv" };
  const base = simulatedStudyConfig(design, seed, files);
  const config = {
    ...base,
    name: `cohort ${name} <b>`,
    analysis: {
      ...base.analysis,
      permutations: 9,
      alpha_metrics: ["shannon"],
      beta_metrics: ["braycurtis"],
      da_methods: ["linda", "maaslin"],
    },
  };
  await writeFile(join(dir, files.table), formatTableTsv(c.table));
  await writeFile(join(dir, files.taxonomy), formatTaxonomy(c.taxonomy));
  await writeFile(join(dir, files.metadata), formatMetadata(c.metadata));
  await writeFile(join(dir, "study.yaml"), stringify(config, { version: "1.1" }));
  const out = join(dir, "results");
  const r = await runCli(["run", join(dir, "study.yaml"), "--out", out]);
  expect(r.code, r.err).toBe(0);
  return out;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "gr-meta-"));
  resultsA = await runCohort("a", 3);
  resultsB = await runCohort("b", 4);
}, 240_000);

describe("gutresponse meta", () => {
  it("pools two cohorts into meta_analysis.tsv, cohort_estimates.tsv, not_pooled.tsv, report.html, provenance.json", async () => {
    const out = join(root, "meta");
    // a folder name with markup: the report must show it as text
    const oddB = join(root, `b <i>&"x`);
    await cp(resultsB, oddB, { recursive: true });
    const r = await runCli(["meta", resultsA, oddB, "--out", out, "--top", "3"]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/pooled \d+ taxon x family results from 2 cohorts/);
    const tsv = (await readFile(join(out, "meta_analysis.tsv"), "utf8")).trim().split("\n");
    expect(tsv[0]!.split("\t")).toEqual([...META_ANALYSIS_COLUMNS]);
    const rows = tsv.slice(1).map((l) => l.split("\t"));
    const col = (name: string) =>
      META_ANALYSIS_COLUMNS.indexOf(name as (typeof META_ANALYSIS_COLUMNS)[number]);
    // every DA method and every outcome pooled, three models per taxon
    const families = new Set(
      rows.map((x) => `${x[col("analysis")]}:${x[col("method")]}:${x[col("outcome")]}`),
    );
    for (const f of [
      "differential_abundance:linda:NA",
      "differential_abundance:maaslin:NA",
      "association:linda_agreement:pain_relief",
      "association:linda_agreement:constipation",
    ])
      expect(families).toContain(f);
    expect(new Set(rows.map((x) => x[col("model")]))).toEqual(new Set(["fixed", "DL", "REML"]));
    const faec = rows.find(
      (x) =>
        x[col("taxon")] === "Faecalibacterium" && x[col("method")] === "linda" && x[col("model")] === "REML",
    )!;
    expect(faec[col("k")]).toBe("2");
    expect(faec[col("contrast")]).not.toBe("");
    expect(Number(faec[col("p")])).toBeGreaterThanOrEqual(0);

    const estimates = await readFile(join(out, "cohort_estimates.tsv"), "utf8");
    expect(estimates.split("\n")[0]).toBe(
      "analysis\toutcome\tmethod\tcontrast\tscale\ttaxon\tcohort\testimate\tse\tweight_reml\tweight_dl",
    );
    expect(existsSync(join(out, "not_pooled.tsv"))).toBe(true);

    const prov = JSON.parse(await readFile(join(out, "provenance.json"), "utf8"));
    expect(prov.tool).toBe("gutresponse");
    expect(prov.inputs.map((i: { path: string }) => i.path)).toContain(
      join(resultsA, "differential_abundance.tsv"),
    );
    for (const i of prov.inputs) expect(i.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(prov.simulated).toBe(false);

    const html = await readFile(join(out, "report.html"), "utf8");
    expect(html).toContain(`content="${escapeHtml(CSP)}"`);
    expect(html).not.toContain("SIMULATED COHORTS");
    expect(html).toContain("b &lt;i&gt;&amp;&quot;x");
    expect(html).not.toContain("<i>");
    expect(html).toMatch(/DerSimonian–Laird/);
    expect(html).toMatch(/REML/);
    expect(html).toMatch(/Benjamini–Hochberg/);
    expect(html).toMatch(/MMUPHin/);
    expect(html).toMatch(/not causal|no causal claim/i);
    expect((html.match(/<figure class="plot"/g) ?? []).length).toBe(3);
    expect(html).toContain("<svg");
    // no external resources: no script, no remote URL outside the embedded data
    expect(html).not.toMatch(/<script(?![^>]*type="application\/json")/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link /);
  }, 120_000);

  it("refuses cohorts with different ranks, naming the cohort and the setting; nothing written", async () => {
    const other = join(root, "b-family");
    await cp(resultsB, other, { recursive: true });
    const provPath = join(other, "provenance.json");
    const prov = JSON.parse(await readFile(provPath, "utf8"));
    prov.config.analysis.level = "family";
    await writeFile(provPath, JSON.stringify(prov));
    const out = join(root, "meta-rank");
    const r = await runCli(["meta", resultsA, other, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(join(other, "provenance.json"));
    expect(r.err).toMatch(/analysis\.level.*analysis rank: 'family' here, but 'genus'/);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses cohorts run with different DA methods", async () => {
    const other = join(root, "b-methods");
    await cp(resultsB, other, { recursive: true });
    const provPath = join(other, "provenance.json");
    const prov = JSON.parse(await readFile(provPath, "utf8"));
    prov.config.analysis.da_methods = ["linda", "ancombc"];
    await writeFile(provPath, JSON.stringify(prov));
    const out = join(root, "meta-methods");
    const r = await runCli(["meta", resultsA, other, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /analysis\.da_methods.*differential-abundance methods: linda, ancombc here, but linda, maaslin/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a folder that is not a results folder, and a single cohort", async () => {
    const out = join(root, "meta-bad");
    const study = join(root, "a"); // the study folder, not its results
    const r = await runCli(["meta", resultsA, study, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is not a results folder \(no provenance\.json\)/);
    expect(r.err).toContain(study);
    const one = await runCli(["meta", resultsA, "--out", out]);
    expect(one.code).toBe(2);
    expect(one.err).toMatch(/at least 2 cohorts/);
    const broken = join(root, "broken");
    await mkdir(broken);
    await writeFile(join(broken, "provenance.json"), "{not json");
    const b = await runCli(["meta", resultsA, broken, "--out", out]);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/broken\/provenance\.json.*not valid JSON/);
    expect(existsSync(out)).toBe(false);
  });
});
