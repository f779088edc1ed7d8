import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/random/rng.js";
import { sampleMultinomial } from "../../src/core/simulate/multinomial.js";
import { chiSquareGoodnessOfFit } from "./chi-square.js";
import { InputError } from "../../src/core/errors.js";

/** All compositions of n into k non-negative parts, with their exact multinomial probabilities. */
function enumerate(n: number, p: readonly number[]): { outcomes: string[]; probs: number[] } {
  const outcomes: string[] = [];
  const probs: number[] = [];
  const fact = (x: number): number => (x <= 1 ? 1 : x * fact(x - 1));
  const rec = (prefix: number[], left: number): void => {
    if (prefix.length === p.length - 1) {
      const xs = [...prefix, left];
      outcomes.push(xs.join(","));
      probs.push(xs.reduce((acc, x, i) => (acc * p[i]! ** x) / fact(x), fact(n)));
      return;
    }
    for (let x = 0; x <= left; x++) rec([...prefix, x], left - x);
  };
  rec([], n);
  return { outcomes, probs };
}

describe("sampleMultinomial", () => {
  it("fits the exact joint law of Multinomial(4, [0.1, 0.2, 0.3, 0.4]) (chi-square over all 35 outcomes)", () => {
    const p = [0.1, 0.2, 0.3, 0.4];
    const { outcomes, probs } = enumerate(4, p);
    expect(outcomes.length).toBe(35);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const index = new Map(outcomes.map((o, i) => [o, i]));
    const counts = new Float64Array(outcomes.length);
    const rng = createRng(11);
    const out = new Int32Array(4);
    const draws = 40_000;
    for (let i = 0; i < draws; i++) {
      // Unnormalised weights: the sampler normalises.
      sampleMultinomial(rng, 4, [1, 2, 3, 4], out);
      counts[index.get(Array.from(out).join(","))!]!++;
    }
    const gof = chiSquareGoodnessOfFit(counts, probs, draws);
    expect(gof.p).toBeGreaterThan(0.001);
  });

  it("has marginal means n p_k at sequencing depth", () => {
    const p = new Float64Array([0.5, 0.3, 0.15, 0.049, 0.001]);
    const rng = createRng(5);
    const out = new Float64Array(p.length);
    const sums = new Float64Array(p.length);
    const n = 30_000;
    const draws = 2000;
    for (let i = 0; i < draws; i++) {
      sampleMultinomial(rng, n, p, out);
      for (let k = 0; k < p.length; k++) sums[k]! += out[k]!;
    }
    for (let k = 0; k < p.length; k++) {
      const se = Math.sqrt((n * p[k]! * (1 - p[k]!)) / draws);
      expect(Math.abs(sums[k]! / draws - n * p[k]!)).toBeLessThan(4 * se);
    }
  });

  it("sums to n and never gives reads to zero weights (property)", () => {
    const rng = createRng(8);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000 }),
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 30,
        }),
        (n, w) => {
          fc.pre(w.some((x) => x > 0));
          const out = new Float64Array(w.length);
          sampleMultinomial(rng, n, w, out);
          const total = out.reduce((a, b) => a + b, 0);
          return total === n && w.every((x, k) => x > 0 || out[k] === 0);
        },
      ),
    );
  });

  it("rejects negative or all-zero weights", () => {
    const rng = createRng(1);
    expect(() => sampleMultinomial(rng, 3, [0.5, -0.1], new Float64Array(2))).toThrow(InputError);
    expect(() => sampleMultinomial(rng, 3, [0, 0], new Float64Array(2))).toThrow(InputError);
  });
});
