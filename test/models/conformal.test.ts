import { describe, expect, it } from "vitest";
import { bootstrapCi } from "../../src/core/models/bootstrap-ci.js";
import { cvPlus, type RegressionFit, splitConformal } from "../../src/core/models/conformal.js";
import { permutationNull } from "../../src/core/models/permutation-null.js";
import { vennAbers } from "../../src/core/models/venn-abers.js";
import { createRng } from "../../src/core/random/rng.js";

/** Ordinary least squares on one feature (x row-major n x 1): a cheap learner for coverage runs. */
const olsFit: RegressionFit = (x, y, n) => {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  const b = sxy / sxx;
  return (xt, m) => Float64Array.from({ length: m }, (_, i) => my + b * (xt[i]! - mx));
};

function simulate(n: number, seed: number): { x: Float64Array; y: Float64Array } {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n }, () => rng.normal());
  // heavy-ish tailed noise: the interval must not rely on normality
  const y = Float64Array.from(x, (v) => 1 + 2 * v + rng.normal() * (1 + rng.uniform()));
  return { x, y };
}

describe("conformal coverage on simulated data (alpha = 0.1, 400 seeds, one test point each)", () => {
  const seeds = 400;
  // binomial band: 0.9 +- 3.29 sd, sd = sqrt(0.9 * 0.1 / 400) = 0.015
  const band = 3.29 * Math.sqrt((0.9 * 0.1) / seeds);
  for (const method of ["split", "cv+"] as const) {
    it(`${method} covers within the binomial band of 90%`, () => {
      let covered = 0;
      for (let s = 0; s < seeds; s++) {
        const { x, y } = simulate(41, 1000 + s);
        const xt = x.subarray(40);
        const iv =
          method === "split"
            ? splitConformal(
                { x: x.subarray(0, 40), y: y.subarray(0, 40), n: 40, p: 1 },
                { x: xt, m: 1 },
                olsFit,
                {
                  seed: s,
                  alpha: 0.1,
                },
              )
            : cvPlus({ x: x.subarray(0, 40), y: y.subarray(0, 40), n: 40, p: 1 }, { x: xt, m: 1 }, olsFit, {
                seed: s,
                alpha: 0.1,
                k: 5,
              });
        if (iv.lower[0]! <= y[40]! && y[40]! <= iv.upper[0]!) covered++;
      }
      const coverage = covered / seeds;
      // split conformal: upper coverage bound 1 - alpha + 1/(m + 1) = 0.948 for m = 20
      expect(coverage).toBeGreaterThan(0.9 - band);
      expect(coverage).toBeLessThan(0.948 + band);
    });
  }
  it("needs enough calibration samples for the level", () => {
    const { x, y } = simulate(10, 1);
    expect(() =>
      splitConformal({ x, y, n: 10, p: 1 }, { x, m: 1 }, olsFit, { seed: 1, alpha: 0.05 }),
    ).toThrow(/too few/);
  });
});

describe("vennAbers", () => {
  it("matches a hand-computed isotonic fit", () => {
    // calibration: scores 1,2,3,4 with labels 0,1,0,1; new score 2.5
    // with (2.5, 0): labels by score 0,1,0,0,1 -> PAV blocks 0 | (1,0,0) = 1/3 | 1: p0 = 1/3
    // with (2.5, 1): labels by score 0,1,1,0,1 -> PAV blocks 0 | (1,1,0) = 2/3 | 1: p1 = 2/3
    const r = vennAbers([1, 2, 3, 4], [0, 1, 0, 1], 2.5);
    expect(r.p0).toBeCloseTo(1 / 3, 14);
    expect(r.p1).toBeCloseTo(2 / 3, 14);
    expect(r.probability).toBeCloseTo(2 / 3 / (1 - 1 / 3 + 2 / 3), 14);
    expect(r.p0).toBeLessThanOrEqual(r.p1);
  });
});

describe("bootstrapCi and permutationNull", () => {
  it("gives a CI containing the estimate, reproducible per seed", () => {
    const rng = createRng(3);
    const y = Float64Array.from({ length: 60 }, (_, i) => i % 2);
    const s = Float64Array.from(y, (v) => v + rng.normal());
    const a = bootstrapCi(y, s, { metric: "auroc", seed: 1, replicates: 300 });
    const b = bootstrapCi(y, s, { metric: "auroc", seed: 1, replicates: 300 });
    expect(a).toEqual(b);
    expect(a.ciLow).toBeLessThan(a.estimate);
    expect(a.ciHigh).toBeGreaterThan(a.estimate);
    expect(a.ciHigh).toBeLessThanOrEqual(1);
  });

  it("p = (1 + #{T* >= T}) / (1 + B) by exact count on a tiny case", () => {
    // statistic = y[0]; y = [1, 0, 0]: T = 1, T* = 1 whenever position 0 draws the 1
    const y = Float64Array.from([1, 0, 0]);
    const res = permutationNull(y, (yp) => yp[0]!, { permutations: 99, seed: 5 });
    const hits = res.null.filter((t) => t >= 1).length;
    expect(res.p).toBe((1 + hits) / 100);
    // hits ~ Binomial(99, 1/3): 99.9% band
    expect(Math.abs(hits - 33)).toBeLessThan(3.29 * Math.sqrt(99 * (1 / 3) * (2 / 3)));
  });

  it("is uniform-ish under the null: p-values of noise statistics spread over (0, 1]", () => {
    const ps: number[] = [];
    for (let s = 0; s < 40; s++) {
      const rng = createRng(s);
      const y = Float64Array.from({ length: 20 }, () => rng.normal());
      ps.push(permutationNull(y, (yp) => yp[0]! + yp[1]!, { permutations: 19, seed: s }).p);
    }
    expect(Math.min(...ps)).toBeGreaterThanOrEqual(1 / 20);
    const small = ps.filter((p) => p <= 0.2).length;
    // P(p <= 0.2) = 0.2; 40 draws, 99.9% band
    expect(Math.abs(small - 8)).toBeLessThan(3.29 * Math.sqrt(40 * 0.2 * 0.8) + 1);
  });
});
