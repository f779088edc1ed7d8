import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/random/rng.js";
import { sampleBinomial } from "../../src/core/simulate/binomial.js";
import { binomialPmf, chiSquareGoodnessOfFit } from "./chi-square.js";
import { InputError } from "../../src/core/errors.js";

const DRAWS = 20_000;

describe("sampleBinomial", () => {
  // Includes Binomial(20, 0.5), where @stdlib/random-base-binomial 0.2.2 has mean 10.54.
  const cases: [number, number][] = [
    [20, 0.5],
    [10, 0.01],
    [50, 0.9],
    [1000, 0.3],
    [30_000, 0.02],
    [30_000, 0.5],
  ];
  for (const [n, p] of cases) {
    it(`fits Binomial(${n}, ${p}) by chi-square goodness of fit`, () => {
      const rng = createRng(1000 + n);
      const counts = new Float64Array(n + 1);
      let sum = 0;
      for (let i = 0; i < DRAWS; i++) {
        const x = sampleBinomial(rng, n, p);
        counts[x]!++;
        sum += x;
      }
      const gof = chiSquareGoodnessOfFit(counts, binomialPmf(n, p), DRAWS);
      expect(gof.p).toBeGreaterThan(0.001);
      // Mean within 4 standard errors of n p.
      const se = Math.sqrt((n * p * (1 - p)) / DRAWS);
      expect(Math.abs(sum / DRAWS - n * p)).toBeLessThan(4 * se);
    });
  }

  it("returns the degenerate values at the edges", () => {
    const rng = createRng(1);
    expect(sampleBinomial(rng, 0, 0.3)).toBe(0);
    expect(sampleBinomial(rng, 17, 0)).toBe(0);
    expect(sampleBinomial(rng, 17, 1)).toBe(17);
    expect(() => sampleBinomial(rng, 2.5, 0.3)).toThrow(InputError);
    expect(() => sampleBinomial(rng, 5, 1.2)).toThrow(InputError);
  });

  it("always returns an integer in [0, n] (property)", () => {
    const rng = createRng(3);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, p) => {
          const x = sampleBinomial(rng, n, p);
          return Number.isInteger(x) && x >= 0 && x <= n;
        },
      ),
    );
  });

  it("gives the same draws for the same seed", () => {
    const a = createRng(9);
    const b = createRng(9);
    for (let i = 0; i < 200; i++) expect(sampleBinomial(a, 500, 0.37)).toBe(sampleBinomial(b, 500, 0.37));
  });
});
