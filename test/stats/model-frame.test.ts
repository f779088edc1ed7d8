import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { modelFrame } from "../../src/core/stats/model-frame.js";
import { ols } from "../../src/core/stats/ols.js";
import { categorical, numeric, type SampleMetadata } from "../../src/core/table/metadata.js";
import { expectRel } from "./helpers.js";
import { readMetadataFixture } from "./metadata-fixture.js";

const small: SampleMetadata = {
  idHeader: "id",
  ids: ["s1", "s2", "s3", "s4", "s5", "s6"],
  columns: [
    numeric("y", [1.5, Number.NaN, 2.5, 4, 3, 6]),
    categorical("resp", ["no", "yes", null, "yes", "no", "yes"]),
    numeric("dose", [1, 2, 3, Number.NaN, 5, 6]),
    categorical("three", ["a", "b", "c", "a", "b", "c"]),
  ],
};

function issueCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).issues[0]!.code;
  }
  throw new Error("expected an InputError");
}

describe("modelFrame", () => {
  it("drops rows with a missing response or predictor and aligns y with the design rows", () => {
    const mf = modelFrame("y ~ dose", small);
    expect(mf.droppedIds).toEqual(["s2", "s4"]);
    expect(Array.from(mf.y)).toEqual([1.5, 2.5, 3, 6]);
    expect(Array.from(mf.design.rows)).toEqual([0, 2, 4, 5]);
    expect(mf.design.droppedIds).toEqual(["s2", "s4"]);
    const sub = modelFrame("y ~ dose", small, { ids: ["s6", "s2", "s1"] });
    expect(Array.from(sub.y)).toEqual([6, 1.5]);
    expect(Array.from(sub.design.rows)).toEqual([0, 2]);
    expect(sub.droppedIds).toEqual(["s2"]);
  });
  it("codes a two-level categorical response 0/1 with the second level (or `positive`) as 1", () => {
    const mf = modelFrame("resp ~ dose", small);
    expect(mf.droppedIds).toEqual(["s3", "s4"]);
    expect(Array.from(mf.y)).toEqual([0, 1, 0, 1]);
    expect(Array.from(modelFrame("resp ~ dose", small, { positive: "no" }).y)).toEqual([1, 0, 1, 0]);
  });
  it("rejects formulas without a response and ambiguous or unknown responses", () => {
    expect(issueCode(() => modelFrame("~ dose", small))).toBe("bad_formula");
    expect(issueCode(() => modelFrame("zz ~ dose", small))).toBe("missing_column");
    expect(issueCode(() => modelFrame("three ~ dose", small))).toBe("bad_level");
    expect(issueCode(() => modelFrame("resp ~ dose", small, { positive: "maybe" }))).toBe("bad_level");
    expect(issueCode(() => modelFrame("y ~ dose", small, { positive: "yes" }))).toBe("bad_argument");
  });
  it("feeds ols to reproduce R lm(A1 ~ Moisture + Use) on dune", () => {
    const ref = JSON.parse(readFileSync("test/fixtures/extra/ols_dune.json", "utf8"));
    const r = ref.fits.find((f: { formula: string }) => f.formula === "A1 ~ Moisture + Use");
    const md = readMetadataFixture("test/fixtures/dune/metadata.tsv");
    const mf = modelFrame(r.formula, md);
    const fit = ols(mf.design, mf.y);
    r.estimate.forEach((v: number, j: number) => {
      expectRel(fit.coefficients[j]!, v, 1e-8);
    });
  });
});
