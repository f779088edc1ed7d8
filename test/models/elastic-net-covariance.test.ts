import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CovarianceArrays, covarianceUpdates } from "../../src/core/models/cd-covariance.js";
import { cdBuffer } from "../../src/core/models/cd-simd.js";
import {
  defaultElasticNetType,
  elasticNetDesign,
  elasticNetPath,
  elasticNetPathOn,
} from "../../src/core/models/elastic-net.js";
import { tuneElasticNet } from "../../src/core/models/elastic-net-tuning.js";
import { glmnetFixture, glmnetN, glmnetP, glmnetX } from "../helpers/glmnet-fixture.js";

const fixture = glmnetFixture;
const n = glmnetN;
const p = glmnetP;
const x = glmnetX;
const yg = Float64Array.from(fixture.y_gaussian);

/** A reproducible n x p design with correlated columns and an outcome on a few of them. */
function simulated(rows: number, cols: number, seed: number): { x: Float64Array; y: Float64Array } {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  const xs = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const common = u();
    for (let j = 0; j < cols; j++) xs[i * cols + j] = u() + 0.6 * common + (j % 5 === 0 ? 0.2 * j : 0);
    y[i] = 2 * xs[i * cols]! - 1.5 * xs[i * cols + 3]! + xs[i * cols + 7]! + 0.8 * u();
  }
  return { x: xs, y };
}

