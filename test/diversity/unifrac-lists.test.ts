/**
 * The sample-list UniFrac kernels (shared-units.ts) against the generic stripe kernel
 * (pair-kernel.ts), for any stripe block: weighted (term "min") identical bit for bit; unweighted
 * (term "both", 8 lengths per table lookup) within a few ulps, row terms included.
 */
import { describe, expect, it } from "vitest";
import { nStripes, stripeRanges } from "../../src/core/beta/stripes.js";
import { nodeStripes } from "../../src/core/beta/unifrac/node-units.js";
import { featureTipNodes } from "../../src/core/phylo/feature-tips.js";
import { syntheticTable, syntheticTree } from "./synthetic.js";

describe("sample-list UniFrac kernels", () => {
  // the last shape has over 65,536 (sample, unit) entries: several chunks
  const shapes = [
    { n: 2, m: 5, density: 0.5 },
    { n: 3, m: 9, density: 0.4 },
    { n: 7, m: 40, density: 0.2 },
    { n: 60, m: 300, density: 0.05 },
    { n: 97, m: 500, density: 0.3 },
    { n: 300, m: 1000, density: 0.1 },
  ] as const;
  for (const { n, m, density } of shapes) {
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
