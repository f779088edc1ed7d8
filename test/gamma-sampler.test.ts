import { describe, expect, it } from "vitest";
import { GammaSampler } from "../src/core/random/gamma-sampler.js";
import { pChiSquareUpper } from "../src/core/stats/distributions/chi-square.js";
import { pNormalUpper } from "../src/core/stats/distributions/normal.js";

describe("GammaSampler", () => {
  it("MT19937 words equal the reference implementation (init_genrand(5489))", () => {
    // mt19937ar.c (Matsumoto & Nishimura), default seed 5489: first five genrand_int32 outputs
    const g = new GammaSampler(5489);
    expect([g.word(), g.word(), g.word(), g.word(), g.word()]).toEqual([
      3499211612, 581869302, 3890346734, 3586334585, 545404204,
    ]);
  });

  it("is deterministic per seed", () => {
    const a = new GammaSampler(7);
    const b = new GammaSampler(7);
    const c = new GammaSampler(8);
    const xa = Array.from({ length: 50 }, () => a.gamma(2.5));
    expect(Array.from({ length: 50 }, () => b.gamma(2.5))).toEqual(xa);
    expect(Array.from({ length: 50 }, () => c.gamma(2.5))).not.toEqual(xa);
  });

  it.each([0.5, 1, 1.5, 7.5, 300.5])(
    "Gamma(%f, 1) passes a Kolmogorov–Smirnov test against its CDF",
    (shape) => {
      const g = new GammaSampler(11);
      const n = 20000;
      const x = Float64Array.from({ length: n }, () => g.gamma(shape)).sort();
      let d = 0;
      x.forEach((v, i) => {
        // P(G <= v) = P(chi2_{2 shape} <= 2 v)
        const cdf = 1 - pChiSquareUpper(2 * v, 2 * shape);
        d = Math.max(d, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
      });
      // 1.63 / sqrt(n): the 1% critical value of the KS statistic
      expect(d).toBeLessThan(1.63 / Math.sqrt(n));
      const mean = x.reduce((s, v) => s + v, 0) / n;
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / n));
    },
  );

  it("normal() (ziggurat) passes a Kolmogorov–Smirnov test against the normal CDF, tails included", () => {
    const g = new GammaSampler(17);
    const n = 100000;
    const z = Float64Array.from({ length: n }, () => g.normal()).sort();
    let d = 0;
    z.forEach((v, i) => {
      const cdf = pNormalUpper(-v);
      d = Math.max(d, Math.abs(cdf - i / n), Math.abs(cdf - (i + 1) / n));
    });
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
    // the base layer's tail beyond r = 3.4426: expected share 2 P(Z > r) = 5.76e-4
    const beyond = z.filter((v) => Math.abs(v) > 3.442619855899).length / n;
    expect(Math.abs(beyond - 2 * pNormalUpper(3.442619855899))).toBeLessThan(4 * Math.sqrt(5.76e-4 / n));
  });

  it("normal(): N(0, 1) by its first two moments", () => {
    const g = new GammaSampler(3);
    const n = 40000;
    const z = Float64Array.from({ length: n }, () => g.normal());
    const mean = z.reduce((s, v) => s + v, 0) / n;
    const v = z.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(v - 1)).toBeLessThan(0.03);
  });
});
