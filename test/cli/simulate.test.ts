import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { kratomDesign } from "../../src/core/simulate/designs/kratom.js";
import { simulateCohort } from "../../src/core/simulate/simulate-cohort.js";
import { studyConfigSchema } from "../../src/core/study/config.js";
import { parseMetadata } from "../../src/io/metadata.js";
import { readTable } from "../../src/io/table.js";
import { parseTaxonomy } from "../../src/io/taxonomy.js";
import { runCli as cli } from "../helpers/cli.js";

describe("gutresponse simulate", () => {
  it("writes a ready study folder that reads back to the simulated cohort", async () => {
    const dir = join(await mkdtemp(join(tmpdir(), "gr-sim-")), "cohort");
    const run = await cli(["simulate", "--design", "kratom", "--n", "20", "--seed", "3", "--out", dir]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      "metadata.tsv",
      "study.yaml",
      "table.biom",
      "table.tsv",
      "taxonomy.tsv",
      "truth.json",
    ]);
    const expected = simulateCohort(kratomDesign(), { n: 20, seed: 3 });
    for (const file of ["table.biom", "table.tsv"]) {
      const { table } = await readTable(new Uint8Array(await readFile(join(dir, file))), file);
      expect(table.sampleIds).toEqual(expected.table.sampleIds);
      expect(table.featureIds).toEqual(expected.table.featureIds);
      expect(Array.from(table.values)).toEqual(Array.from(expected.table.values));
    }
    const md = parseMetadata(await readFile(join(dir, "metadata.tsv"), "utf8"), "metadata.tsv");
    expect(md.ids).toEqual(expected.metadata.ids);
    expect(md.columns.map((c) => [c.name, c.kind])).toEqual(
      expected.metadata.columns.map((c) => [c.name, c.kind]),
    );
    const tax = parseTaxonomy(await readFile(join(dir, "taxonomy.tsv"), "utf8"), "taxonomy.tsv");
    expect(tax.lineages).toEqual(expected.taxonomy.lineages);
    expect(JSON.parse(await readFile(join(dir, "truth.json"), "utf8"))).toEqual(expected.truth);
    const study = parse(await readFile(join(dir, "study.yaml"), "utf8"));
    expect(study.data).toEqual({ table: "table.biom", taxonomy: "taxonomy.tsv", metadata: "metadata.tsv" });
    expect(study.design.exposure).toBe("kratom_use");
    expect(study.seed).toBe(3);
    expect(study.outcomes[1]).toEqual({ column: "constipation", type: "binary", positive: "yes" });
    expect(await readFile(join(dir, "study.yaml"), "utf8")).toContain('positive: "yes"');
  });

  it("refuses a non-empty --out unless --force, and an unknown design", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gr-sim-"));
    expect((await cli(["simulate", "--design", "null", "--n", "8", "--out", dir])).code).toBe(0);
    const again = await cli(["simulate", "--design", "null", "--n", "8", "--out", dir]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/--force/);
    expect((await cli(["simulate", "--design", "null", "--n", "8", "--out", dir, "--force"])).code).toBe(0);
    const bad = await cli(["simulate", "--design", "opium", "--out", join(dir, "x")]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/kratom, metformin, kratom-longitudinal, null/);
  });
});

describe("gutresponse init --design", () => {
  it("lists every reference design in --help and writes a metformin study folder with no kratom in it", async () => {
    const help = await cli(["init", "--help"]);
    expect(help.out).toMatch(/--design kratom/);
    expect(help.out).toMatch(/--design metformin/);
    const dir = join(await mkdtemp(join(tmpdir(), "gr-init-")), "study");
    const run = await cli(["init", "--design", "metformin", dir]);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    const files = ["study.yaml", "metadata.tsv", "data_dictionary.tsv"];
    const texts = await Promise.all(files.map((f) => readFile(join(dir, f), "utf8")));
    for (const t of texts) expect(t.toLowerCase()).not.toContain("kratom");
    const study = studyConfigSchema.parse(parse(texts[0]!));
    expect(study.design.exposure).toBe("metformin_use");
    expect(study.outcomes.map((o) => o.column)).toEqual(["hba1c_reduction", "gi_side_effects"]);
    expect(texts[0]).toContain(
      "#   - { taxon: Escherichia/Shigella, exposure: metformin_use, direction: up }",
    );
    expect(texts[1]!.split("\n")[0]!.split("\t").slice(0, 2)).toEqual(["sample-id", "metformin_use"]);
  });
});
