// Property tests and exact small cases of the meta-analysis (src/core/meta).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { poolCohorts } from "../../src/core/meta/pool-cohorts.js";
import { metaAnalysis, type PooledEstimate } from "../../src/core/meta/random-effects.js";
import { cohort, daEstimate } from "./helpers.js";

const near = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

const studies = fc
  .integer({ min: 2, max: 12 })
  .chain((k) =>
    fc.tuple(
      fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: k, maxLength: k }),
      fc.array(fc.double({ min: 0.05, max: 2, noNaN: true }), { minLength: k, maxLength: k }),
    ),
  );

function sameFit(a: PooledEstimate | null, b: PooledEstimate | null, tol = 1e-8): boolean {
  if (a === null || b === null) return a === b;
  return (
    near(a.estimate, b.estimate, tol) &&
    near(a.se, b.se, tol) &&
    near(a.tau2, b.tau2, tol) &&
    near(a.p, b.p, tol) &&
    near(a.i2, b.i2, tol)
  );
}

describe("meta-analysis: exact small cases", () => {
  it("two cohorts y = (1, 3), se = (1, 1): fixed 2 ± 1/√2, Q = 2, DL and REML τ² = 1, pooled 2 ± 1", () => {
    const m = metaAnalysis([1, 3], [1, 1]);
    expect(m.fixed.estimate).toBeCloseTo(2, 14);
    expect(m.fixed.se).toBeCloseTo(Math.SQRT1_2, 14);
    expect(m.q).toBeCloseTo(2, 14);
    expect(m.qDf).toBe(1);
    expect(m.dl.tau2).toBeCloseTo(1, 14);
    expect(m.dl.se).toBeCloseTo(1, 14);
    expect(m.dl.i2).toBeCloseTo(50, 12); // ṽ = 1, I² = 100 · 1/(1 + 1)
    expect(m.dl.h2).toBeCloseTo(2, 12);
    expect(m.reml.pooled!.tau2).toBeCloseTo(1, 4); // REML for k = 2, equal v: (y1 − y2)²/2 − v
    expect(m.fixed.i2).toBeCloseTo(50, 12); // (Q − 1)/Q
  });

  it("refuses fewer than 2 estimates and non-positive or missing standard errors", () => {
    expect(() => metaAnalysis([1], [1])).toThrow(InputError);
    expect(() => metaAnalysis([1, 2], [1, 0])).toThrow(/standard error/);
    expect(() => metaAnalysis([1, Number.NaN], [1, 1])).toThrow(InputError);
  });
});

