import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { designMatrix } from "../../src/core/stats/design-matrix.js";
import { type GlmFit, glm } from "../../src/core/stats/glm.js";
import { glmNegativeBinomial } from "../../src/core/stats/glm-nb.js";
import { digamma, trigamma } from "../../src/core/stats/special/digamma.js";
import { categorical, numeric, type SampleMetadata } from "../../src/core/table/metadata.js";
import { readMetadataFixture } from "./metadata-fixture.js";
import { expectRel as expectRelTol, designFromColumns as design } from "./helpers.js";

function expectRel(actual: number, expected: number | null, tol = 1e-8): void {
  expectRelTol(actual, expected, tol);
}

interface RTable {
  terms: string[];
  estimate: number[];
  std_error: number[];
  statistic: number[];
  p: number[];
  deviance: number;
  null_deviance: number;
  aic: number;
  iterations: number;
  converged: boolean;
}

function expectTable(fit: GlmFit, ref: RTable, tol = 1e-8): void {
  expect(fit.columnNames).toEqual(ref.terms);
  ref.estimate.forEach((v, j) => {
    expectRel(fit.coefficients[j]!, v, tol);
  });
  ref.std_error.forEach((v, j) => {
    expectRel(fit.se[j]!, v, tol);
  });
  ref.statistic.forEach((v, j) => {
    expectRel(fit.z[j]!, v, tol);
  });
  ref.p.forEach((v, j) => {
    expectRel(fit.p[j]!, v, tol);
  });
  expectRel(fit.deviance, ref.deviance, tol);
  expectRel(fit.nullDeviance, ref.null_deviance, tol);
  expectRel(fit.aic, ref.aic, tol);
  expect(fit.converged).toBe(ref.converged);
}

describe.each(["dune", "GlobalPatterns"])("logistic glm matches R glm(binomial) on %s (1e-8)", (ds) => {
  it("coefficients, se, z, p, deviance, null deviance, AIC, iterations", () => {
    const ref = JSON.parse(readFileSync(`test/fixtures/${ds}/reference/univariate.json`, "utf8")).results
      .logistic;
    const d = ref.data;
    const fit = glm(
      design([d.y.map(() => 1), d.log_rel, d.covariate], ref.values.terms),
      Float64Array.from(d.y),
      "binomial",
    );
    expectTable(fit, ref.values);
    expect(fit.iterations).toBe(ref.values.iterations);
    expect(fit.warnings).toEqual([]);
  });
});

describe("count GLMs match R (test/fixtures/extra/glm_counts.R)", () => {
  const ref = JSON.parse(readFileSync("test/fixtures/extra/glm_counts.json", "utf8"));
  it("dune Poisson with a quasi-separated level (17 iterations, as R)", () => {
    const md = readMetadataFixture("test/fixtures/dune/metadata.tsv");
    const fit = glm(designMatrix("~ Management + A1", md), Float64Array.from(ref.dune_poisson.y), "poisson");
    expect(fit.iterations).toBe(ref.dune_poisson.iterations);
    // The NM coefficient runs off towards -infinity; R stops at the same iterate, so it still matches.
    expectTable(fit, ref.dune_poisson, 1e-7);
    expect(fit.warnings).toEqual([]); // R warns neither: the fitted rates stay above 10 eps
  });
  const md = readMetadataFixture("test/fixtures/GlobalPatterns/metadata.tsv");
  const renamed: SampleMetadata = {
    ...md,
    columns: md.columns
      .filter((c) => c.name === "human_associated" || c.name === "log10_library_size")
      .map((c) =>
        c.kind === "numeric" ? numeric("lls", c.values) : categorical("human", c.values, c.levels),
      ),
  };
  it("GlobalPatterns Poisson (huge deviance, p underflowing to 0 as R)", () => {
    const fit = glm(designMatrix("~ human + lls", renamed), Float64Array.from(ref.gp_negbin.y), "poisson");
    expectTable(fit, ref.gp_poisson);
    expect(fit.iterations).toBe(ref.gp_poisson.iterations);
  });
  it("GlobalPatterns negative binomial: coefficients, theta, SE(theta), 2 loglik, AIC as MASS glm.nb", () => {
    const r = ref.gp_negbin;
    const fit = glmNegativeBinomial(designMatrix("~ human + lls", renamed), Float64Array.from(r.y));
    expectTable(fit, r);
    expectRel(fit.theta, r.theta);
    expectRel(fit.thetaSE, r.se_theta);
    expectRel(fit.twoLogLik, r.twologlik);
  });
});

