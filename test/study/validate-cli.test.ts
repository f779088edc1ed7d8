/**
 * `gutresponse validate STUDY.yaml` predicts what `run` refuses and lists config and data problems
 * in one pass (issue 15); paths in study.yaml are taken from the YAML file's folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

const root = mkdtempSync(join(tmpdir(), "gr-validate-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dune = (f: string) => resolve(__dirname, "../fixtures/dune", f);

function studyDir(name: string, yaml: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  copyFileSync(dune("table.tsv"), join(dir, "table.tsv"));
  copyFileSync(dune("metadata.tsv"), join(dir, "metadata.tsv"));
  writeFileSync(join(dir, "study.yaml"), yaml);
  return join(dir, "study.yaml");
}

async function cli(args: string[]): Promise<{ code: number; text: string }> {
  let text = "";
  const code = await main(args, { stdout: (t) => (text += t), stderr: (t) => (text += t) });
  return { code, text };
}

const DESIGN = `design: { exposure: Management, reference: NM }`;

describe("validate STUDY.yaml", () => {
  it("catches an impossible rarefaction depth that run would refuse (run never says 'levels present: ')", async () => {
    const path = studyDir(
      "rarefy",
      `name: t\ndata: { table: table.tsv, metadata: metadata.tsv }\n${DESIGN}\nanalysis: { level: feature, min_depth: 0, rarefy: 100000 }\n`,
    );
    const v = await cli(["validate", path]);
    expect(v.code).toBe(2);
    expect(v.text).toContain("key 'analysis.rarefy'");
    expect(v.text).toContain("rarefying to 100000 reads");
    expect(v.text).not.toContain("no problems found");
    const out = join(root, "rarefy-out");
    const r = await cli(["run", path, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.text).toContain("rarefying to 100000 reads");
    expect(r.text).not.toMatch(/levels present: \s*$/m);
  });

  it("predicts the depth floor leaving a group too small", async () => {
    const path = studyDir(
      "depth",
      `name: t\ndata: { table: table.tsv, metadata: metadata.tsv }\n${DESIGN}\nanalysis: { level: feature, min_depth: 40 }\n`,
    );
    const v = await cli(["validate", path]);
    expect(v.code).toBe(2);
    expect(v.text).toContain("below 40 reads (analysis.min_depth)");
  });

  it("lists config problems and data problems together, with paths taken from the YAML's folder", async () => {
    const path = studyDir(
      "both",
      `name: t\ndata: { table: missing-table.biom, metadata: metadata.tsv }\n${DESIGN}\nanalysis: { levle: genus }\n`,
    );
    const v = await cli(["validate", path]);
    expect(v.code).toBe(2);
    expect(v.text).toContain("2 problems");
    expect(v.text).toContain("unknown key");
    expect(v.text).toContain(join(root, "both", "missing-table.biom"));
    expect(v.text).toContain(`relative paths there are taken from its folder, ${join(root, "both")}`);
    expect(v.text).not.toContain("current directory");
  });

  it("chooses the reference level when study.yaml names none: the first in R's sorted order, and says so", async () => {
    // dune's first row is 'SF'; sorted, the levels are BF, HF, NM, SF
    const path = studyDir(
      "no-reference",
      `name: t\ndata: { table: table.tsv, metadata: metadata.tsv }\ndesign: { exposure: Management }\nanalysis: { level: feature, min_depth: 0 }\n`,
    );
    const v = await cli(["validate", path]);
    expect(v.text).toContain("reference level: 'BF' (design.reference not set");
    expect(v.text).toContain("no problems found");
    const named = studyDir(
      "named-reference",
      `name: t\ndata: { table: table.tsv, metadata: metadata.tsv }\n${DESIGN}\n`,
    );
    expect((await cli(["validate", named])).text).not.toContain("reference level:");
  });
});
