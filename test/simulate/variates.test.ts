import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/random/rng.js";
import { categoricalIndex, logNormal, roundTo, truncatedNormal } from "../../src/core/simulate/variates.js";
import { chiSquareGoodnessOfFit } from "./chi-square.js";

describe("simulator variates", () => {
  it("draws categories with the given (unnormalised) weights", () => {
    const rng = createRng(21);
    const counts = new Float64Array(3);
    const draws = 30_000;
    for (let i = 0; i < draws; i++) counts[categoricalIndex(rng, [8, 1.5, 0.5])]!++;
    expect(chiSquareGoodnessOfFit(counts, [0.8, 0.15, 0.05], draws).p).toBeGreaterThan(0.001);
  });

  it("keeps a truncated normal inside its window with the truncated mean", () => {
    // Standard normal truncated to [0, inf): mean sqrt(2 / pi) = 0.7979.
    const rng = createRng(22);
    let sum = 0;
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      const x = truncatedNormal(rng, 0, 1, 0, Number.POSITIVE_INFINITY);
      expect(x).toBeGreaterThanOrEqual(0);
      sum += x;
    }
    const sd = Math.sqrt(1 - 2 / Math.PI);
    expect(Math.abs(sum / draws - Math.sqrt(2 / Math.PI))).toBeLessThan((4 * sd) / Math.sqrt(draws));
  });

  it("draws a log-normal with the given median", () => {
    const rng = createRng(23);
    const xs = Array.from({ length: 20_001 }, () => logNormal(rng, 30_000, 0.35)).sort((a, b) => a - b);
    // Median of 20,001 draws: SE ~ 1.2533 * 0.35 * 30,000 / sqrt(20,001) ~ 93 reads.
    expect(Math.abs(xs[10_000]! - 30_000)).toBeLessThan(400);
  });

  it("rounds half away from zero on decimals", () => {
    expect(roundTo(2.45, 1)).toBe(2.5);
    expect(roundTo(-2.45, 1)).toBe(-2.5);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(37.4999, 0)).toBe(37);
  });
});