describe("covariance updates (glmnet type.gaussian)", () => {
  it("are the default below 500 columns (glmnet) unless the rows are fewer than p / 8", () => {
    expect(defaultElasticNetType(400, 499)).toBe("covariance");
    expect(defaultElasticNetType(400, 500)).toBe("naive");
    expect(defaultElasticNetType(60, 480)).toBe("covariance");
    expect(defaultElasticNetType(59, 480)).toBe("naive");
  });

  for (const type of ["covariance", "naive"] as const) {
    it(`${type}: equals the gaussian glmnet fixture to 1e-9`, () => {
      for (const c of fixture.cases.filter((k) => k.family === "gaussian")) {
        const fit = elasticNetPath(x, yg, n, p, {
          family: "gaussian",
          alpha: c.alpha,
          lambda: [c.lambda],
          thresh: 1e-26,
          type,
        });
        expect(fit.intercept[0]!).toBeCloseTo(c.intercept, 9);
        for (let j = 0; j < p; j++) expect(Math.abs(fit.beta[0]![j]! - c.beta[j]!)).toBeLessThan(1e-9);
      }
    });
  }

  it("give the naive updates' path to 1e-9 (thresh 1e-14), p > n and p < n", () => {
    for (const [rows, cols, alpha] of [
      [n, p, 0.5],
      [40, 25, 1],
      [30, 60, 0.1],
      [31, 17, 0.5],
    ] as const) {
      const data = rows === n ? { x, y: yg } : simulated(rows, cols, rows * cols);
      const opts = { family: "gaussian" as const, alpha, thresh: 1e-14 };
      const cov = elasticNetPath(data.x, data.y, rows, cols, { ...opts, type: "covariance" });
      const naive = elasticNetPath(data.x, data.y, rows, cols, { ...opts, type: "naive" });
      expect(cov.lambda).toEqual(naive.lambda);
      expect(cov.beta.length).toBeGreaterThan(10);
      let maxDiff = 0;
      for (let l = 0; l < cov.lambda.length; l++) {
        maxDiff = Math.max(maxDiff, Math.abs(cov.intercept[l]! - naive.intercept[l]!));
        expect(Math.abs(cov.devRatio[l]! - naive.devRatio[l]!)).toBeLessThan(1e-9);
        for (let j = 0; j < cols; j++) {
          maxDiff = Math.max(maxDiff, Math.abs(cov.beta[l]![j]! - naive.beta[l]![j]!));
        }
      }
      expect(maxDiff).toBeLessThan(1e-9);
    }
  });

  it("solve an orthogonal design exactly: beta_j = sd(y) S(z_j'y~/n, lambda~ alpha) / (1 + lambda~ (1 - alpha))", () => {
    // centred orthogonal columns of sd 1 (divisor n): z = x, (1/n) z'z = I
    const xo = Float64Array.from([1, 1, 1, 1, -1, -1, -1, 1, -1, -1, -1, 1]);
    const y = Float64Array.from([3, 1, 0.5, -2]);
    const ym = (3 + 1 + 0.5 - 2) / 4;
    const ys = Math.sqrt(y.reduce((s, v) => s + (v - ym) ** 2, 0) / 4);
    for (const alpha of [1, 0.5, 0.2]) {
      const lambda = [1.2, 0.5, 0.1];
      const fit = elasticNetPath(xo, y, 4, 3, { family: "gaussian", alpha, lambda, type: "covariance" });
      lambda.forEach((lam, l) => {
        const lt = lam / ys;
        for (let j = 0; j < 3; j++) {
          let g = 0;
          for (let i = 0; i < 4; i++) g += xo[i * 3 + j]! * ((y[i]! - ym) / ys);
          g /= 4;
          const soft = Math.sign(g) * Math.max(Math.abs(g) - lt * alpha, 0);
          expect(fit.beta[l]![j]!).toBeCloseTo((ys * soft) / (1 + lt * (1 - alpha)), 12);
        }
      });
    }
  });

  it("give the same path bit for bit on a design shared by several alphas and outcomes", () => {
    const { x: xs, y } = simulated(37, 45, 3);
    const y2 = y.map((v, i) => v + Math.sin(i));
    const runs = [
      { y, alpha: 0.1 },
      { y: y2, alpha: 1 },
      { y, alpha: 0.5 },
      { y, alpha: 0.1 },
    ];
    const design = elasticNetDesign(xs, 37, 45, { gram: true });
    const shared = runs.map((r) => elasticNetPathOn(design, r.y, { family: "gaussian", alpha: r.alpha }));
    runs.forEach((r, k) => {
      const own = elasticNetPath(xs, r.y, 37, 45, { family: "gaussian", alpha: r.alpha });
      expect(shared[k]).toEqual(own);
    });
    // a design without Gram room runs the default type as naive, refuses an explicit covariance
    const naive = elasticNetPath(xs, y, 37, 45, { family: "gaussian", alpha: 0.5, type: "naive" });
    const plain = elasticNetDesign(xs, 37, 45);
    expect(elasticNetPathOn(plain, y, { family: "gaussian", alpha: 0.5 })).toEqual(naive);
    expect(() => elasticNetPathOn(plain, y, { family: "gaussian", type: "covariance" })).toThrow(/gram/);
    // a design whose memory a later one has taken is refused
    elasticNetDesign(xs, 37, 45);
    expect(() => elasticNetPathOn(design, y, { family: "gaussian" })).toThrow(/later design/);
  });

  it("tuneElasticNet's choice is that of the naive updates (gaussian)", () => {
    const { x: xs, y } = simulated(60, 40, 11);
    const cov = tuneElasticNet(xs, y, 60, 40, { family: "gaussian", seed: 5 });
    expect(cov.alpha).toBeGreaterThan(0);
    // the all-data path at the chosen alpha and lambda, naive updates
    const naive = elasticNetPath(xs, y, 60, 40, { family: "gaussian", alpha: cov.alpha, type: "naive" });
    const l = naive.lambda.indexOf(cov.lambda);
    expect(l).toBeGreaterThanOrEqual(0);
    for (let j = 0; j < 40; j++) expect(Math.abs(cov.beta[j]! - naive.beta[l]![j]!)).toBeLessThan(1e-6);
  });
});

