/**
 * `gutresponse demo` end to end, as a newcomer runs it: every file of the results contract exists
 * with its declared columns, the report parses as HTML with every section and no network
 * reference, PERMANOVA tests the exposure, and Faecalibacterium is a consensus DA hit.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { attr, byId, elements, parseStrict } from "../report/html-tree.js";
import { CONTRACT_COLUMNS } from "../study/contract.js";

describe("gutresponse demo", () => {
  let dir: string;
  let out: string;
  let stdout = "";
  let stderr = "";
  let code: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "gr-demo-"));
    out = join(dir, "demo-out");
    code = await main(["demo", "--out", out], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  }, 900_000); // prediction and the 20 calibration shuffles dominate; minutes on a loaded machine

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 and says the cohort is simulated", () => {
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/Simulated cohort of 65/);
  });

  it("writes the whole results contract with the declared columns", () => {
    for (const [path, columns] of Object.entries(CONTRACT_COLUMNS)) {
      const text = readFileSync(join(out, path), "utf8");
      expect(text.split("\n")[0]!.split("\t"), path).toEqual(columns);
    }
    for (const path of [
      "report.html",
      "provenance.json",
      "alpha.tsv",
      "beta/braycurtis.tsv",
      "beta/aitchison.tsv",
      "ordination/braycurtis.tsv",
      "ordination/braycurtis.eigen.tsv",
      "models/pain_relief.json",
      "models/constipation.json",
      "cohort/study.yaml",
      "cohort/table.biom",
      "cohort/metadata.tsv",
      "cohort/truth.json",
    ]) {
      expect(existsSync(join(out, path)), path).toBe(true);
    }
    const provenance = JSON.parse(readFileSync(join(out, "provenance.json"), "utf8"));
    expect(provenance).toMatchObject({ tool: "gutresponse", seed: 42, simulated: true });
    expect(provenance.command).toContain("demo");
  });

  it("tests the exposure by PERMANOVA and finds Faecalibacterium by consensus", () => {
    const permanova = readFileSync(join(out, "permanova.tsv"), "utf8");
    expect(permanova).toMatch(/^braycurtis\tkratom_use\t1\t/m);
    const [header, ...lines] = readFileSync(join(out, "consensus.tsv"), "utf8").trim().split("\n");
    const col = (name: string) => header!.split("\t").indexOf(name);
    const hits = lines
      .map((line) => line.split("\t"))
      .filter((cells) => Number(cells[col("methods_significant")]) > 0)
      .map((cells) => `${cells[0]}:${cells[col("direction")]}:${cells[col("contrast")]}`);
    expect(hits).toContain("Faecalibacterium:up:user vs non_user");
  });

  it("shows the confirmatory hypotheses and the sensitivity panel", () => {
    expect(stdout).toMatch(/confirmatory hypotheses: \d of 2 confirmed/);
    expect(stdout).toMatch(/sensitivity panel: \d+ of \d+ findings hold in every variant/);
    const hypotheses = readFileSync(join(out, "hypotheses.tsv"), "utf8").trim().split("\n");
    expect(hypotheses.slice(1).map((l) => l.split("\t").slice(0, 3).join(" "))).toEqual([
      "Clostridium constipation positive",
      "Faecalibacterium kratom_use up",
    ]);
    const sensitivity = readFileSync(join(out, "sensitivity.tsv"), "utf8");
    expect(sensitivity).toMatch(/^Faecalibacterium up\tdifferential_abundance\t/m);
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html.indexOf('id="hypotheses"')).toBeLessThan(html.indexOf('id="alpha"'));
    expect(html).toContain('id="sensitivity"');
  });

  it("headlines only the calibrated links and states the calibration on shuffled labels", () => {
    const html = readFileSync(join(out, "report.html"), "utf8");
    const headline = /(\d+) link\(s\) with q &lt; 0.1: ([^<."]*)/.exec(html);
    expect(headline, "association headline").not.toBeNull();
    // the planted links (pain relief ~ Faecalibacterium, constipation ~ Clostridium), not dozens
    expect(Number(headline![1])).toBeLessThanOrEqual(5);
    expect(headline![2]).toContain("Faecalibacterium \u2192 pain_relief");
    expect(html).toMatch(/On 20 shuffles of your kratom_use labels, linda called on average/);
    expect(html).toMatch(/On 20 shuffles of your pain_relief labels, linda_agreement called on average/);
    const calibration = readFileSync(join(out, "calibration.tsv"), "utf8").trim().split("\n");
    expect(calibration.slice(1).map((l) => l.split("\t").slice(0, 3).join(":"))).toEqual([
      "differential_abundance:linda:kratom_use",
      "differential_abundance:ancombc:kratom_use",
      "differential_abundance:aldex2:kratom_use",
      "differential_abundance:maaslin:kratom_use",
      "differential_abundance:consensus:kratom_use",
      "associations:linda_agreement:pain_relief",
      "associations:linda_agreement:constipation",
    ]);
  });

  it("renders a report that parses, has every section, says it is simulated and loads nothing", () => {
    const html = readFileSync(join(out, "report.html"), "utf8");
    const { document, errors } = parseStrict(html);
    expect(errors).toEqual([]);
    for (const id of [
      "alpha",
      "beta",
      "differential-abundance",
      "associations",
      "prediction",
      "methods",
      "caveats",
    ]) {
      expect(byId(document, id), id).toBeDefined();
    }
    expect(html).toMatch(/simulated/i);
    const external = elements(document).flatMap((el) =>
      ["src", "href"].map((a) => attr(el, a) ?? "").filter((v) => /^(https?:)?\/\//.test(v)),
    );
    expect(external).toEqual([]);
  });

  it("lists the cohort files it wrote in the report's Inputs table, with their checksums", () => {
    const html = readFileSync(join(out, "report.html"), "utf8");
    const inputs = html.slice(
      html.indexOf("<caption>Inputs</caption>"),
      html.indexOf("</table>", html.indexOf("<caption>Inputs</caption>")),
    );
    const rows = [
      ...inputs.matchAll(
        /<tr><td>([^<]+)<\/td><td class="mono">([^<]+)<\/td><td>[^<]*<\/td><td class="mono sha">([0-9a-f]{64})<\/td><\/tr>/g,
      ),
    ];
    expect(rows.map((r) => r[1])).toEqual(["config", "table", "metadata", "taxonomy"]);
    const metadata = rows.find((r) => r[1] === "metadata")!;
    expect(metadata[2]).toBe(join(out, "cohort", "metadata.tsv"));
    expect(metadata[3]).toBe(
      createHash("sha256")
        .update(readFileSync(join(out, "cohort", "metadata.tsv")))
        .digest("hex"),
    );
  });
});
