/**
 * The bit-parallel unweighted UniFrac kernel (shared-length-bits.ts) against the generic stripe
 * kernel (pair-kernel.ts): identical accumulators and row terms, bit for bit, for any stripe block.
 */
import { describe, expect, it } from "vitest";
import { nStripes, stripeRanges } from "../../src/core/beta/stripes.js";
import { nodeStripes } from "../../src/core/beta/unifrac/node-units.js";
import { featureTipNodes } from "../../src/core/phylo/feature-tips.js";
import { syntheticTable, syntheticTree } from "./synthetic.js";

describe("bit-parallel unweighted UniFrac", () => {
  for (const [n, m, density] of [
    [2, 5, 0.5],
    [7, 40, 0.2],
    [60, 300, 0.05],
    [97, 500, 0.3],
  ] as const) {
    it(`equals the generic kernel bit for bit (${n} samples, ${m} features)`, () => {
      const table = syntheticTable(n, m, density, n + m);
      const tree = syntheticTree(table.featureIds, 3);
      const tips = featureTipNodes(tree, table.featureIds);
      for (const [start, stop] of [[0, nStripes(n)], ...stripeRanges(n, 3)]) {
        const fast = nodeStripes(table, tree, tips, "both", 0, start!, stop!);
        const slow = nodeStripes(table, tree, tips, "both", 0, start!, stop!, false);
        expect(fast.acc1).toEqual(slow.acc1);
        expect(fast.rows).toEqual(slow.rows);
      }
    });
  }
});
