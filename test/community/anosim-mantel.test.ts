import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromSquare, selectIds } from "../../src/core/beta/distance-matrix.js";
import { anosim } from "../../src/core/community/anosim.js";
import { rankAverage } from "../../src/core/stats/rank.js";
import { mantel } from "../../src/core/community/mantel.js";
import {
  braycurtis,
  matrixFromValues,
  metadataColumns,
  readReference,
  reorder,
  withinBinomialBand,
} from "./helpers.js";

type Scalar = {
  results: Record<string, { values: Record<string, number> & { ids: string[]; matrix: number[][] } }>;
};
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe.each([
  ["dune", "Management"],
  ["GlobalPatterns", "SampleType"],
])("anosim vs vegan 2.6-4 (%s, %s)", (dataset, column) => {
  it("R to 1e-9, p within the binomial band", () => {
    const want = readReference<Scalar>(dataset, "anosim").results.vegan!.values;
    const r = anosim(braycurtis(dataset), metadataColumns(dataset).column(column), {
      permutations: 999,
      seed: 4,
    });
    expect(rel(r.R, want.R!)).toBeLessThan(1e-9);
    expect(withinBinomialBand(r.p!, want.p!, 999, 9999)).toBe(true);
  });
});

describe("anosim by hand and properties", () => {
  it("R from mean ranks on a 4-sample example, exact p over all 24 orders", () => {
    // d: (0,1)=1 (0,2)=4 (0,3)=5 (1,2)=3 (1,3)=6 (2,3)=2 ; groups {0,1} {2,3}
    const dm = fromSquare(["a", "b", "c", "d"], [0, 1, 4, 5, 1, 0, 3, 6, 4, 3, 0, 2, 5, 6, 2, 0]);
    const r = anosim(dm, ["x", "x", "y", "y"], { permutations: "exact" });
    // ranks: within pairs (0,1)->1, (2,3)->2: mean 1.5; between 4,5,3,6 -> ranks 4,5,3,6: mean 4.5
    expect(r.R).toBeCloseTo((4.5 - 1.5) / 3, 14);
    // R is maximal; 3 distinct pairings, each realised by 8 of the 24 orders: p = 8/24
    expect(r.p).toBeCloseTo(1 / 3, 14);
  });

  it("is invariant to relabelling and to sample order", () => {
    const dm = braycurtis("dune");
    const g = metadataColumns("dune").column("Management");
    const base = anosim(dm, g, { permutations: 0 }).R;
    expect(
      anosim(
        dm,
        g.map((x) => `q${x}`),
        { permutations: 0 },
      ).R,
    ).toBeCloseTo(base, 14);
    fc.assert(
      fc.property(fc.shuffledSubarray([...dm.ids.keys()], { minLength: 20, maxLength: 20 }), (order) => {
        const o = reorder(dm, g, order);
        const r = anosim(o.dm, o.labels, { permutations: 0 }).R;
        expect(r).toBeCloseTo(base, 12);
      }),
      { numRuns: 20 },
    );
  });
});

describe("mantel vs vegan 2.6-4 (dune: Bray–Curtis vs Euclidean distance of scale(A1))", () => {
  const ref = readReference<Scalar>("dune", "mantel").results;
  const bc = braycurtis("dune");
  const env = matrixFromValues(ref["env_distance.R"]!.values);

  it.each(["pearson", "spearman"] as const)("%s: r to 1e-9, p within the binomial band", (method) => {
    const want = ref[`vegan.${method}`]!.values;
    const r = mantel(bc, env, { method, permutations: 999, seed: 6 });
    expect(rel(r.r!, want.r!)).toBeLessThan(1e-9);
    expect(withinBinomialBand(r.p!, want.p!, 999, 9999)).toBe(true);
  });

  it("spearman on scipy's env matrix matches scikit-bio (different tie rounding)", () => {
    const envPy = matrixFromValues(ref["env_distance.python"]!.values);
    const r = mantel(bc, envPy, { method: "spearman", permutations: 0 });
    expect(rel(r.r!, ref["skbio.spearman"]!.values.r!)).toBeLessThan(1e-9);
  });
});

describe("mantel properties", () => {
  const bc = braycurtis("dune");
  it("r(x, x) = 1 and r is symmetric in its arguments", () => {
    const env = matrixFromValues(readReference<Scalar>("dune", "mantel").results["env_distance.R"]!.values);
    expect(mantel(bc, bc, { permutations: 0 }).r).toBeCloseTo(1, 14);
    expect(mantel(bc, env, { permutations: 0 }).r).toBeCloseTo(mantel(env, bc, { permutations: 0 }).r!, 14);
  });
  it("reorders the second matrix by ID and rejects different samples", () => {
    const rev = selectIds(bc, [...bc.ids].reverse());
    expect(mantel(bc, rev, { permutations: 0 }).r).toBeCloseTo(1, 14);
    expect(() => mantel(bc, selectIds(bc, bc.ids.slice(1)))).toThrow(/different samples/);
  });
  it("exact p on 4 samples: the identity is always counted", () => {
    const dm = fromSquare(["a", "b", "c", "d"], [0, 1, 4, 5, 1, 0, 3, 6, 4, 3, 0, 2, 5, 6, 2, 0]);
    const r = mantel(dm, dm, { permutations: "exact" });
    expect(r.permutations).toBe(24);
    expect(r.p! * 24).toBeGreaterThanOrEqual(1);
    expect(Number.isInteger(Math.round(r.p! * 24 * 1e9) / 1e9)).toBe(true);
  });
});

describe("rankAverage (used by ANOSIM and Mantel)", () => {
  it("matches R rank(c(3, 1, 4, 1, 5, 9, 2, 6, 5))", () => {
    expect([...rankAverage([3, 1, 4, 1, 5, 9, 2, 6, 5]).ranks]).toEqual([4, 1.5, 5, 1.5, 6.5, 9, 3, 8, 6.5]);
  });
});
