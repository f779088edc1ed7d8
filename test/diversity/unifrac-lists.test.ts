/**
 * The sample-list UniFrac kernels (shared-units.ts) against the generic stripe kernel
 * (pair-kernel.ts), for any stripe block: weighted (term "min") identical bit for bit; unweighted
 * (term "both", 8 lengths per table lookup) within a few ulps, row terms included; lists built
 * per range of samples (as the threads of node/beta-parallel.ts do) and joined give the lists and
 * the stripes of one build, bit for bit.
 */
import { describe, expect, it } from "vitest";
import { nStripes, stripeRanges } from "../../src/core/beta/stripes.js";
import {
  listStripes,
  listUnits,
  nodeListStripes,
  nodeStripes,
  sampleLists,
} from "../../src/core/beta/unifrac/node-units.js";
import { joinSampleLists } from "../../src/core/beta/unifrac/shared-units.js";
import { featureTotals } from "../../src/core/table/feature-table.js";
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

  for (const term of ["both", "min"] as const) {
    it(`${term}: lists of sample ranges, joined, equal the lists of all samples (absent features, zero-length branches)`, () => {
      const table = syntheticTable(53, 400, 0.02, 11);
      const base = syntheticTree(table.featureIds, 12);
      // zero-length branches are no units
      const length = base.length.map((l, v) => (v % 7 === 3 ? 0 : l));
      const tree = { ...base, length };
      expect(featureTotals(table).filter((x) => x === 0).length).toBeGreaterThan(0);
      const tips = featureTipNodes(tree, table.featureIds);
      const units = listUnits(table, tree, tips, term);
      const whole = sampleLists(table, tree, units, term, 0, 53);
      for (const cuts of [
        [0, 53],
        [0, 20, 53],
        [0, 1, 17, 17, 40, 53],
      ]) {
        const parts = cuts.slice(1).map((b, p) => sampleLists(table, tree, units, term, cuts[p]!, b));
        const joined = joinSampleLists(parts, (bytes) => new SharedArrayBuffer(bytes));
        expect(joined.key.buffer).toBeInstanceOf(SharedArrayBuffer);
        for (const k of ["ptr", "key", "bits", "value"] as const) expect(joined[k]).toEqual(whole[k]);
        const fromParts = listStripes(units, term, joined)(3, 20);
        const one = nodeListStripes(table, tree, tips, term)(3, 20);
        expect(fromParts.acc1).toEqual(one.acc1);
        expect(fromParts.rows).toEqual(one.rows);
      }
      // the shared lists are only read: a second kernel over them gives the same stripes
      const again = listStripes(units, term, whole)(0, 26);
      expect(listStripes(units, term, whole)(0, 26).acc1).toEqual(again.acc1);
    });
  }
});
