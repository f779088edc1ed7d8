import { describe, expect, it } from "vitest";
import { designMatrix } from "../../src/core/stats/design-matrix.js";
import { lmmRandomIntercept } from "../../src/core/stats/lmm.js";
import { lmmSatterthwaite, lmmTermFTest } from "../../src/core/stats/lmm-satterthwaite.js";
import { categorical, numeric, type SampleMetadata } from "../../src/core/table/metadata.js";
import { expectRel } from "./helpers.js";
import { longitudinalMetadata, longitudinalRef } from "./longitudinal-fixture.js";
import { readFileSync } from "node:fs";

const lmmSim = JSON.parse(readFileSync("test/fixtures/extra/lmm.json", "utf8")).sim;

function simCase() {
  const ids = lmmSim.y.map((_: number, i: number) => `r${i}`);
  const md: SampleMetadata = {
    idHeader: "id",
    ids,
    columns: [numeric("x", lmmSim.x), categorical("trt", lmmSim.trt, ["placebo", "drug"])],
  };
  return { dm: designMatrix("~ x + trt", md), y: Float64Array.from(lmmSim.y), groups: lmmSim.g };
}

function shannonCase() {
  const md = longitudinalMetadata();
  return {
    dm: designMatrix("~ time + sex", md),
    y: Float64Array.from(longitudinalRef.shannon),
    groups: longitudinalRef.subject,
  };
}

describe.each([
  ["sim", simCase],
  ["shannon", shannonCase],
] as const)(
  "Satterthwaite df match lmerTest (%s case of test/fixtures/extra/longitudinal.R)",
  (name, setup) => {
    const ref = longitudinalRef.satterthwaite[name];
    const { dm, y, groups } = setup();
    const fit = lmmSatterthwaite(dm, y, groups);
    it("estimates, se and t as lmer (1e-6)", () => {
      expect(fit.columnNames).toEqual(ref.names);
      ref.estimate.forEach((v: number, j: number) => expectRel(fit.coefficients[j]!, v, 1e-6));
      ref.se.forEach((v: number, j: number) => expectRel(fit.se[j]!, v, 1e-6));
      ref.t.forEach((v: number, j: number) => expectRel(fit.t[j]!, v, 1e-6));
    });
    it("df and p as lmerTest's Satterthwaite (1e-5)", () => {
      ref.df.forEach((v: number, j: number) => expectRel(fit.df[j]!, v, 1e-5));
      ref.p.forEach((v: number, j: number) => expectRel(fit.p[j]!, v, 1e-5));
      expect(fit.method).toContain("Satterthwaite");
    });
  },
);

describe("Satterthwaite properties", () => {
  it("df lie between the within-subject containment df and the total df for a within-subject term", () => {
    const { dm, y, groups } = shannonCase();
    const fit = lmmSatterthwaite(dm, y, groups);
    const containment = lmmRandomIntercept(dm, y, groups).df;
    expect(fit.df[1]).toBeGreaterThan(0);
    expect(fit.df[1]).toBeLessThanOrEqual(dm.nRows - dm.nCols);
    expect(containment[1]).toBeLessThanOrEqual(dm.nRows - dm.nCols);
  });
  it("a fit with no between-subject variance keeps the containment df and says so", () => {
    // identical within-subject pattern, subject means equal: theta-hat = 0
    const groups = ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e"];
    const md: SampleMetadata = {
      idHeader: "id",
      ids: groups.map((_, i) => `s${i}`),
      columns: [numeric("x", [0, 1, 0, 1, 0, 1, 0, 1, 0, 1])],
    };
    const y = [1, 2.3, 1.4, 1.9, 0.8, 2.4, 1.2, 2.2, 1.1, 1.6];
    const fit = lmmSatterthwaite(designMatrix("~ x", md), y, groups);
    expect(fit.df.every((d) => Number.isFinite(d) && d > 0)).toBe(true);
  });
});

describe("multi-df Satterthwaite F tests match lmerTest anova() (type III)", () => {
  const cases = {
    sim: () => {
      const md: SampleMetadata = {
        idHeader: "id",
        ids: lmmSim.y.map((_: number, i: number) => `r${i}`),
        columns: [
          categorical("band", longitudinalRef.anova.band, ["low", "mid", "high"]),
          categorical("trt", lmmSim.trt, ["placebo", "drug"]),
        ],
      };
      return { dm: designMatrix("~ band + trt", md), y: Float64Array.from(lmmSim.y), groups: lmmSim.g };
    },
    shannon: shannonCase,
  } as const;
  it.each(["sim", "shannon"] as const)("%s: F, NumDF, DenDF and p (1e-5)", (name) => {
    const ref = longitudinalRef.anova[name];
    const { dm, y, groups } = cases[name]();
    ref.terms.forEach((label: string, k: number) => {
      const term = dm.terms.find((t) => t.label === label)!;
      const f = lmmTermFTest(dm, y, groups, term.columns);
      expectRel(f.statistic, ref.F[k], 1e-6);
      expect(f.df1).toBe(ref.NumDF[k]);
      expectRel(f.df2, ref.DenDF[k], 1e-5);
      expectRel(f.p, ref.p[k], 1e-5);
    });
  });
});
