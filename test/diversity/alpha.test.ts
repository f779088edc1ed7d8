/**
 * Alpha diversity against the shared references (test/fixtures/<dataset>/reference/alpha.json:
 * vegan 2.6-4, scikit-bio 0.5.8, base R; Faith PD also against `faithpd`, float32 branch lengths,
 * ~1e-9), hand-computed small cases, Hill-number identities (fast-check) and input errors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AlphaMetricId, alphaDiversity } from "../../src/core/alpha/alpha-diversity.js";
import { chao1 } from "../../src/core/alpha/chao1.js";
import { goodsCoverage } from "../../src/core/alpha/goods-coverage.js";
import { inverseSimpson } from "../../src/core/alpha/inverse-simpson.js";
import { observedFeatures } from "../../src/core/alpha/observed-features.js";
import { pielouE } from "../../src/core/alpha/pielou-e.js";
import { shannon } from "../../src/core/alpha/shannon.js";
import { simpson } from "../../src/core/alpha/simpson.js";
import { InputError } from "../../src/core/errors.js";
import { treeFromParents } from "../../src/core/phylo/tree.js";
import { fromDense } from "../../src/core/table/feature-table.js";
import { loadReference, loadTable, loadTree, maxRelDiff } from "./fixtures.js";

/** Our metric -> [alpha.json key, implementation, tolerance]. */
const golden: [AlphaMetricId, string, string, number, { shannonBase?: number }?][] = [
  ["observed_features", "observed_features", "vegan", 0],
  ["shannon", "shannon_ln", "vegan", 1e-9],
  ["shannon", "shannon_ln", "skbio", 1e-9],
  ["shannon", "shannon_log2", "vegan", 1e-9, { shannonBase: 2 }],
  ["simpson", "simpson", "vegan", 1e-9],
  ["simpson", "simpson", "skbio", 1e-9],
  ["inverse_simpson", "inverse_simpson", "vegan", 1e-9],
  ["inverse_simpson", "inverse_simpson", "skbio", 1e-9],
  ["chao1", "chao1", "vegan_estimateR", 1e-9],
  ["chao1", "chao1", "skbio_bias_corrected", 1e-9],
  ["pielou_e", "pielou_evenness", "vegan", 1e-9],
  ["goods_coverage", "goods_coverage", "skbio", 1e-9],
  ["faith_pd", "faith_pd", "skbio", 1e-9],
  // faithpd (Striped UniFrac) keeps branch lengths in float32.
  ["faith_pd", "faith_pd", "faithpd", 1e-7],
];

for (const dataset of ["dune", "esophagus", "GlobalPatterns"]) {
  describe(`alpha diversity on ${dataset}`, () => {
    const table = loadTable(dataset);
    const tree = dataset === "dune" ? undefined : loadTree(dataset);
    const ref = loadReference(dataset, "alpha").results;
    for (const [id, key, impl, tol, options] of golden) {
      if (id === "faith_pd" && !tree) continue;
      it(`${id}${options ? " base 2" : ""} matches ${key}.${impl} to ${tol}`, () => {
        const res = alphaDiversity(table, [id], { tree, ...options });
        const values = ref[key][impl].values as Record<string, number>;
        let worst = 0;
        res.sampleIds.forEach((s, i) => {
          worst = Math.max(worst, maxRelDiff(values[s]!, res.metrics[id]![i]!));
        });
        expect(worst).toBeLessThanOrEqual(tol);
      });
    }
    it("chao1 is NOT scikit-bio's uncorrected chao1 where F2 > 0 (different definition)", () => {
      if (dataset !== "GlobalPatterns") return;
      const res = alphaDiversity(table, ["chao1"]);
      const unc = ref.chao1.skbio_uncorrected.values as Record<string, number>;
      const diffs = res.sampleIds.map((s, i) => maxRelDiff(unc[s]!, res.metrics.chao1![i]!));
      expect(Math.max(...diffs)).toBeGreaterThan(1e-4);
    });
  });
}

