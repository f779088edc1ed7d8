import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { pChiSquareUpper } from "../../src/core/stats/distributions/chi-square.js";
import { pFUpper } from "../../src/core/stats/distributions/f.js";
import { pNormalTwoSided, pNormalUpper, qNormal } from "../../src/core/stats/distributions/normal.js";
import {
  pStudentTTwoSided,
  pStudentTUpper,
  qStudentT,
} from "../../src/core/stats/distributions/student-t.js";
import { expectRel } from "./helpers.js";

// R 4.2.2 values, test/fixtures/extra/distributions.R (calls listed in the JSON).
const ref = JSON.parse(readFileSync("test/fixtures/extra/distributions.json", "utf8")) as {
  studentTTwoSided: { t: number; df: number; p: number }[];
  fUpper: { f: number; df1: number; df2: number; p: number }[];
  chiSquareUpper: { x: number; df: number; p: number }[];
  normal: { z: number; upper: number; twoSided: number }[];
  qNormal: { p: number; q: number }[];
  qStudentT: { p: number; df: number; q: number }[];
};

describe("tail probabilities match R to 1e-10 relative, tiny p included", () => {
  it("pStudentTTwoSided = 2 * pt(|t|, df, lower.tail = FALSE)", () => {
    for (const c of ref.studentTTwoSided) expectRel(pStudentTTwoSided(c.t, c.df), c.p, 1e-10);
  });
  it("pFUpper = pf(f, df1, df2, lower.tail = FALSE)", () => {
    for (const c of ref.fUpper) expectRel(pFUpper(c.f, c.df1, c.df2), c.p, 1e-10);
  });
  it("pChiSquareUpper = pchisq(x, df, lower.tail = FALSE)", () => {
    for (const c of ref.chiSquareUpper) expectRel(pChiSquareUpper(c.x, c.df), c.p, 1e-10);
  });
  it("pNormalUpper and pNormalTwoSided = pnorm(lower.tail = FALSE)", () => {
    for (const c of ref.normal) {
      expectRel(pNormalUpper(c.z), c.upper, 1e-10);
      expectRel(pNormalTwoSided(c.z), c.twoSided, 1e-10);
    }
  });
  it("reaches 1e-200 and below", () => {
    expect(ref.normal.some((c) => c.upper < 1e-290)).toBe(true);
    expect(ref.studentTTwoSided.some((c) => c.p > 0 && c.p < 1e-200)).toBe(true);
  });
});

describe("quantiles match R", () => {
  it("qNormal = qnorm(p)", () => {
    for (const c of ref.qNormal) expectRel(qNormal(c.p), c.q, 1e-12);
  });
  it("qStudentT = qt(p, df)", () => {
    for (const c of ref.qStudentT) {
      if (c.q === 0) expect(Math.abs(qStudentT(c.p, c.df))).toBeLessThan(1e-14);
      else expectRel(qStudentT(c.p, c.df), c.q, 1e-10);
    }
  });
});

describe("distribution properties", () => {
  it("t quantile inverts the upper tail", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 1 - 1e-9, noNaN: true }),
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        (p, df) => {
          const q = qStudentT(p, df);
          expectRel(pStudentTUpper(q, df), 1 - p, 1e-8);
        },
      ),
    );
  });
  it("two-sided t tends to the normal as df grows, and equals it at df = Infinity", () => {
    expectRel(pStudentTTwoSided(2.5, 1e9), pNormalTwoSided(2.5), 1e-7); // R: relative gap 1.28e-8 at 1e9 df
    expect(pStudentTTwoSided(2.5, Number.POSITIVE_INFINITY)).toBe(pNormalTwoSided(2.5));
  });
  it("F(1, ν) upper tail of t² equals the two-sided t p-value; chi-square(1) of z² the two-sided normal", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 1, max: 200, noNaN: true }),
        (t, df) => {
          expectRel(pFUpper(t * t, 1, df), pStudentTTwoSided(t, df), 1e-10);
          expectRel(pChiSquareUpper(t * t, 1), pNormalTwoSided(t), 1e-10);
        },
      ),
    );
  });
  it("edge cases: boundaries, NaN passes through, bad df throws", () => {
    expect(pFUpper(0, 2, 3)).toBe(1);
    expect(pChiSquareUpper(Number.POSITIVE_INFINITY, 2)).toBe(0);
    expect(pStudentTTwoSided(Number.NaN, 3)).toBeNaN();
    expect(qNormal(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(qNormal(1)).toBe(Number.POSITIVE_INFINITY);
    expect(() => pStudentTTwoSided(1, 0)).toThrow(InputError);
    expect(() => pFUpper(1, -1, 3)).toThrow(InputError);
    expect(() => qNormal(1.5)).toThrow(InputError);
  });
});