/** Covariance arrays with random Gram columns and gradient, in `buffer`, all coordinates working. */
function layout(
  buffer: ArrayBuffer,
  p: number,
  gram0: readonly number[],
  g0: readonly number[],
  b0: readonly number[],
  perm: readonly number[],
): CovarianceArrays {
  let at = 0;
  const take = (length: number) => {
    const v = new Float64Array(buffer, at, length);
    at += 8 * length;
    return v;
  };
  const gram = take(p * p);
  gram.set(gram0);
  const v = take(p);
  for (let j = 0; j < p; j++) v[j] = 0.5 + Math.abs(gram0[j * p + j]!); // a positive diagonal
  const b = take(p);
  b.set(b0);
  const bs = take(p).fill(0);
  const g = take(p);
  g.set(g0);
  const ints = (k: number) => new Int32Array(buffer, 8 * (p * p + 4 * p) + 4 * k * p, p);
  const slot = ints(0);
  const pos = ints(1);
  const work = ints(2);
  for (let j = 0; j < p; j++) {
    slot[j] = p - 1 - j; // columns stored in reverse order
    pos[j] = perm[j]!;
    work[j] = j;
  }
  return { p, gram, slot, pos, v, b, bs, g, work };
}

const kernelProblem = fc.integer({ min: 1, max: 13 }).chain((p) =>
  fc.record({
    p: fc.constant(p),
    gram: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: p * p, maxLength: p * p }),
    g: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: p, maxLength: p }),
    b: fc.array(fc.oneof(fc.constant(0), fc.double({ min: -1, max: 1, noNaN: true })), {
      minLength: p,
      maxLength: p,
    }),
    perm: fc.shuffledSubarray(
      Array.from({ length: p }, (_, j) => j),
      { minLength: p, maxLength: p },
    ),
    w: fc.integer({ min: 0, max: p }),
    l1: fc.double({ min: 0, max: 0.5, noNaN: true }),
    l2: fc.double({ min: 0, max: 0.5, noNaN: true }),
  }),
);

describe("covariance kernels", () => {
  it("take the same steps in WebAssembly and in TypeScript, bit for bit (odd and even sizes)", () => {
    fc.assert(
      fc.property(kernelProblem, ({ p, gram, g, b, perm, w, l1, l2 }) => {
        const bytes = 8 * (p * p + 4 * p) + 12 * p;
        const simd = layout(cdBuffer(bytes), p, gram, g, b, perm);
        const ts = layout(new ArrayBuffer(bytes), p, gram, g, b, perm);
        const a = covarianceUpdates(simd);
        const c = covarianceUpdates(ts);
        for (let k = 0; k < 5; k++) {
          const nonzeroOnly = k % 2 === 1;
          const m1 = a.sweep(p, l1, l2, nonzeroOnly, w);
          const m2 = c.sweep(p, l1, l2, nonzeroOnly, w);
          expect(Object.is(m1, m2)).toBe(true);
          a.catchUp(p, w);
          c.catchUp(p, w);
          expect(Array.from(simd.b)).toEqual(Array.from(ts.b));
          expect(Array.from(simd.g)).toEqual(Array.from(ts.g));
          expect(Array.from(simd.bs)).toEqual(Array.from(ts.bs));
        }
      }),
    );
  });

  it("keep g = g0 - G (b - b0) over all positions after a catch-up", () => {
    const p = 7;
    const gram = Array.from({ length: p * p }, (_, k) => Math.sin(k));
    const g0 = Array.from({ length: p }, (_, k) => Math.cos(k));
    const perm = [3, 0, 6, 1, 5, 2, 4];
    for (const simdMemory of [true, false]) {
      const bytes = 8 * (p * p + 4 * p) + 12 * p;
      const a = layout(
        simdMemory ? cdBuffer(bytes) : new ArrayBuffer(bytes),
        p,
        gram,
        g0,
        new Array(p).fill(0),
        perm,
      );
      const u = covarianceUpdates(a);
      u.sweep(p, 0.1, 0.2, false, 4);
      u.sweep(p, 0.1, 0.2, true, 4);
      u.catchUp(p, 4);
      for (let i = 0; i < p; i++) {
        let e = g0[i]!;
        for (let j = 0; j < p; j++) e -= gram[a.slot[j]! * p + i]! * a.b[j]!;
        expect(a.g[i]!).toBeCloseTo(e, 12);
      }
    }
  });
});