describe("alpha metrics on hand-computed cases", () => {
  const x = [1, 1, 2, 0, 4]; // N = 8, S = 4, F1 = 2, F2 = 1
  const p = [1 / 8, 1 / 8, 2 / 8, 4 / 8];
  const h = -p.reduce((a, q) => a + q * Math.log(q), 0);
  const d = p.reduce((a, q) => a + q * q, 0);
  it("match their formulas", () => {
    expect(observedFeatures(x)).toBe(4);
    expect(shannon(x)).toBeCloseTo(h, 14);
    expect(shannon(x, { base: 2 })).toBeCloseTo(1.75, 14);
    expect(simpson(x)).toBeCloseTo(1 - d, 14);
    expect(inverseSimpson(x)).toBeCloseTo(1 / d, 13);
    expect(chao1(x)).toBe(4 + (2 * 1) / (2 * 2));
    expect(goodsCoverage(x)).toBe(1 - 2 / 8);
    expect(pielouE(x)).toBeCloseTo(h / Math.log(4), 14);
  });
  it("edge cases: one feature, empty sample", () => {
    expect(shannon([5])).toBe(0);
    expect(simpson([5])).toBe(0);
    expect(inverseSimpson([5])).toBe(1);
    expect(pielouE([5])).toBeNaN();
    expect(shannon([0, 0])).toBeNaN();
    expect(chao1([])).toBe(0);
  });
  it("Faith PD sums the branches from the root to the present tips", () => {
    // ((A:1,B:2)x:0.5,C:3)root;
    const tree = treeFromParents([2, 2, 4, 4, -1], [1, 2, 0.5, 3, Number.NaN], ["A", "B", "x", "C", null]);
    const t = fromDense(["s1", "s2", "s3"], ["A", "B", "C"], [1, 0, 0, 1, 1, 0, 0, 0, 7]);
    expect([...alphaDiversity(t, ["faith_pd"], { tree }).metrics.faith_pd!]).toEqual([1.5, 3.5, 3]);
  });
});

describe("Hill-number identities (fast-check)", () => {
  const counts = fc
    .array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 40 })
    .filter((a) => a.some((v) => v > 0));
  it("1 <= inverse Simpson (q=2) <= exp(Shannon) (q=1) <= observed (q=0); simpson = 1 - 1/invsimpson", () => {
    fc.assert(
      fc.property(counts, (c) => {
        const q0 = observedFeatures(c);
        const q1 = Math.exp(shannon(c));
        const q2 = inverseSimpson(c);
        expect(q2).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(q2).toBeLessThanOrEqual(q1 * (1 + 1e-12));
        expect(q1).toBeLessThanOrEqual(q0 * (1 + 1e-12));
        expect(simpson(c)).toBeCloseTo(1 - 1 / q2, 12);
        expect(chao1(c)).toBeGreaterThanOrEqual(q0);
      }),
    );
  });
  it("a perfectly even community has all Hill numbers equal to S and Pielou 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.integer({ min: 1, max: 100 }), (s, k) => {
        const c = new Array(s).fill(k);
        expect(Math.exp(shannon(c))).toBeCloseTo(s, 10);
        expect(inverseSimpson(c)).toBeCloseTo(s, 10);
        expect(pielouE(c)).toBeCloseTo(1, 12);
      }),
    );
  });
  it("invariant to feature order and, for proportion-based metrics, to scaling", () => {
    fc.assert(
      fc.property(counts, fc.integer({ min: 2, max: 9 }), (c, k) => {
        const rev = [...c].reverse();
        const scaled = c.map((v) => v * k);
        for (const f of [shannon, simpson, inverseSimpson, observedFeatures, chao1])
          expect(f(rev)).toBeCloseTo(f(c), 12);
        expect(shannon(scaled)).toBeCloseTo(shannon(c), 12);
        expect(simpson(scaled)).toBeCloseTo(simpson(c), 12);
      }),
    );
  });
});

describe("alphaDiversity validation and warnings", () => {
  const t = fromDense(["a", "b"], ["x", "y"], [0.5, 0.5, 0, 0]);
  it("names empty samples in warnings (NaN, never silent)", () => {
    const res = alphaDiversity(t, ["shannon", "observed_features"]);
    expect(res.metrics.shannon![1]).toBeNaN();
    expect(res.warnings.join("\n")).toMatch(/shannon.*'b'/);
    expect([...res.metrics.observed_features!]).toEqual([2, 0]);
  });
  it("rejects fractional values for count-based metrics and collects every issue", () => {
    try {
      alphaDiversity(t, ["chao1", "faith_pd", "nope"]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues.map((i) => i.code).sort()).toEqual([
        "bad_argument",
        "bad_argument",
        "fractional_count",
      ]);
    }
  });
  it("names features missing from the tree", () => {
    const tree = treeFromParents([2, 2, -1], [1, 1, Number.NaN], ["x", "q", null]);
    expect(() => alphaDiversity(t, ["faith_pd"], { tree })).toThrow(/missing_tips.*'y'/);
  });
});
