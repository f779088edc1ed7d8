import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError, NumericalError } from "../../src/core/errors.js";
import { designMatrix } from "../../src/core/stats/design-matrix.js";
import { ols, olsTermFTest } from "../../src/core/stats/ols.js";
import { olsAnova } from "../../src/core/stats/ols-anova.js";
import { readMetadataFixture } from "./metadata-fixture.js";
import { expectRel as expectRelTol, designFromColumns as design } from "./helpers.js";

function expectRel(actual: number, expected: number | null, tol = 1e-8): void {
  expectRelTol(actual, expected, tol);
}

function expectTable(
  fit: ReturnType<typeof ols>,
  ref: Record<string, number[] | string[]>,
  tol = 1e-8,
): void {
  expect(fit.columnNames).toEqual(ref.terms);
  (["estimate", "std_error", "statistic", "p"] as const).forEach((key, k) => {
    const ours = [fit.coefficients, fit.se, fit.t, fit.p][k]!;
    (ref[key] as number[]).forEach((v, j) => {
      expectRel(ours[j]!, v, tol);
    });
  });
}

describe("ols matches R lm on the dune univariate reference", () => {
  const ref = JSON.parse(readFileSync("test/fixtures/dune/reference/univariate.json", "utf8")).results.ols;
  it("A1 ~ log_rel + nature_management: coefficients, se, t, p, sigma, R^2 (1e-8)", () => {
    const d = ref.data;
    const ones = d.outcome.map(() => 1);
    const yes = d.covariate.map((c: string) => (c === ref.params.covariate_levels[1] ? 1 : 0));
    const fit = ols(design([ones, d.log_rel, yes], ref.values.terms), Float64Array.from(d.outcome));
    expectTable(fit, ref.values);
    expectRel(fit.sigma, ref.values.sigma);
    expectRel(fit.r2, ref.values.r_squared);
    expectRel(fit.adjR2, ref.values.adj_r_squared);
    expect(fit.dfResidual).toBe(ref.values.df_residual);
  });
});

describe("ols on designMatrix matches R lm / anova (test/fixtures/extra/ols_dune.R)", () => {
  const md = readMetadataFixture("test/fixtures/dune/metadata.tsv");
  const ref = JSON.parse(readFileSync("test/fixtures/extra/ols_dune.json", "utf8"));
  const a1 = md.columns.find((c) => c.name === "A1")!.values as Float64Array;
  for (const r of ref.fits) {
    it(`${r.formula}, F-test of ${r.f_test.term}`, () => {
      const dm = designMatrix(r.formula, md);
      const fit = ols(dm, a1);
      expectTable(fit, r);
      expectRel(fit.sigma, r.sigma);
      expectRel(fit.r2, r.r_squared);
      expectRel(fit.adjR2, r.adj_r_squared);
      expectRel(fit.rss, r.rss);
      const f = olsTermFTest(dm, a1, r.f_test.term);
      expectRel(f.statistic, r.f_test.F);
      expect([f.df1, f.df2]).toEqual([r.f_test.df1, r.f_test.df2]);
      expectRel(f.p, r.f_test.p);
    });
  }
  for (const r of ref.fits) {
    it(`${r.formula}: sequential ANOVA as R anova(lm)`, () => {
      const table = olsAnova(designMatrix(r.formula, md), a1);
      expect(table.rows.map((row) => row.term)).toEqual(r.anova.terms);
      expect(table.rows.map((row) => row.df)).toEqual(r.anova.df);
      table.rows.forEach((row, k) => {
        expectRel(row.sumSq, r.anova.sum_sq[k], 1e-10);
        expectRel(row.meanSq, r.anova.mean_sq[k], 1e-10);
        expectRel(row.F, r.anova.F[k], 1e-10);
        expectRel(row.p, r.anova.p[k], 1e-9);
      });
    });
  }
  for (const a of ref.aliased) {
    it(`${a.formula}: NumericalError naming ${a.na_coefficients[0]} (R: NA coefficient)`, () => {
      expect(() => ols(designMatrix(a.formula, md), a1)).toThrow(NumericalError);
      expect(() => ols(designMatrix(a.formula, md), a1)).toThrow(`'${a.na_coefficients[0]}'`);
    });
  }
});

