/**
 * The study pipeline end to end on a small simulated cohort: every analysis runs, the results
 * contract's files carry their declared columns, the same seed gives identical files, and a hostile
 * sample ID stays text in the report opened by Chromium.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kratomDemoDesign } from "../../src/core/simulate/designs/kratom.js";
import { runStudy, type StudyRun } from "../../src/core/study/pipeline.js";
import { createFeatureTable } from "../../src/core/table/feature-table.js";
import { createRng } from "../../src/core/random/rng.js";
import { formatMetadata, parseMetadata } from "../../src/io/metadata.js";
import { studyResultFiles } from "../../src/io/study-files.js";
import { buildReportModel } from "../../src/report/build-model.js";
import { renderReportHtml } from "../../src/report/render-html.js";
import { CHROMIUM_MISSING, launchChromium } from "../helpers/browser.js";
import { simulatedStudy } from "../helpers/study.js";
import { CONTRACT_COLUMNS } from "./contract.js";

const XSS = "<img src=x onerror=alert(1)>";
const fixedNow = () => new Date("2026-01-01T00:00:00Z");

function smallStudy() {
  return simulatedStudy(kratomDemoDesign(), 40, 5, {
    analysis: { permutations: 99, da_methods: ["linda", "maaslin", "wilcoxon_clr"] },
    prediction: {
      targets: ["pain_relief"],
      models: ["elastic_net"],
      folds: 3,
      repeats: 1,
      permutations: 9,
      alphas: [0.5],
      inner_folds: 3,
    },
  });
}

describe("runStudy", () => {
  let run: StudyRun;
  let study: ReturnType<typeof smallStudy>;

  beforeAll(async () => {
    study = smallStudy();
    run = await runStudy(study.config, study.data, { now: fixedNow });
  });

  it("runs every analysis the data allow and says what it skipped", () => {
    const r = run.results;
    expect(r.summary.nSamples).toBe(40);
    expect(r.summary.groups.map((g) => g.group)).toEqual(["non_user", "user"]);
    expect(r.alpha!.metrics).not.toContain("faith_pd");
    expect(r.beta!.map((b) => b.metric)).toEqual(["braycurtis", "jaccard", "aitchison"]);
    expect(r.warnings.join("\n")).toContain("no tree given");
    for (const b of r.beta!) {
      expect(b.permanova.map((row) => row.term)).toEqual([
        "kratom_use",
        "age",
        "sex",
        "bmi",
        "Residual",
        "Total",
      ]);
      expect(b.permanova[0]!.permutations).toBe(99);
    }
    expect(r.differentialAbundance!.methods).toEqual(["linda", "maaslin", "wilcoxon_clr"]);
    expect(new Set(r.associations!.rows.map((row) => row.outcome))).toEqual(
      new Set(["pain_relief", "constipation", "dose_g_per_day", "doses_per_week"]),
    );
    expect(r.prediction!.rows).toHaveLength(1);
    expect(r.prediction!.rows[0]).toMatchObject({
      target: "pain_relief",
      model: "elastic_net",
      metric: "r2",
    });
    expect(run.models.map((m) => m.target)).toEqual(["pain_relief"]);
    expect(r.methods.map((m) => m.id)).toEqual(
      expect.arrayContaining(["permanova", "linda", "elastic_net", "bh"]),
    );
  });

  it("calibrates each DA method and association scan on seeded label shuffles", async () => {
    const cal = run.results.calibration!;
    expect(cal.shuffles).toBe(20);
    expect(cal.rows.map((r) => `${r.analysis}:${r.method}:${r.shuffled}`)).toEqual([
      "differential_abundance:linda:kratom_use",
      "differential_abundance:maaslin:kratom_use",
      "differential_abundance:wilcoxon_clr:kratom_use",
      "differential_abundance:consensus:kratom_use",
      "associations:linda_agreement:pain_relief",
      "associations:linda_agreement:constipation",
    ]);
    for (const r of cal.rows) {
      expect(r.shuffles_with_calls).toBeLessThanOrEqual(20);
      expect(r.max_calls).toBeGreaterThanOrEqual(r.mean_calls);
      expect(r.mean_calls * 20).toBeGreaterThanOrEqual(r.shuffles_with_calls);
    }
    const da = run.results.differentialAbundance!.rows;
    expect(cal.rows[0]!.observed_calls).toBe(da.filter((r) => r.method === "linda" && r.q! < 0.1).length);
    expect(run.results.methods.map((m) => m.id)).toContain("calibration");
    const off = await runStudy({ ...study.config, calibration: { shuffles: 0 } }, study.data, {
      now: fixedNow,
    });
    expect(off.results.calibration).toBeUndefined();
    expect(off.results.warnings.join("\n")).toContain("calibration.shuffles is 0");
  });

  it("writes every file of the results contract with its declared columns", () => {
    const files = studyResultFiles(run);
    const byPath = new Map(files.map((f) => [f.path, f.content]));
    for (const [path, columns] of Object.entries(CONTRACT_COLUMNS)) {
      const content = byPath.get(path);
      expect(content, path).toBeDefined();
      const [header, ...rows] = content!.trimEnd().split("\n");
      expect(header!.split("\t"), path).toEqual(columns);
      for (const row of rows) expect(row.split("\t").length, `${path}: ${row}`).toBe(columns.length);
    }
    for (const metric of ["braycurtis", "jaccard", "aitchison"]) {
      expect(byPath.get(`beta/${metric}.tsv`)!.split("\n")[0]!.split("\t")).toHaveLength(41);
      expect(byPath.get(`ordination/${metric}.tsv`)!.split("\n")[0]!.startsWith("sample-id\tPC1\tPC2")).toBe(
        true,
      );
      expect(byPath.get(`ordination/${metric}.eigen.tsv`)!.split("\n")[0]).toBe(
        "axis\teigenvalue\tproportion",
      );
    }
    const model = JSON.parse(byPath.get("models/pain_relief.json")!);
    expect(model.cv.r2).toHaveProperty("ci_low");
    expect(model.cv).toHaveProperty("null_p");
  });

  it("gives identical files for the same inputs and seed", async () => {
    const again = await runStudy(study.config, study.data, { now: fixedNow });
    expect(studyResultFiles(again)).toEqual(studyResultFiles(run));
    expect(JSON.stringify(again.results)).toBe(JSON.stringify(run.results));
  });

  it("gives identical files and results when the metadata rows are shuffled (users first)", async () => {
    const [header, types, ...rows] = formatMetadata(study.data.metadata).trimEnd().split("\n");
    createRng(3).shuffle(rows);
    const isUser = (line: string) => line.split("\t")[1] === "user";
    const ordered = [...rows.filter(isUser), ...rows.filter((r) => !isUser(r))];
    const metadata = parseMetadata(`${[header, types, ...ordered].join("\n")}\n`, "m.tsv");
    expect(metadata.columns[0]!.values[0]).toBe("user");
    const shuffled = await runStudy(study.config, { ...study.data, metadata }, { now: fixedNow });
    expect(studyResultFiles(shuffled)).toEqual(studyResultFiles(run));
    expect(JSON.stringify(shuffled.results)).toBe(JSON.stringify(run.results));
  });

  it("refuses to run when the depth floor leaves a group too small, and says which key to change", async () => {
    const strict = { ...study.config, analysis: { ...study.config.analysis, min_depth: 10_000_000 } };
    await expect(runStudy(strict, study.data)).rejects.toThrow(/groups are too small to compare \(none;/);
  });

  it("refuses a config that does not fit the data, naming every problem", async () => {
    const bad = { ...study.config, design: { ...study.config.design, covariates: ["age", "weight"] } };
    await expect(runStudy(bad, study.data)).rejects.toThrow(/no column 'weight'/);
  });
});

describe.skipIf(CHROMIUM_MISSING !== null)("report of a run with a hostile sample ID", () => {
  let dir: string;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("shows the ID as text in Chromium, with no dialog, no console error and no request", async () => {
    const { config, data } = smallStudy();
    const rename = (id: string) => (id === data.table.sampleIds[0] ? XSS : id);
    const table = createFeatureTable({ ...data.table, sampleIds: data.table.sampleIds.map(rename) });
    // The hostile participant has no exposure answer, so the report's warnings name it.
    const metadata = {
      ...data.metadata,
      ids: data.metadata.ids.map(rename),
      columns: data.metadata.columns.map((c) =>
        c.name === "kratom_use" && c.kind === "categorical"
          ? { ...c, values: c.values.map((v, i) => (i === 0 ? null : v)) }
          : c,
      ),
    };
    const quick = { ...config, analysis: { ...config.analysis, beta_metrics: ["braycurtis" as const] } };
    const { prediction: _, ...noPrediction } = quick;
    const run = await runStudy(noPrediction, { ...data, table, metadata });
    dir = mkdtempSync(join(tmpdir(), "gr-xss-"));
    const file = join(dir, "report.html");
    writeFileSync(file, await renderReportHtml(buildReportModel(run.results)));
    const url = pathToFileURL(file).href;
    const browser = await launchChromium();
    try {
      const requests: string[] = [];
      const problems: string[] = [];
      await browser.context.route("**", (route) => {
        requests.push(route.request().url());
        return route.request().url() === url ? route.continue() : route.abort();
      });
      const page = await browser.context.newPage();
      page.on("dialog", async (d) => {
        problems.push(`dialog: ${d.message()}`);
        await d.dismiss();
      });
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      page.on("pageerror", (e) => problems.push(e.message));
      await page.goto(url, { waitUntil: "load" });
      expect(problems).toEqual([]);
      expect(requests.filter((r) => r !== url)).toEqual([]);
      expect(await page.locator("img").count()).toBe(0);
      expect(await page.locator("#warnings").textContent()).toContain(XSS);
    } finally {
      await browser.close();
    }
  });
});
