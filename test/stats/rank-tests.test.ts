import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import type { Alternative } from "../../src/core/stats/alternative.js";
import { pearson, spearman } from "../../src/core/stats/correlation.js";
import { kruskalWallis } from "../../src/core/stats/kruskal.js";
import { rankAverage, tieCorrection } from "../../src/core/stats/rank.js";
import { wilcoxonExactTails, wilcoxonRankSum } from "../../src/core/stats/wilcoxon.js";
import { readMetadataFixture } from "./metadata-fixture.js";
import { expectRel as expectRelTol } from "./helpers.js";

function expectRel(actual: number, expected: number | null, tol = 1e-10): void {
  expectRelTol(actual, expected, tol);
}

interface Univariate {
  input_relative_abundance: { sample_ids: string[]; matrix: number[][] };
  results: Record<string, { params: Record<string, unknown>; values: Record<string, (number | null)[]> }>;
}

function load(ds: string) {
  const ref = JSON.parse(readFileSync(`test/fixtures/${ds}/reference/univariate.json`, "utf8")) as Univariate;
  const md = readMetadataFixture(`test/fixtures/${ds}/metadata.tsv`);
  const col = (name: string, id: string) => {
    const c = md.columns.find((k) => k.name === name)!;
    const i = md.ids.indexOf(id);
    return c.kind === "numeric" ? c.values[i]! : c.values[i]!;
  };
  const rel = ref.input_relative_abundance;
  const row = (f: number, samples: string[]) =>
    samples.map((s) => rel.matrix[f]![rel.sample_ids.indexOf(s)]!);
  return { ref, col, row, nFeatures: rel.matrix.length };
}

describe.each(["dune", "GlobalPatterns"])(
  "rank tests match R on the %s univariate reference (1e-10)",
  (ds) => {
    const { ref, col, row, nFeatures } = load(ds);
    it("wilcoxon: W and p of wilcox.test(exact = FALSE, correct = TRUE)", () => {
      const w = ref.results.wilcoxon!;
      const samples = w.params.samples as string[];
      const g = samples.map((s) => col(w.params.column as string, s));
      for (let f = 0; f < nFeatures; f++) {
        const v = row(f, samples);
        const x = v.filter((_, i) => g[i] === w.params.group_x);
        const y = v.filter((_, i) => g[i] === w.params.group_y);
        const res = wilcoxonRankSum(x, y, { exact: false });
        expectRel(res.statistic, w.values.W![f]!);
        expectRel(res.p, w.values.p![f]!);
      }
    });
    it("kruskal: H, df and p of kruskal.test", () => {
      const k = ref.results.kruskal!;
      const samples = ref.input_relative_abundance.sample_ids;
      const levels = k.params.levels as string[];
      const g = samples.map((s) => col(k.params.column as string, s));
      for (let f = 0; f < nFeatures; f++) {
        const v = row(f, samples);
        const res = kruskalWallis(levels.map((l) => v.filter((_, i) => g[i] === l)));
        // R counts ties on 15-digit text (fixtures README); 1e-10 holds on these data.
        expectRel(res.statistic, k.values.statistic![f]!);
        expect(res.df).toBe(k.values.df![f]);
        expectRel(res.p, k.values.p![f]!);
      }
    });
    it("spearman: rho, S and p of cor.test(method = 'spearman', exact = FALSE)", () => {
      const s = ref.results.spearman!;
      const samples = s.params.samples as string[];
      const z = samples.map((id) => col(s.params.column as string, id) as number);
      for (let f = 0; f < nFeatures; f++) {
        const res = spearman(row(f, samples), z);
        expectRel(res.r, s.values.rho![f]!);
        expectRel(res.statistic, s.values.S![f]!, 1e-9);
        expectRel(res.p, s.values.p![f]!);
        expect(res.n).toBe(samples.length);
      }
    });
  },
);

describe("rank tests match R on small cases (test/fixtures/extra/rank_tests.R)", () => {
  const ref = JSON.parse(readFileSync("test/fixtures/extra/rank_tests.json", "utf8"));
  /** Our alternative -> R's `alternative` argument. */
  const R_ALTERNATIVE: Record<Alternative, string> = {
    "two-sided": "two.sided",
    greater: "greater",
    less: "less",
  };
  it("wilcoxon: default (exact when n < 50 without ties), normal with and without correction", () => {
    for (const c of ref.wilcoxon) {
      for (const [ours, theirs] of Object.entries(R_ALTERNATIVE) as [Alternative, string][]) {
        const r = c[theirs];
        const def = wilcoxonRankSum(c.x, c.y, { alternative: ours });
        expect(def.statistic).toBe(r.W);
        expectRel(def.p, r.p_default);
        expectRel(wilcoxonRankSum(c.x, c.y, { alternative: ours, exact: false }).p, r.p_normal);
        expectRel(
          wilcoxonRankSum(c.x, c.y, { alternative: ours, exact: false, correct: false }).p,
          r.p_uncorrected,
        );
      }
    }
  });
  it("pearson and spearman (cor.test)", () => {
    const c = ref.correlation;
    const pe = pearson(c.x, c.y);
    expectRel(pe.r, c.pearson.r);
    expectRel(pe.statistic, c.pearson.t);
    expectRel(pe.p, c.pearson.p);
    const sp = spearman(c.x, c.y);
    expectRel(sp.r, c.spearman.rho);
    expectRel(sp.statistic, c.spearman.S, 1e-9);
    expectRel(sp.p, c.spearman.p);
    const less = pearson(
      c.x,
      c.y.map((v: number) => -v),
      { alternative: "less" },
    );
    expectRel(less.p, c.pearson_less_neg.p);
  });
});