describe("count GLMs with an offset match R (log library size, test/fixtures/extra/glm_counts.R)", () => {
  const ref = JSON.parse(readFileSync("test/fixtures/extra/glm_counts.json", "utf8"));
  const md = readMetadataFixture("test/fixtures/GlobalPatterns/metadata.tsv");
  const human = md.columns.find((c) => c.name === "human_associated")!.values as (string | null)[];
  const d = design(
    [human.map(() => 1), human.map((h) => (h === "yes" ? 1 : 0))],
    ["(Intercept)", "humanyes"],
  );
  const y = Float64Array.from(ref.gp_negbin.y);
  const offset = Float64Array.from(ref.gp_offset.offset);
  it("Poisson", () => {
    const fit = glm(d, y, "poisson", { offset });
    expectTable(fit, ref.gp_offset.poisson);
    expect(fit.iterations).toBe(ref.gp_offset.poisson.iterations);
  });
  it("negative binomial (null deviance refitted with the offset, as glm.nb)", () => {
    const r = ref.gp_offset.negbin;
    const fit = glmNegativeBinomial(d, y, { offset });
    expectTable(fit, r);
    expectRel(fit.theta, r.theta);
    expectRel(fit.thetaSE, r.se_theta);
  });
  it("rejects an offset of the wrong length or with NaN", () => {
    expect(() => glm(d, y, "poisson", { offset: offset.subarray(1) })).toThrow(InputError);
    expect(() => glm(d, y, "poisson", { offset: offset.map(() => Number.NaN) })).toThrow(InputError);
  });
});

describe("glm edge cases", () => {
  it("complete separation: a warning and converged or not, never an exception", () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const y = [0, 0, 0, 0, 1, 1, 1, 1];
    const fit = glm(design([x.map(() => 1), x], ["(Intercept)", "x"]), y, "binomial");
    expect(fit.warnings.some((w) => w.includes("separation"))).toBe(true);
    expect(Math.abs(fit.coefficients[1]!)).toBeGreaterThan(5);
  });
  it("hand case: logistic with one binary covariate gives the empirical log odds ratio", () => {
    // 2x2 table: g=0: 3 of 10 events, g=1: 7 of 10 events -> intercept log(3/7), slope log(49/9)
    const g = [...new Array(10).fill(0), ...new Array(10).fill(1)];
    const y = [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0];
    const fit = glm(design([g.map(() => 1), g], ["(Intercept)", "g"]), y, "binomial");
    expectRel(fit.coefficients[0]!, Math.log(3 / 7), 1e-9);
    expectRel(fit.coefficients[1]!, Math.log(49 / 9), 1e-9);
    // Wald se of the log odds ratio at the MLE: sqrt(1/3 + 1/7 + 1/7 + 1/3); IRLS (as R) takes the
    // weights of the previous iterate, ~1e-7 away from the MLE.
    expectRel(fit.se[1]!, Math.sqrt(2 / 3 + 2 / 7), 1e-5);
  });
  it("rejects responses outside the family's support", () => {
    const d = design(
      [
        [1, 1, 1],
        [1, 2, 3],
      ],
      ["(Intercept)", "x"],
    );
    expect(() => glm(d, [0, 0.5, 1], "binomial")).toThrow(InputError);
    expect(() => glm(d, [0, -1, 2], "poisson")).toThrow(InputError);
    expect(() => glmNegativeBinomial(d, [0, 1.5, 2])).toThrow(InputError);
  });
  it("digamma and trigamma: exact values at 1 and the recurrences", () => {
    expectRel(digamma(1), -0.5772156649015329, 1e-15);
    expectRel(trigamma(1), Math.PI ** 2 / 6, 1e-15);
    for (const x of [0.3, 2.5, 17, 1234.5]) {
      expectRel(digamma(x + 1), digamma(x) + 1 / x, 1e-13);
      expectRel(trigamma(x + 1), trigamma(x) - 1 / (x * x), 1e-12);
    }
  });
});
