import { describe, expect, it } from "vitest";
import { pStudentTUpper } from "../../src/core/stats/distributions/student-t.js";
import { pStudentTUpperCf } from "../../src/core/stats/distributions/student-t-cf.js";
import { pNormalUpper } from "../../src/core/stats/distributions/normal.js";

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("pStudentTUpperCf (incomplete-beta continued fraction)", () => {
  it("equals the closed forms for 1 and 2 degrees of freedom", () => {
    for (const t of [1e-6, 0.01, 0.3, 1, 2.5, 10, 1e3, 1e6]) {
      // nu = 1 (Cauchy): P(T > t) = atan(1/t) / pi; nu = 2: 1 / (s (s + t)), s = sqrt(2 + t^2)
      expect(relative(pStudentTUpperCf(t, 1), Math.atan(1 / t) / Math.PI)).toBeLessThan(1e-13);
      const s = Math.sqrt(2 + t * t);
      expect(relative(pStudentTUpperCf(t, 2), 1 / (s * (s + t)))).toBeLessThan(1e-13);
      expect(relative(pStudentTUpperCf(-t, 2), 1 - 1 / (s * (s + t)))).toBeLessThan(1e-14);
    }
  });

  it("agrees with the TOMS 708 path (pStudentTUpper) to 2e-12 relative on a grid of t and real df", () => {
    let worst = 0;
    for (let df = 1.3; df < 300; df *= 1.37) {
      for (let t = -8; t <= 40; t += 0.173) {
        worst = Math.max(worst, relative(pStudentTUpperCf(t, df), pStudentTUpper(t, df)));
      }
    }
    expect(worst).toBeLessThan(2e-12);
  });

  it("handles t = 0, infinite t, NaN and infinite df", () => {
    expect(pStudentTUpperCf(0, 7.5)).toBe(0.5);
    expect(pStudentTUpperCf(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(pStudentTUpperCf(Number.NEGATIVE_INFINITY, 3)).toBe(1);
    expect(pStudentTUpperCf(Number.NaN, 3)).toBeNaN();
    expect(pStudentTUpperCf(1.7, Number.POSITIVE_INFINITY)).toBe(pNormalUpper(1.7));
  });
});