describe("ranks and rank-test properties", () => {
  const vec = fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 40 });
  it("midranks sum to n(n+1)/2 and tie groups partition the ties", () => {
    fc.assert(
      fc.property(vec, (x) => {
        const { ranks, tieSizes } = rankAverage(x);
        const n = x.length;
        expect(ranks.reduce((a, b) => a + b, 0)).toBeCloseTo((n * (n + 1)) / 2, 9);
        expect(tieSizes.reduce((a, b) => a + b, 0)).toBe(
          x.filter((v) => x.indexOf(v) !== x.lastIndexOf(v)).length,
        );
        for (let i = 0; i < n; i++) {
          const below = x.filter((v) => v < x[i]!).length;
          const equal = x.filter((v) => v === x[i]!).length;
          expect(ranks[i]).toBe(below + (equal + 1) / 2);
        }
      }),
    );
  });
  it("hand case: ranks of [10, 20, 20, 5] are [2, 3.5, 3.5, 1], tie correction 6", () => {
    const r = rankAverage([10, 20, 20, 5]);
    expect(Array.from(r.ranks)).toEqual([2, 3.5, 3.5, 1]);
    expect(tieCorrection(r.tieSizes)).toBe(6);
  });
  it("exact rank-sum distribution sums to 1 and is symmetric (m = 3, n = 4: 35 subsets)", () => {
    // P(W <= 0) = 1/35: only {1, 2, 3}; P(W <= 1) = 2/35.
    expectRel(wilcoxonExactTails(0, 3, 4).lower, 1 / 35);
    expectRel(wilcoxonExactTails(1, 3, 4).lower, 2 / 35);
    for (let w = 0; w <= 12; w++) {
      const t = wilcoxonExactTails(w, 3, 4);
      expectRel(t.lower, wilcoxonExactTails(12 - w, 3, 4).upper);
    }
  });
  it("swapping x and y gives W' = mn - W and the same two-sided p", () => {
    fc.assert(
      fc.property(vec, vec, (x, y) => {
        const a = wilcoxonRankSum(x, y, { exact: false });
        const b = wilcoxonRankSum(y, x, { exact: false });
        expect(a.statistic + b.statistic).toBe(x.length * y.length);
        if (!Number.isNaN(a.p)) expectRel(b.p, a.p, 1e-12);
      }),
    );
  });
  it("kruskal with two groups is invariant to group order; spearman invariant to monotone maps", () => {
    fc.assert(
      fc.property(vec, vec, (x, y) => {
        fc.pre(x.length + y.length > 2);
        const a = kruskalWallis([x, y]);
        const b = kruskalWallis([y, x]);
        if (!Number.isNaN(a.statistic)) expectRel(b.statistic, a.statistic, 1e-12);
      }),
    );
    const x = [1, 5, 2, 8, 3, 9, 4];
    const y = [2, 1, 4, 3, 7, 5, 6];
    expectRel(
      spearman(
        x.map((v) => Math.exp(v)),
        y,
      ).r,
      spearman(x, y).r,
      1e-15,
    );
  });
  it("reports undefined tests instead of failing silently, and rejects bad input", () => {
    const tied = wilcoxonRankSum([1, 1], [1, 1, 1]);
    expect(tied.p).toBeNaN();
    expect(tied.warnings.length).toBe(1);
    expect(kruskalWallis([[2, 2], [2]]).warnings.length).toBe(1);
    expect(pearson([1, 1, 1], [1, 2, 3]).warnings.length).toBe(1);
    expect(() => wilcoxonRankSum([], [1])).toThrow(InputError);
    expect(() => kruskalWallis([[1, 2], []])).toThrow(InputError);
    expect(() => rankAverage([1, Number.NaN])).toThrow(InputError);
    expect(pearson([1, 2, Number.NaN, 4], [2, 1, 5, 3]).n).toBe(3);
  });
});