describe("ols properties and edge cases", () => {
  const num = fc.integer({ min: -1000, max: 1000 }).map((v) => v / 10);
  const data = fc
    .integer({ min: 6, max: 25 })
    .chain((n) =>
      fc.tuple(
        fc.array(num, { minLength: n, maxLength: n }),
        fc.array(num, { minLength: n, maxLength: n }),
        fc.array(num, { minLength: n, maxLength: n }),
        fc.double({ min: -100, max: 100, noNaN: true }),
      ),
    );
  it("residuals are orthogonal to X; shifting x by a constant changes only the intercept", () => {
    fc.assert(
      fc.property(data, ([x1, x2, y, shift]) => {
        const ones = x1.map(() => 1);
        let fit: ReturnType<typeof ols>;
        try {
          fit = ols(design([ones, x1, x2], ["(Intercept)", "x1", "x2"]), y);
        } catch (e) {
          fc.pre(!(e instanceof NumericalError)); // collinear draw
          throw e;
        }
        const scale = Math.max(1, ...y.map(Math.abs)) * y.length;
        for (const col of [ones, x1, x2]) {
          const dot = col.reduce((s, v, i) => s + v * fit.residuals[i]!, 0);
          expect(Math.abs(dot)).toBeLessThan(1e-9 * scale * 10);
        }
        const shifted = ols(design([ones, x1.map((v) => v + shift), x2], ["(Intercept)", "x1", "x2"]), y);
        expect(shifted.coefficients[1]).toBeCloseTo(fit.coefficients[1]!, 6);
        expect(shifted.se[1]).toBeCloseTo(fit.se[1]!, 6);
        expect(shifted.rss).toBeCloseTo(fit.rss, 6);
      }),
      { numRuns: 60 },
    );
  });
  it("hand case: y = 1 + 2x exactly recovers the line; simple regression slope formula", () => {
    const x = [0, 1, 2, 3, 4];
    const y = [1.5, 2.5, 5.5, 7, 9.5];
    const fit = ols(design([x.map(() => 1), x], ["(Intercept)", "x"]), y);
    // slope = Sxy / Sxx = 20.5 / 10, intercept = ybar - slope xbar = 5.2 - 2.05 * 2
    expectRel(fit.coefficients[1]!, 2.05, 1e-14);
    expectRel(fit.coefficients[0]!, 1.1, 1e-13);
    expect(fit.residuals.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 12);
  });
  it("rejects bad input", () => {
    const d = design(
      [
        [1, 1, 1],
        [1, 2, 3],
      ],
      ["(Intercept)", "x"],
    );
    expect(() => ols(d, [1, 2])).toThrow(InputError);
    expect(() => ols(d, [1, Number.NaN, 2])).toThrow(InputError);
    expect(() =>
      ols(
        design(
          [
            [1, 1],
            [1, 2],
          ],
          ["(Intercept)", "x"],
        ),
        [1, 2],
      ),
    ).toThrow(InputError);
    expect(() =>
      ols(
        design(
          [
            [1, 1, 1],
            [2, 2, 2],
          ],
          ["(Intercept)", "x"],
        ),
        [1, 2, 3],
      ),
    ).toThrow("'x' is aliased");
    const md = readMetadataFixture("test/fixtures/dune/metadata.tsv");
    const dm = designMatrix("~ Use * A1", md);
    const a1 = md.columns.find((c) => c.name === "A1")!.values as Float64Array;
    expect(() => olsTermFTest(dm, a1, "Use")).toThrow("marginal");
  });
});
