/**
 * Beta kernels against their slow twins (reference-twins.ts) on random sparse tables and trees,
 * stripe merging bit for bit, metric properties (fast-check) and input errors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BETA_METRIC_IDS, betaDiversity } from "../../src/core/beta/beta-diversity.js";
import { type DistanceMatrix, distance } from "../../src/core/beta/distance-matrix.js";
import { nStripes, stripeRanges } from "../../src/core/beta/stripes.js";
import { InputError } from "../../src/core/errors.js";
import { type Tree, treeFromParents } from "../../src/core/phylo/tree.js";
import { createFeatureTable, type FeatureTable, fromDense } from "../../src/core/table/feature-table.js";
import {
  twinAitchison,
  twinBraycurtis,
  twinJaccard,
  twinRobustAitchison,
  twinUnifrac,
} from "./reference-twins.js";
import { syntheticTable, syntheticTree } from "./synthetic.js";

function maxRel(dm: DistanceMatrix, twin: number[][]): number {
  let worst = 0;
  for (let i = 0; i < dm.ids.length; i++) {
    for (let j = 0; j < dm.ids.length; j++) {
      const a = distance(dm, i, j);
      const b = twin[i]![j]!;
      const scale = Math.max(Math.abs(a), Math.abs(b), 1e-12);
      worst = Math.max(worst, Math.abs(a - b) / scale);
    }
  }
  return worst;
}

const seeds = fc.integer({ min: 1, max: 1_000_000 });
const shape = fc.record({
  n: fc.integer({ min: 2, max: 9 }),
  m: fc.integer({ min: 2, max: 30 }),
  seed: seeds,
});

function inputs({ n, m, seed }: { n: number; m: number; seed: number }): { table: FeatureTable; tree: Tree } {
  const table = syntheticTable(n, m, 0.3, seed);
  return { table, tree: syntheticTree(table.featureIds, seed + 1) };
}

/** Reorders samples and features of a table. */
function permuted(table: FeatureTable, sampleOrder: number[], featureOrder: number[]): FeatureTable {
  const m = table.featureIds.length;
  const n = table.sampleIds.length;
  const dense = new Float64Array(n * m);
  for (let s = 0; s < n; s++) {
    const src = sampleOrder[s]!;
    for (let k = table.colPtr[src]!; k < table.colPtr[src + 1]!; k++) {
      dense[s * m + featureOrder.indexOf(table.featureIndex[k]!)] = table.values[k]!;
    }
  }
  return fromDense(
    sampleOrder.map((s) => table.sampleIds[s]!),
    featureOrder.map((f) => table.featureIds[f]!),
    dense,
  );
}

