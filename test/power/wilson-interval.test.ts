/**
 * Wilson score interval: against R `prop.test(x, n, correct = FALSE)` (test/fixtures/extra/wilson.json),
 * a hand calculation and its closed forms at the edges, and properties (contains p, symmetric,
 * inside [0, 1], narrows with n).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wilsonInterval, Z_95 } from "../../src/core/stats/wilson-interval.js";
import { WILSON_CASES } from "./wilson-reference.js";
import { InputError } from "../../src/core/errors.js";

describe("wilsonInterval", () => {
  it("matches R prop.test(x, n, correct = FALSE)", () => {
    for (const c of WILSON_CASES) {
      const ci = wilsonInterval(c.successes, c.trials);
      expect(ci.low).toBeCloseTo(c.low, 12);
      expect(ci.high).toBeCloseTo(c.high, 12);
    }
  });

  it("matches a hand calculation for 7 of 20 at z = 1.96", () => {
    // p = 0.35, z^2 = 3.8416, 1 + z^2/n = 1.19208, centre = (0.35 + 0.09604) / 1.19208 = 0.374172,
    // half = (1.96 / 1.19208) sqrt(0.35 * 0.65 / 20 + 3.8416 / 1600) = 1.644185 * 0.117371 = 0.192978
    const ci = wilsonInterval(7, 20, 1.96);
    expect(ci.low).toBeCloseTo(0.374172 - 0.192978, 5);
    expect(ci.high).toBeCloseTo(0.374172 + 0.192978, 5);
  });

  it("has the closed forms [0, z^2 / (n + z^2)] at x = 0 and [n / (n + z^2), 1] at x = n", () => {
    const z2 = Z_95 * Z_95;
    for (const n of [1, 5, 40]) {
      expect(wilsonInterval(0, n)).toEqual({ low: 0, high: expect.closeTo(z2 / (n + z2), 14) });
      expect(wilsonInterval(n, n)).toEqual({ low: expect.closeTo(n / (n + z2), 14), high: 1 });
    }
  });

  it("returns [0, 1] for no trials and rejects impossible counts", () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(() => wilsonInterval(3, 2)).toThrow(InputError);
    expect(() => wilsonInterval(-1, 2)).toThrow(InputError);
    expect(() => wilsonInterval(0.5, 2)).toThrow(InputError);
  });

  it("contains p, stays in [0, 1], is symmetric in successes and failures", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, u) => {
        const x = Math.round(u * n);
        const ci = wilsonInterval(x, n);
        const mirrored = wilsonInterval(n - x, n);
        expect(ci.low).toBeGreaterThanOrEqual(0);
        expect(ci.high).toBeLessThanOrEqual(1);
        expect(ci.low).toBeLessThanOrEqual(x / n + 1e-15);
        expect(ci.high).toBeGreaterThanOrEqual(x / n - 1e-15);
        expect(ci.low).toBeCloseTo(1 - mirrored.high, 12);
      }),
    );
  });

  it("narrows as trials grow at a fixed proportion", () => {
    const widths = [10, 40, 160, 640].map((n) => {
      const ci = wilsonInterval(n / 2, n);
      return ci.high - ci.low;
    });
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1]!);
  });
});
