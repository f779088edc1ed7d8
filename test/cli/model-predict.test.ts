import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import { parseSavedModel } from "../../src/core/profile/saved-model.js";
import { kratomDesign } from "../../src/core/simulate/designs/kratom.js";
import { simulatedStudyConfig } from "../../src/core/simulate/study-config.js";
import { formatTableTsv } from "../../src/io/biom-tsv.js";
import { formatMetadata } from "../../src/io/metadata.js";
import { formatTaxonomy } from "../../src/io/taxonomy.js";
import { smallCohort } from "../profile/small-cohort.js";

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

async function tinyStudy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "gr-model-"));
  const design = kratomDesign();
  // seed 5: 9 of 30 constipated, so every CV fold has both classes
  const cohort = smallCohort(design, 30, 5, 12);
  const files = { table: "table.tsv", taxonomy: "taxonomy.tsv", metadata: "metadata.tsv" };
  const config = {
    ...simulatedStudyConfig(design, 4, files),
    prediction: { targets: ["constipation"], models: ["elastic_net"], folds: 3, repeats: 1, permutations: 4 },
  };
  await writeFile(join(dir, files.table), formatTableTsv(cohort.table));
  await writeFile(join(dir, files.taxonomy), formatTaxonomy(cohort.taxonomy));
  await writeFile(join(dir, files.metadata), formatMetadata(cohort.metadata));
  await writeFile(join(dir, "study.yaml"), stringify(config, { version: "1.1" }));
  return dir;
}

describe("gutresponse model train -> predict", () => {
  it("trains a model file and writes profiles for every sample and for one", async () => {
    const dir = await tinyStudy();
    const modelPath = join(dir, "constipation.model.json");
    const train = await cli([
      "model",
      "train",
      "--study",
      join(dir, "study.yaml"),
      "--target",
      "constipation",
      "--model",
      "elastic_net",
      "--seed",
      "2",
      "--out",
      modelPath,
    ]);
    expect(train.code).toBe(0);
    expect(train.out).toMatch(/constipation \(elastic_net, 30 samples, \d+ genus features\): CV auroc/);
    const model = parseSavedModel(await readFile(modelPath, "utf8"), modelPath);
    expect(model.featureLevel).toBe("genus");
    expect(model.seed).toBe(2);
    expect(model.cv.permutations).toBe(4);
    expect(model.featureNames).toContain("Faecalibacterium");

    const all = join(dir, "profiles");
    const predict = (...extra: string[]) =>
      cli([
        "predict",
        "--model",
        modelPath,
        "--table",
        join(dir, "table.tsv"),
        "--taxonomy",
        join(dir, "taxonomy.tsv"),
        ...extra,
      ]);
    const run = await predict("--out", all);
    expect(run.code).toBe(0);
    expect((await readdir(all)).length).toBe(30);
    expect(existsSync(join(all, "P001", "profile.html"))).toBe(true);
    const first = JSON.parse(await readFile(join(all, "P001", "profile.json"), "utf8"));
    expect(first.sampleId).toBe("P001");
    expect(first.diversity.shannonTemplatePercentile).not.toBeNull();

    const one = join(dir, "one");
    const single = await predict("--sample", "P003", "--out", one);
    expect(single.code).toBe(0);
    expect((await readdir(one)).sort()).toEqual(["profile.html", "profile.json"]);
  }, 60_000);

  it("has --help with examples and rejects a non-model file", async () => {
    for (const args of [
      ["model", "train", "--help"],
      ["predict", "--help"],
    ]) {
      const r = await cli(args);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Examples?:\n {2}gutresponse /);
    }
    const dir = await mkdtemp(join(tmpdir(), "gr-model-"));
    await writeFile(join(dir, "x.json"), "{}");
    const bad = await cli([
      "predict",
      "--model",
      join(dir, "x.json"),
      "--table",
      join(dir, "x.json"),
      "--out",
      join(dir, "o"),
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/not a gutresponse model file/);
  });
});
