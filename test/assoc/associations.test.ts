import { describe, expect, it } from "vitest";
import { associations } from "../../src/core/assoc/associations.js";
import { doseResponse } from "../../src/core/assoc/dose-response.js";
import { InputError } from "../../src/core/errors.js";
import { metadata, small, table } from "./assoc-small.js";

/** The outcome ~ CLR(taxon) + age scan of one outcome column. */
function onClr(outcome: string, type: "continuous" | "binary" | "count") {
  return associations(table, metadata, {
    model: "outcome_on_clr",
    outcome,
    type,
    ...(type === "binary" ? { positive: "yes" } : {}),
    covariates: ["age"],
  });
}

function expectRows(
  rows: { estimate: number; se: number; statistic: number; p: number }[],
  expected: number[][],
  rel: number,
): void {
  expect(rows).toHaveLength(5);
  rows.forEach((r, j) => {
    const [b, se, stat, p] = expected[j]!;
    expect(Math.abs(r.estimate - b!)).toBeLessThanOrEqual(rel * Math.abs(b!));
    expect(Math.abs(r.se - se!)).toBeLessThanOrEqual(rel * se!);
    expect(Math.abs(r.statistic - stat!)).toBeLessThanOrEqual(rel * Math.abs(stat!));
    expect(Math.abs(r.p - p!)).toBeLessThanOrEqual(rel * 10 * p! + 1e-15);
  });
}

describe("associations, model outcome_on_clr (vs R lm / glm / MASS::glm.nb)", () => {
  it("continuous outcome: OLS per unit CLR, adjusted for age", () => {
    const res = onClr("continuous", "continuous");
    expect(res.method).toBe("ols");
    expect(res.rows[0]!.estimate_scale).toBe("per unit CLR");
    expectRows(res.rows, small.ols, 1e-9);
  });

  it("binary outcome: logistic regression, log odds ratio per unit CLR", () => {
    const res = onClr("binary", "binary");
    expect(res.rows[0]!.estimate_scale).toBe("log odds ratio per unit CLR");
    expectRows(res.rows, small.logistic, 1e-7);
  });

  it("overdispersed count outcome: negative binomial chosen by the LR test", () => {
    const res = onClr("count_nb", "count");
    expect(res.method).toBe("negative_binomial");
    expect(Math.abs(res.dispersion!.lrStatistic - small.lr_nb.lr)).toBeLessThan(1e-6 * small.lr_nb.lr);
    expect(res.notes.join(" ")).toMatch(/negative binomial/);
    expectRows(res.rows, small.negbin, 1e-6);
  });

  it("equidispersed count outcome: Poisson kept", () => {
    const res = onClr("count_poisson", "count");
    expect(res.method).toBe("poisson");
    expect(Math.abs(res.dispersion!.p - small.lr_poisson.p)).toBeLessThan(1e-6);
    expectRows(res.rows, small.poisson, 1e-7);
  });

  it("q values are BH across taxa and n counts the samples", () => {
    const res = associations(table, metadata, {
      model: "outcome_on_clr",
      outcome: "continuous",
      type: "continuous",
    });
    for (const r of res.rows) {
      expect(r.q).toBeGreaterThanOrEqual(r.p);
      expect(r.n).toBe(40);
    }
  });

  it("rejects a missing outcome column and a non-binary 'binary' outcome", () => {
    expect(() => associations(table, metadata, { outcome: "nope", type: "continuous" })).toThrow(InputError);
    expect(() => associations(table, metadata, { outcome: "age", type: "binary" })).toThrow(/2/);
  });
});

describe("doseResponse (vs R lm among the exposed)", () => {
  it("CLR ~ dose + age among samples with dose > 0", () => {
    const res = doseResponse(table, metadata, { dose: "dose", covariates: ["age"] });
    expect(res.n).toBe(small.dose.filter((d) => d > 0).length);
    expectRows(res.rows, small.dose_response, 1e-9);
  });
});
