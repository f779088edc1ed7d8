import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createRng } from "../src/core/random/rng.js";

describe("createRng", () => {
  it("gives the same stream for the same seed", () => {
    const a = createRng(42);
    const b = createRng({ seed: 42 });
    for (let i = 0; i < 100; i++) expect(a.uniform()).toBe(b.uniform());
  });

  it("matches numpy RandomState(42).random_sample() for the first draws", () => {
    // test/fixtures/extra/numpy_rng.py
    const ref = JSON.parse(readFileSync("test/fixtures/extra/numpy_rng.json", "utf8")) as {
      seed: number;
      uniforms: number[];
    };
    const rng = createRng(ref.seed);
    for (const u of ref.uniforms) expect(rng.uniform()).toBe(u);
  });

  it("draws integers uniformly (chi-square goodness of fit)", () => {
    const rng = createRng(7);
    const k = 10;
    const n = 100_000;
    const counts = new Array(k).fill(0);
    for (let i = 0; i < n; i++) counts[rng.int(k)]++;
    const expected = n / k;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.88); // chi-square(9) 0.999 quantile
  });

  it("draws standard normals with mean 0 and variance 1", () => {
    const rng = createRng(3);
    const n = 200_000;
    let s = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      ss += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(ss / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it("forks reproducible, distinct child streams", () => {
    const a = createRng(1).fork(3).uniform();
    expect(createRng(1).fork(3).uniform()).toBe(a);
    expect(createRng(1).fork(4).uniform()).not.toBe(a);
  });
});
