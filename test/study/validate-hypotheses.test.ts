/**
 * Bad hypotheses are caught before anything runs, each issue naming the hypothesis and the
 * culprit: a taxon not at the analysis rank (with close names suggested), an outcome that is not a
 * column or not a configured outcome, an exposure other than the design's, a direction that does
 * not fit the target; `validate` exits 2 and `run` writes nothing.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import type { InputError } from "../../src/core/errors.js";
import { kratomDesign } from "../../src/core/simulate/designs/kratom.js";
import { simulateCohort } from "../../src/core/simulate/simulate-cohort.js";
import { simulatedStudyConfig } from "../../src/core/simulate/study-config.js";
import { closestNames, editDistance } from "../../src/core/study/closest-names.js";
import { parseStudyConfig } from "../../src/core/study/config.js";
import { validateStudy } from "../../src/core/study/validate-study.js";
import { resolvedConfig } from "../helpers/study.js";

const cohort = simulateCohort(kratomDesign(), { n: 24, seed: 11 });
const data = { ...cohort, sources: { table: "t.biom", metadata: "m.tsv" } };
const base = simulatedStudyConfig(kratomDesign(), 1, { table: "t", taxonomy: "x", metadata: "m" });

function issuesFor(hypotheses: unknown[], analysis: object = {}) {
  const config = resolvedConfig(
    {
      ...base,
      analysis: { ...base.analysis, ...analysis },
      hypotheses,
    },
    cohort.metadata,
  );
  return validateStudy(config, data).issues;
}

describe("edit distance and suggestions", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("flaw", "lawn")).toBe(2);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("suggests the nearest names, case-insensitively, and names containing the query", () => {
    const known = ["Clostridium", "Faecalibacterium", "Clostridioides", "Bacteroides"];
    expect(closestNames("Clostridum", known)).toEqual(["Clostridium"]);
    expect(closestNames("faecalibacterium", known)).toEqual(["Faecalibacterium"]);
    expect(closestNames("Clostridi", known)).toEqual(["Clostridium", "Clostridioides"]);
    expect(closestNames("Zzzzzz", known)).toEqual([]);
  });
});

describe("validate: hypotheses", () => {
  it("accepts the kratom design's hypotheses", () => {
    expect(issuesFor([...base.hypotheses])).toEqual([]);
  });

  it("names a missing taxon and suggests the close genus", () => {
    const issues = issuesFor([{ taxon: "Faecalibacterim", exposure: "kratom_use", direction: "up" }]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "bad_config", key: "hypotheses.0.taxon" });
    expect(issues[0]!.message).toContain("'Faecalibacterim' is not a genus");
    expect(issues[0]!.hint).toContain("did you mean 'Faecalibacterium'");
  });

  it("names an outcome that is not a column, and one that is not a configured outcome", () => {
    const issues = issuesFor([
      { taxon: "Clostridium", outcome: "bloating", direction: "positive" },
      { taxon: "Clostridium", outcome: "age", direction: "positive" },
    ]);
    expect(issues.map((i) => [i.code, i.key])).toEqual([
      ["missing_column", "hypotheses.0.outcome"],
      ["bad_config", "hypotheses.1.outcome"],
    ]);
    expect(issues[0]!.message).toContain("'bloating' is not a column");
    expect(issues[1]!.hint).toContain("under outcomes:");
  });

  it("requires the design's exposure and a DA method the scan runs", () => {
    const issues = issuesFor([{ taxon: "Clostridium", exposure: "sex", direction: "up" }]);
    expect(issues.map((i) => i.key)).toEqual(["hypotheses.0.exposure"]);
    const method = issuesFor([{ taxon: "Clostridium", exposure: "kratom_use" }], {
      da_methods: ["linda"],
      hypothesis_method: "ancombc",
    });
    expect(method.map((i) => i.key)).toEqual(["analysis.hypothesis_method"]);
  });

  it("rejects a direction that does not fit the target, and a hypothesis with two targets", () => {
    const yaml = (h: object) => stringify({ ...base, hypotheses: [h] }).replace(/^/, "# study\n");
    const bad = (h: object) => {
      try {
        parseStudyConfig(yaml(h));
      } catch (e) {
        return (e as InputError).issues;
      }
      throw new Error("expected an InputError");
    };
    const direction = bad({ taxon: "Clostridium", outcome: "constipation", direction: "up" });
    expect(direction[0]).toMatchObject({ key: "hypotheses.0.direction" });
    expect(direction[0]!.message).toContain("use positive or negative");
    expect(direction[0]!.line).toBeGreaterThan(1);
    const unknown = bad({ taxon: "Clostridium", outcome: "constipation", direction: "sideways" });
    expect(unknown[0]!.key).toBe("hypotheses.0.direction");
    const both = bad({ taxon: "Clostridium", outcome: "constipation", exposure: "kratom_use" });
    expect(both[0]!.message).toContain("exactly one target");
  });
});

describe("CLI: a bad hypothesis stops validate and run", () => {
  it("exits 2 naming the culprit, and run writes nothing", async () => {
    const dir = await mkdtemp(join(tmpdir(), "gr-hyp-"));
    const cohortDir = join(dir, "cohort");
    const io = { stdout: (_: string) => {}, stderr: (_: string) => {} };
    expect(await main(["simulate", "--design", "kratom", "--n", "24", "--out", cohortDir], io)).toBe(0);
    const path = join(cohortDir, "study.yaml");
    const study = parse(await readFile(path, "utf8"));
    study.hypotheses = [{ taxon: "Clostridum", outcome: "constipation", direction: "positive" }];
    await writeFile(path, stringify(study));
    let out = "";
    const capture = { stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
    expect(await main(["validate", path], capture)).toBe(2);
    expect(out).toContain("hypotheses.0.taxon");
    expect(out).toContain("did you mean 'Clostridium'");
    const results = join(dir, "results");
    out = "";
    expect(await main(["run", path, "--out", results], capture)).toBe(2);
    expect(out).toContain("'Clostridum' is not a genus");
    expect(existsSync(results)).toBe(false);
  }, 60_000);
});
