/**
 * The sample-list UniFrac kernels (shared-units.ts) against the generic stripe kernel
 * (pair-kernel.ts), for any stripe block: weighted (term "min") identical bit for bit; unweighted
 * (term "both", 8 lengths per table lookup) within a few ulps, row terms included.
 */
import { describe, expect, it } from "vitest";
import { nStripes, stripeRanges } from "../../src/core/beta/stripes.js";
import { nodeStripes } from "../../src/core/beta/unifrac/node-units.js";
import { featureTipNodes } from "../../src/core/phylo/feature-tips.js";
import { KERNEL_TEST_SHAPES, syntheticTable, syntheticTree } from "./synthetic.js";

describe("sample-list UniFrac kernels", () => {
  for (const { n, m, density } of KERNEL_TEST_SHAPES) {
    it(`equal the generic kernel (${n} samples, ${m} features)`, () => {
      const table = syntheticTable(n, m, density, n + m);
      const tree = syntheticTree(table.featureIds, 3);
      const tips = featureTipNodes(tree, table.featureIds);
      for (const [start, stop] of [[0, nStripes(n)], ...stripeRanges(n, 3)]) {
        const weighted = nodeStripes(table, tree, tips, "min", 0, start!, stop!);
        const generic = nodeStripes(table, tree, tips, "min", 0, start!, stop!, false);
        expect(weighted.acc1).toEqual(generic.acc1);
        expect(weighted.rows).toEqual(generic.rows);
        const fast = nodeStripes(table, tree, tips, "both", 0, start!, stop!);
        const slow = nodeStripes(table, tree, tips, "both", 0, start!, stop!, false);
        const close = (a: Float64Array, b: Float64Array) =>
          a.forEach((s, x) => expect(Math.abs(s - b[x]!)).toBeLessThanOrEqual(1e-14 * b[x]!));
        close(fast.acc1, slow.acc1);
        close(fast.rows, slow.rows);
      }
    });
  }
});