describe("meta-analysis: properties", () => {
  it("the order of the cohorts does not matter", () => {
    fc.assert(
      fc.property(studies, fc.nat(), ([y, s], seed) => {
        const order = y
          .map((_, i) => i)
          .sort((a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b);
        const a = metaAnalysis(y, s);
        const b = metaAnalysis(
          order.map((i) => y[i]!),
          order.map((i) => s[i]!),
        );
        return (
          near(a.q, b.q) &&
          sameFit(a.fixed, b.fixed) &&
          sameFit(a.dl, b.dl) &&
          sameFit(a.reml.pooled, b.reml.pooled, 1e-6)
        );
      }),
      { numRuns: 200 },
    );
  });

  it("identical cohorts give τ² = 0, Q = 0 and the common estimate", () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), studies, (value, [, s]) => {
        const m = metaAnalysis(
          s.map(() => value),
          s,
        );
        for (const fit of [m.fixed, m.dl, m.reml.pooled!]) {
          if (fit.tau2 !== 0 || !near(fit.estimate, value, 1e-12)) return false;
        }
        return m.q < 1e-10 && m.qP > 1 - 1e-5;
      }),
    );
  });

  it("scaling estimates and standard errors by c scales the fixed and DL estimates by c, τ² by c²; p, I² and Q are unchanged", () => {
    // Exact for fixed effect and DL. REML is left out: metafor's stopping rule (|Δτ²| <= 1e-5) and
    // its ll0check (τ² > 1e-5) are absolute, not scale-free, so on a rescaled problem REML may stop
    // or be set to 0 at a different point (seen: c = 0.021, τ² 2.5e-6 against c²·τ² = 1.0e-4).
    // REML itself is golden-tested against metafor (test/meta/metafor.test.ts).
    fc.assert(
      fc.property(
        studies,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.boolean(),
        ([y, s], c0, neg) => {
          const c = neg ? -c0 : c0;
          const a = metaAnalysis(y, s);
          const b = metaAnalysis(
            y.map((v) => v * c),
            s.map((v) => v * Math.abs(c)),
          );
          const ok = (x: PooledEstimate, z: PooledEstimate) =>
            near(z.estimate, c * x.estimate, 1e-7) &&
            near(z.se, Math.abs(c) * x.se, 1e-7) &&
            near(z.tau2, c * c * x.tau2, 1e-6) &&
            near(z.p, x.p, 1e-6) &&
            near(z.i2, x.i2, 1e-6);
          return near(a.q, b.q, 1e-7) && ok(a.fixed, b.fixed) && ok(a.dl, b.dl);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("shifting every estimate by d shifts the pooled estimates by d and leaves τ² and Q unchanged", () => {
    fc.assert(
      fc.property(studies, fc.double({ min: -10, max: 10, noNaN: true }), ([y, s], d) => {
        const a = metaAnalysis(y, s);
        const b = metaAnalysis(
          y.map((v) => v + d),
          s,
        );
        return (
          near(b.fixed.estimate, a.fixed.estimate + d, 1e-8) &&
          near(b.dl.tau2, a.dl.tau2, 1e-7) &&
          near(b.q, a.q, 1e-7)
        );
      }),
      { numRuns: 200 },
    );
  });

  it("random-effects weights sum to 100% and τ² >= 0", () => {
    fc.assert(
      fc.property(studies, ([y, s]) => {
        const m = metaAnalysis(y, s);
        return [m.fixed, m.dl, m.reml.pooled].every(
          (f) =>
            f === null ||
            (f.tau2 >= 0 &&
              near(
                f.weights.reduce((x, w) => x + w, 0),
                100,
                1e-12,
              )),
        );
      }),
    );
  });
});

describe("poolCohorts", () => {
  const a = cohort("a", [
    daEstimate("linda", "X", 1, 0.5),
    daEstimate("linda", "Y", 0.2, 0.3),
    daEstimate("linda", "Z", 0, 0.4),
  ]);
  const b = cohort("b", [daEstimate("linda", "X", 1.4, 0.6), daEstimate("linda", "Y", -0.1, 0.2)]);
  const c = cohort("c", [daEstimate("linda", "X", 0.7, 0.4), daEstimate("linda", "Y", 0.3, 0.25)]);

  it("gives the same pooled rows whatever the order of the cohorts", () => {
    const key = (r: {
      taxon: string;
      meta: { reml: { pooled: PooledEstimate | null } };
      q: { REML: number };
    }) => [r.taxon, r.meta.reml.pooled!.estimate.toPrecision(10), r.q.REML.toPrecision(10)].join(" ");
    const one = poolCohorts([a, b, c]).rows.map(key).sort();
    const two = poolCohorts([c, a, b]).rows.map(key).sort();
    expect(two).toEqual(one);
  });

  it("lists taxa estimated in fewer than minCohorts cohorts instead of dropping them", () => {
    const r = poolCohorts([a, b, c]);
    expect(r.rows.map((x) => x.taxon).sort()).toEqual(["X", "Y"]);
    expect(r.notPooled.map((x) => [x.taxon, x.cohorts])).toEqual([["Z", ["a"]]]);
    const three = poolCohorts([a, b, cohort("c", [daEstimate("linda", "X", 0.7, 0.4)])], { minCohorts: 3 });
    expect(three.rows.map((x) => x.taxon)).toEqual(["X"]);
    expect(three.notPooled.map((x) => x.taxon).sort()).toEqual(["Y", "Z"]);
  });

  it("a cohort without a usable standard error does not count", () => {
    const bad = cohort("b", [daEstimate("linda", "X", 1.4, 0), daEstimate("linda", "Y", -0.1, 0.2)]);
    const r = poolCohorts([a, bad]);
    expect(r.rows.map((x) => x.taxon)).toEqual(["Y"]);
    expect(r.notPooled.find((x) => x.taxon === "X")!.reason).toMatch(/1 cohort\(s\) gave no usable estimate/);
  });

  it("refuses one cohort, different ranks, methods or exposure, naming the cohort and the setting", () => {
    expect(() => poolCohorts([a])).toThrow(/at least 2 cohorts/);
    const expectIssue = (other: ReturnType<typeof cohort>, re: RegExp) => {
      try {
        poolCohorts([a, other]);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
        expect((e as InputError).message).toMatch(re);
        expect((e as InputError).issues[0]!.file).toBe(other.settingsFile);
      }
    };
    expectIssue(
      cohort("b", b.estimates, { rank: "family" }),
      /analysis\.level.*analysis rank: 'family' here, but 'genus' in 'a'/,
    );
    expectIssue(
      cohort("b", b.estimates, { daMethods: ["linda"] }),
      /differential-abundance methods: linda here, but linda, maaslin/,
    );
    expectIssue(cohort("b", b.estimates, { reference: "user" }), /exposure \(reference level\)/);
  });
});
