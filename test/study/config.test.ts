import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { parseStudyConfig } from "../../src/core/study/config.js";

const minimal = `name: Kratom study
data: { table: table.biom, metadata: metadata.tsv }
design:
  exposure: kratom_use
  reference: non_user
`;

function issuesOf(text: string) {
  try {
    parseStudyConfig(text, "study.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).issues;
  }
  throw new Error("expected an InputError");
}

describe("parseStudyConfig", () => {
  it("fills the documented defaults", () => {
    const c = parseStudyConfig(minimal);
    expect(c.analysis).toMatchObject({
      level: "genus",
      min_prevalence: 0.1,
      permutations: 999,
      fdr: 0.1,
      rarefy: "auto",
    });
    expect(c.design.covariates).toEqual([]);
    expect(c.design.strata).toBeNull();
    expect(c.seed).toBe(42);
    expect(c.prediction).toBeUndefined();
  });

  it("calibration: 20 shuffles by default, 0 disables, negative or unknown keys refused", () => {
    expect(parseStudyConfig(minimal).calibration).toEqual({ shuffles: 20 });
    expect(parseStudyConfig(`${minimal}calibration: { shuffles: 0 }\n`).calibration).toEqual({ shuffles: 0 });
    expect(issuesOf(`${minimal}calibration: { shuffles: -1 }\n`)[0]!.key).toBe("calibration.shuffles");
    expect(issuesOf(`${minimal}calibration: { shufles: 5 }\n`)[0]!.key).toBe("calibration.shufles");
  });

  it("names an unknown key with its line", () => {
    const issues = issuesOf(`${minimal}analysis:\n  permutatons: 99\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "bad_config", key: "analysis.permutatons", line: 7 });
  });

  it("names a value of the wrong range and every problem at once", () => {
    const issues = issuesOf(`${minimal}analysis:\n  fdr: 1.5\n  level: kingdom\nseed: -1\n`);
    expect(issues.map((i) => i.key).sort()).toEqual(["analysis.fdr", "analysis.level", "seed"]);
    expect(issues.find((i) => i.key === "analysis.fdr")!.line).toBe(7);
  });

  it("reports a missing required key", () => {
    const issues = issuesOf("name: x\ndata: { table: t.biom, metadata: m.tsv }\n");
    expect(issues[0]!.key).toBe("design");
  });

  it("reports YAML syntax errors with a line", () => {
    const issues = issuesOf("name: x\ndata: [unclosed\n");
    expect(issues[0]!.message).toMatch(/YAML syntax/);
    expect(issues[0]!.line).toBeGreaterThan(0);
  });

  it("accepts a UTF-8 BOM and CRLF line endings", () => {
    const c = parseStudyConfig(`\uFEFF${minimal.replace(/\n/g, "\r\n")}`);
    expect(c.design.exposure).toBe("kratom_use");
  });
});
