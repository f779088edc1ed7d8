import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError, NumericalError } from "../../src/core/errors.js";
import { adjustPValues, type PAdjustMethod } from "../../src/core/stats/p-adjust.js";
import { storeyQValues } from "../../src/core/stats/storey-q-values.js";

type Vec = (number | null)[];
const nan = (v: Vec): number[] => v.map((x) => (x === null ? Number.NaN : x));

function expectClose(actual: ArrayLike<number>, expected: Vec, tol = 1e-10): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    if (e === null) expect(actual[i]).toBeNaN();
    else expect(Math.abs(actual[i]! - e)).toBeLessThanOrEqual(tol * Math.max(Math.abs(e), 1e-300));
  }
}

describe("adjustPValues matches R p.adjust on the shared univariate references", () => {
  for (const ds of ["dune", "GlobalPatterns"]) {
    const ref = JSON.parse(readFileSync(`test/fixtures/${ds}/reference/univariate.json`, "utf8"));
    for (const test of ["wilcoxon", "kruskal", "spearman"]) {
      it(`${ds} ${test}: BH, BY, bonferroni`, () => {
        const v = ref.results[test].values as Record<string, Vec>;
        const p = nan(v.p!);
        expectClose(adjustPValues(p, "bh"), v.p_BH!);
        expectClose(adjustPValues(p, "by"), v.p_BY!);
        expectClose(adjustPValues(p, "bonferroni"), v.p_bonferroni!);
      });
    }
  }
});

describe("adjustPValues and storeyQValues match R (test/fixtures/extra/p_adjust.R)", () => {
  const ref = JSON.parse(readFileSync("test/fixtures/extra/p_adjust.json", "utf8"));
  /** Our method name -> R's p.adjust method name. */
  const R_METHOD: Record<PAdjustMethod, string> = {
    holm: "holm",
    bh: "BH",
    by: "BY",
    bonferroni: "bonferroni",
  };
  for (const set of ["synthetic", "globalpatterns_kruskal"]) {
    it(`${set}: all methods, NaN passed through, ties and p = 0 or 1e-200`, () => {
      const r = ref[set];
      const p = nan(r.p);
      for (const [ours, theirs] of Object.entries(R_METHOD) as [PAdjustMethod, string][])
        expectClose(adjustPValues(p, ours), r[theirs]);
      const s5 = storeyQValues(p);
      expect(s5.pi0).toBeCloseTo(r.storey05.pi0, 14);
      expectClose(s5.q, r.storey05.q);
      const s3 = storeyQValues(p, { lambda: 0.3 });
      expect(s3.pi0).toBeCloseTo(r.storey03.pi0, 14);
      expectClose(s3.q, r.storey03.q);
    });
  }
});

describe("p-value adjustment properties", () => {
  const pArb = fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(Number.NaN)), {
    minLength: 1,
    maxLength: 60,
  });
  it("adjusted >= raw, <= 1, and monotone in p; Bonferroni >= Holm >= BH; BY >= BH", () => {
    fc.assert(
      fc.property(pArb, (p) => {
        const adj = Object.fromEntries(
          (["bh", "by", "bonferroni", "holm"] as const).map((m) => [m, adjustPValues(p, m)]),
        ) as Record<PAdjustMethod, Float64Array>;
        for (let i = 0; i < p.length; i++) {
          if (Number.isNaN(p[i]!)) {
            for (const a of Object.values(adj)) expect(a[i]).toBeNaN();
            continue;
          }
          for (const a of Object.values(adj)) {
            expect(a[i]!).toBeGreaterThanOrEqual(p[i]!);
            expect(a[i]!).toBeLessThanOrEqual(1);
          }
          expect(adj.bonferroni[i]!).toBeGreaterThanOrEqual(adj.holm[i]!);
          expect(adj.holm[i]!).toBeGreaterThanOrEqual(adj.bh[i]! - 1e-15);
          expect(adj.by[i]!).toBeGreaterThanOrEqual(adj.bh[i]!);
          for (let j = 0; j < p.length; j++) {
            if (p[j]! <= p[i]!) for (const a of Object.values(adj)) expect(a[j]!).toBeLessThanOrEqual(a[i]!);
          }
        }
      }),
    );
  });
  it("Storey q-values are pi0 times BH, pi0 in (0, 1]", () => {
    fc.assert(
      fc.property(pArb, (p) => {
        fc.pre(p.some((v) => v >= 0.5));
        const s = storeyQValues(p);
        const bh = adjustPValues(p, "bh");
        expect(s.pi0).toBeGreaterThan(0);
        expect(s.pi0).toBeLessThanOrEqual(1);
        for (let i = 0; i < p.length; i++) {
          if (Number.isNaN(bh[i]!)) expect(s.q[i]).toBeNaN();
          else expect(s.q[i]).toBeCloseTo(s.pi0 * bh[i]!, 15);
        }
      }),
    );
  });
  it("rejects out-of-range input and an unusable pi0", () => {
    expect(() => adjustPValues([0.2, 1.5], "bh")).toThrow(InputError);
    expect(() => adjustPValues([-0.1], "holm")).toThrow(InputError);
    expect(() => storeyQValues([0.1, 0.2])).toThrow(NumericalError);
    expect(() => storeyQValues([0.1], { lambda: 1 })).toThrow(InputError);
    expect(adjustPValues([], "bh")).toHaveLength(0);
  });
});
