import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { predictForest, randomForest } from "../../src/core/models/random-forest.js";
import { createRng } from "../../src/core/random/rng.js";

interface RangerFixture {
  x: number[][];
  y_regression: number[];
  y_classification: number[];
  oob_mse_regression: number[];
  oob_brier_classification: number[];
}
const ranger = JSON.parse(
  readFileSync(resolve(__dirname, "../fixtures/extra/ranger_sim.json"), "utf8"),
) as RangerFixture;

function noise(n: number, p: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n * p }, () => rng.normal());
}
const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;

describe("randomForest", () => {
  it("finds a perfectly separating feature among noise (one split, pure leaves)", () => {
    const n = 40;
    const p = 5;
    const x = noise(n, p, 1);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      x[i * p + 3] = i % 2 === 1 ? 10 + i : -10 - i;
    }
    const f = randomForest(x, y, n, p, {
      task: "classification",
      seed: 3,
      numTrees: 50,
      mtry: p,
      minNodeSize: 2,
    });
    for (const t of f.trees) {
      expect(t.feature[0]).toBe(3);
      expect(t.threshold[0]!).toBeGreaterThan(-12);
      expect(t.threshold[0]!).toBeLessThan(12);
    }
    expect(f.oobMisclassification).toBe(0);
    const imp = f.importance!;
    expect(imp.indexOf(Math.max(...imp))).toBe(3);
    expect(Array.from(predictForest(f, Float64Array.from([0, 0, 0, 50, 0, 0, 0, 0, -50, 0]), 2))).toEqual([
      1, 0,
    ]);
  });

  it("has OOB misclassification near chance (0.5) on pure noise", () => {
    const n = 200;
    const p = 10;
    const x = noise(n, p, 5);
    const rng = createRng(6);
    const y = Float64Array.from({ length: n }, () => (rng.uniform() < 0.5 ? 1 : 0));
    const f = randomForest(x, y, n, p, { task: "classification", seed: 7, numTrees: 100 });
    // 99.9% binomial band around 0.5 for n = 200: 0.5 +- 3.29 * sqrt(0.25 / 200)
    expect(Math.abs(f.oobMisclassification! - 0.5)).toBeLessThan(0.117);
  });

  it("gives the same forest for the same seed and a different one for another seed", () => {
    const x = noise(50, 4, 9);
    const y = Float64Array.from({ length: 50 }, (_, i) => x[i * 4]! + 0.1 * i);
    const a = randomForest(x, y, 50, 4, { task: "regression", seed: 11, numTrees: 20 });
    const b = randomForest(x, y, 50, 4, { task: "regression", seed: 11, numTrees: 20 });
    const c = randomForest(x, y, 50, 4, { task: "regression", seed: 12, numTrees: 20 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it("ranks informative features first by permutation importance", () => {
    const n = 150;
    const p = 6;
    const x = noise(n, p, 21);
    const y = Float64Array.from({ length: n }, (_, i) => 3 * x[i * p + 2]! + 0.2 * x[i * p + 5]!);
    const f = randomForest(x, y, n, p, {
      task: "regression",
      seed: 2,
      numTrees: 60,
      importance: "permutation",
    });
    const imp = f.importance!;
    expect(imp.indexOf(Math.max(...imp))).toBe(2);
  });

  it("has OOB error close to ranger 0.14.1 on a simulated data set (loose: within 15%)", () => {
    const n = ranger.x.length;
    const p = ranger.x[0]!.length;
    const x = Float64Array.from(ranger.x.flat());
    const reg = randomForest(x, Float64Array.from(ranger.y_regression), n, p, {
      task: "regression",
      seed: 1,
      numTrees: 300,
    });
    const cls = randomForest(x, Float64Array.from(ranger.y_classification), n, p, {
      task: "classification",
      seed: 1,
      numTrees: 300,
    });
    const refReg = mean(ranger.oob_mse_regression);
    const refCls = mean(ranger.oob_brier_classification);
    expect(Math.abs(reg.oobError! / refReg - 1)).toBeLessThan(0.15);
    expect(Math.abs(cls.oobError! / refCls - 1)).toBeLessThan(0.15);
  });

  it("grows the same forests, byte for byte, with the tie-free scan as with the general one", () => {
    // six features without ties (the bit-set scan over the node's distinct samples) and six with
    // (buckets or the sorted scan); nodes of 90 down to 3 samples take both the bucketing and the
    // sorted sums; generalScan runs every feature through the buckets / sorted scan
    const n = 90;
    const p = 12;
    const rng = createRng(41);
    const x = Float64Array.from({ length: n * p }, (_, k) =>
      k % p < 6 ? rng.normal() : Math.round(2 * rng.normal()),
    );
    const yc = Float64Array.from({ length: n }, (_, i) => x[i * p]! - x[i * p + 7]! + 0.5 * rng.normal());
    const yb = Float64Array.from(yc, (v) => (v > 0 ? 1 : 0));
    for (const [task, y] of [
      ["regression", yc],
      ["classification", yb],
    ] as const) {
      for (const importance of ["impurity", "permutation"] as const) {
        const opts = { task, seed: 5, numTrees: 40, mtry: 4, minNodeSize: 3, importance };
        const fast = randomForest(x, y, n, p, opts);
        const general = randomForest(x, y, n, p, { ...opts, generalScan: true });
        expect(JSON.stringify(fast), `${task} ${importance}`).toBe(JSON.stringify(general));
        expect(fast.trees.some((t) => t.feature.some((j) => j >= 0 && j < 6))).toBe(true);
      }
    }
  });

  it("rejects non-binary labels for classification", () => {
    expect(() =>
      randomForest(new Float64Array(4), Float64Array.from([0, 1, 2, 1]), 4, 1, {
        task: "classification",
        seed: 1,
      }),
    ).toThrow(/bad_level/);
  });
});