describe("beta kernels equal their slow twins", () => {
  it("on random sparse tables and trees (all metrics)", () => {
    fc.assert(
      fc.property(shape, (sh) => {
        const { table, tree } = inputs(sh);
        const twins: Record<string, number[][]> = {
          braycurtis: twinBraycurtis(table),
          jaccard: twinJaccard(table),
          aitchison: twinAitchison(table, 1),
          robust_aitchison: twinRobustAitchison(table),
          unweighted_unifrac: twinUnifrac(table, tree, "unweighted"),
          weighted_unifrac: twinUnifrac(table, tree, "weighted"),
          weighted_normalized_unifrac: twinUnifrac(table, tree, "weighted_normalized"),
          generalized_unifrac: twinUnifrac(table, tree, "generalized", 0.5),
        };
        for (const id of BETA_METRIC_IDS) {
          expect(maxRel(betaDiversity(table, id, { tree }), twins[id]!), id).toBeLessThan(1e-10);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("generalized UniFrac at alpha 0 and 1 (1 = weighted normalised)", () => {
    const { table, tree } = inputs({ n: 7, m: 25, seed: 11 });
    for (const alpha of [0, 0.25, 1]) {
      const dm = betaDiversity(table, "generalized_unifrac", { tree, alpha });
      expect(maxRel(dm, twinUnifrac(table, tree, "generalized", alpha))).toBeLessThan(1e-10);
    }
    expect(
      maxRel(
        betaDiversity(table, "generalized_unifrac", { tree, alpha: 1 }),
        twinUnifrac(table, tree, "weighted_normalized"),
      ),
    ).toBeLessThan(1e-10);
  });
});

describe("stripes", () => {
  it("cover every pair: stripe k, slot i is the pair (i, i + k + 1 mod n)", () => {
    for (let n = 2; n <= 9; n++) {
      const seen = new Set<string>();
      for (let k = 0; k < nStripes(n); k++) {
        for (let i = 0; i < n; i++) seen.add([i, (i + k + 1) % n].sort((a, b) => a - b).join(","));
      }
      expect(seen.size).toBe((n * (n - 1)) / 2);
    }
  });

  it("merged blocks equal a full run bit for bit, for every metric and block count", () => {
    const { table, tree } = inputs({ n: 23, m: 60, seed: 5 });
    for (const id of BETA_METRIC_IDS) {
      const full = betaDiversity(table, id, { tree });
      for (const blocks of [2, 3, 7, 11]) {
        expect(stripeRanges(23, blocks).length).toBe(blocks);
        const split = betaDiversity(table, id, { tree, blocks });
        expect(
          Buffer.from(split.condensed.buffer).equals(Buffer.from(full.condensed.buffer)),
          `${id} x${blocks}`,
        ).toBe(true);
      }
    }
  });
});

describe("beta properties (fast-check)", () => {
  it("zero diagonal, non-negative, UniFrac bounded by 1 where normalised", () => {
    fc.assert(
      fc.property(shape, (sh) => {
        const { table, tree } = inputs(sh);
        for (const id of BETA_METRIC_IDS) {
          const dm = betaDiversity(table, id, { tree });
          for (const d of dm.condensed) {
            expect(d).toBeGreaterThanOrEqual(0);
            if (id !== "weighted_unifrac" && !id.includes("aitchison"))
              expect(d).toBeLessThanOrEqual(1 + 1e-15);
          }
          for (let i = 0; i < dm.ids.length; i++) expect(distance(dm, i, i)).toBe(0);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("invariant to sample order and feature order", () => {
    fc.assert(
      fc.property(shape, seeds, (sh, s2) => {
        const { table, tree } = inputs(sh);
        const so = fc.sample(
          fc.shuffledSubarray([...table.sampleIds.keys()], { minLength: sh.n, maxLength: sh.n }),
          {
            seed: s2,
            numRuns: 1,
          },
        )[0]!;
        const fo = fc.sample(
          fc.shuffledSubarray([...table.featureIds.keys()], { minLength: sh.m, maxLength: sh.m }),
          {
            seed: s2 + 1,
            numRuns: 1,
          },
        )[0]!;
        const other = permuted(table, so, fo);
        for (const id of BETA_METRIC_IDS) {
          const a = betaDiversity(table, id, { tree });
          const b = betaDiversity(other, id, { tree });
          for (let i = 0; i < sh.n; i++) {
            for (let j = 0; j < sh.n; j++) {
              const x = distance(a, so[i]!, so[j]!);
              expect(Math.abs(distance(b, i, j) - x)).toBeLessThanOrEqual(1e-12 * Math.max(1, x));
            }
          }
        }
      }),
      { numRuns: 20 },
    );
  });

  it("identical samples are at distance exactly 0 (every metric)", () => {
    fc.assert(
      fc.property(shape, (sh) => {
        const { table, tree } = inputs(sh);
        // Duplicate sample 0 as an extra sample.
        const n = table.sampleIds.length;
        const extra = table.colPtr[1]! - table.colPtr[0]!;
        const colPtr = Int32Array.from([...table.colPtr, table.colPtr[n]! + extra]);
        const twin = createFeatureTable({
          sampleIds: [...table.sampleIds, "copy"],
          featureIds: table.featureIds,
          colPtr,
          featureIndex: Int32Array.from([...table.featureIndex, ...table.featureIndex.subarray(0, extra)]),
          values: Float64Array.from([...table.values, ...table.values.subarray(0, extra)]),
        });
        for (const id of BETA_METRIC_IDS)
          expect(distance(betaDiversity(twin, id, { tree }), 0, n), id).toBe(0);
      }),
      { numRuns: 30 },
    );
  });
});

describe("beta input errors", () => {
  const table = fromDense(["a", "b", "c"], ["x", "y"], [1, 0, 0, 2, 0, 0]);
  const tree = treeFromParents([2, 2, -1], [1, 1, Number.NaN], ["x", "y", null]);

  it("rejects all-zero samples for metrics that are 0/0 on them, naming the sample", () => {
    const err = (() => {
      try {
        betaDiversity(table, "braycurtis");
      } catch (e) {
        return e as InputError;
      }
    })();
    expect(err).toBeInstanceOf(InputError);
    expect(err!.issues[0]).toMatchObject({ code: "all_zero_sample", sampleId: "c" });
    expect(() => betaDiversity(table, "aitchison")).not.toThrow();
  });

  it("names features missing from the tree and branches without length", () => {
    const t2 = fromDense(["a", "b"], ["x", "z"], [1, 2, 3, 4]);
    const noLen = treeFromParents([2, 2, -1], [1, Number.NaN, 0], ["x", "z", null]);
    try {
      betaDiversity(t2, "unweighted_unifrac", { tree });
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).issues.map((i) => i.code)).toContain("missing_tips");
      expect((e as InputError).message).toContain("'z'");
    }
    expect(() => betaDiversity(t2, "weighted_unifrac", { tree: noLen })).toThrow(/missing_branch_length/);
    expect(() => betaDiversity(t2, "weighted_unifrac")).toThrow(/needs a tree/);
  });

  it("rejects unknown metrics, bad alpha and pseudocount", () => {
    const t2 = fromDense(["a", "b"], ["x", "y"], [1, 2, 3, 4]);
    expect(() => betaDiversity(t2, "euclid")).toThrow(/unknown beta metric/);
    expect(() => betaDiversity(t2, "generalized_unifrac", { tree, alpha: 2 })).toThrow(/alpha/);
    expect(() => betaDiversity(t2, "aitchison", { pseudocount: 0 })).toThrow(/pseudocount/);
    expect(() => betaDiversity(fromDense(["a", "b"], ["x"], [1, -1]), "braycurtis")).toThrow(
      /negative_value/,
    );
  });

  it("handles one and two samples", () => {
    expect(betaDiversity(fromDense(["a"], ["x"], [1]), "braycurtis").condensed.length).toBe(0);
    expect([
      ...betaDiversity(fromDense(["a", "b"], ["x", "y"], [1, 0, 0, 1]), "braycurtis").condensed,
    ]).toEqual([1]);
  });
});
