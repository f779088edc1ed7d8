import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { designMatrix } from "../../src/core/stats/design-matrix.js";
import { lmmAtTheta, lmmRandomIntercept, lmmRemlCriterion } from "../../src/core/stats/lmm.js";
import { ols } from "../../src/core/stats/ols.js";
import { brentMinimize } from "../../src/core/stats/optimize/brent-minimize.js";
import {
  categorical,
  type MetadataColumn,
  numeric,
  type SampleMetadata,
} from "../../src/core/table/metadata.js";
import { readMetadataFixture } from "./metadata-fixture.js";
import { expectRel } from "./helpers.js";

const ref = JSON.parse(readFileSync("test/fixtures/extra/lmm.json", "utf8"));

function setup(k: number) {
  const c = ref.cases[k];
  let md: SampleMetadata;
  let yName: string;
  if (k === 0) {
    md = readMetadataFixture("test/fixtures/dune/metadata.tsv");
    yName = "A1";
  } else {
    const s = ref.sim;
    const ids = s.y.map((_: number, i: number) => `r${i}`);
    const columns: MetadataColumn[] = [
      numeric("y", s.y),
      numeric("x", s.x),
      categorical("trt", s.trt, ["placebo", "drug"]),
      categorical("g", s.g),
    ];
    md = { idHeader: "id", ids, columns };
    yName = "y";
  }
  const col = (name: string) => md.columns.find((m) => m.name === name)!;
  const dm = designMatrix(c.fixed.replace(/^\w+\s*/, ""), md);
  const y = Float64Array.from(dm.rows, (r) => (col(yName).values as Float64Array)[r]!);
  const groups = Array.from(dm.rows, (r) => (col(c.group).values as (string | null)[])[r]!);
  return { c, dm, y, groups };
}

describe.each([0, 1])(
  "random-intercept LMM matches lme4 / nlme (case %i of test/fixtures/extra/lmm.R)",
  (k) => {
    const { c, dm, y, groups } = setup(k);
    it("the profiled REML criterion equals lme4's devfun at theta = 0, 1 and its optimum (1e-10)", () => {
      expectRel(lmmRemlCriterion(dm, y, groups, 0), c.optimum.reml_at_0, 1e-10);
      expectRel(lmmRemlCriterion(dm, y, groups, 1), c.optimum.reml_at_1, 1e-10);
      expectRel(lmmRemlCriterion(dm, y, groups, c.lme4.theta), c.lme4.reml, 1e-10);
    });
    it("at lme4's theta: fixed effects, se and sigma as lme4 (1e-8)", () => {
      const fit = lmmAtTheta(dm, y, groups, c.lme4.theta);
      expect(fit.columnNames).toEqual(c.lme4.names);
      c.lme4.fixef.forEach((v: number, j: number) => {
        expectRel(fit.coefficients[j]!, v, 1e-8);
      });
      c.lme4.se.forEach((v: number, j: number) => {
        expectRel(fit.se[j]!, v, 1e-8);
      });
      expectRel(fit.sigma, c.lme4.sigma, 1e-8);
    });
    it("the optimum: theta as R optimize(devfun, tol = 1e-12), REML criterion at least as low as lme4's", () => {
      const fit = lmmRandomIntercept(dm, y, groups);
      expect(Math.abs(fit.theta - c.optimum.theta)).toBeLessThan(1e-6);
      expect(fit.remlCriterion).toBeLessThanOrEqual(c.lme4.reml + 1e-10);
      expect(fit.warnings.length > 0).toBe(c.lme4.theta < 1e-4);
    });
    it("t-table (df, t, p) as nlme lme (1e-6: nlme's own optimiser stops ~1e-7 from the optimum)", () => {
      const fit = lmmRandomIntercept(dm, y, groups);
      expect(fit.df).toEqual(c.nlme.df);
      c.nlme.value.forEach((v: number, j: number) => {
        expectRel(fit.coefficients[j]!, v, 1e-6);
      });
      c.nlme.t.forEach((v: number, j: number) => {
        expectRel(fit.t[j]!, v, 1e-6);
      });
      c.nlme.p.forEach((v: number, j: number) => {
        expectRel(fit.p[j]!, v, 1e-6);
      });
    });
  },
);

describe("LMM properties and edge cases", () => {
  it("at theta = 0 the fit is OLS", () => {
    const { dm, y, groups } = setup(1);
    const lmm = lmmAtTheta(dm, y, groups, 0);
    const o = ols(dm, y);
    lmm.coefficients.forEach((b, j) => {
      expectRel(b, o.coefficients[j]!, 1e-12);
    });
    lmm.se.forEach((s, j) => {
      expectRel(s, o.se[j]!, 1e-12);
    });
  });
  it("shifting y by a constant changes only the intercept", () => {
    const { dm, y, groups } = setup(1);
    const a = lmmRandomIntercept(dm, y, groups);
    const b = lmmRandomIntercept(
      dm,
      y.map((v) => v + 100),
      groups,
    );
    expectRel(b.coefficients[0]!, a.coefficients[0]! + 100, 1e-9);
    expectRel(b.coefficients[1]!, a.coefficients[1]!, 1e-7);
    expectRel(b.theta, a.theta, 1e-6);
  });
  it("rejects one group and mismatched labels", () => {
    const { dm, y, groups } = setup(1);
    expect(() =>
      lmmRandomIntercept(
        dm,
        y,
        groups.map(() => "one"),
      ),
    ).toThrow(InputError);
    expect(() => lmmRandomIntercept(dm, y, groups.slice(1))).toThrow(InputError);
  });
  it("Brent finds the minimum of a parabola and of cos on [0, 2pi] (as R optimize)", () => {
    expect(brentMinimize((x) => (x - 1.234) ** 2, 0, 5).x).toBeCloseTo(1.234, 8);
    expect(brentMinimize(Math.cos, 0, 2 * Math.PI).x).toBeCloseTo(Math.PI, 6);
  });
});
