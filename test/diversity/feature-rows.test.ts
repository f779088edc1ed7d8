/**
 * The row kernel of feature metrics (feature-units.ts: inverted index, a window of stripes per
 * sample) against the unit kernel (pair-kernel.ts): identical accumulators and row terms, bit for
 * bit, for every feature term, real-valued cells (where addition order matters), cells whose value
 * is exactly 0, and any stripe block, including even n (the last stripe holds each pair twice).
 */
import { describe, expect, it } from "vitest";
import { condensedIndex } from "../../src/core/beta/distance-matrix.js";
import {
  type FeatureTerm,
  featureCondensedSums,
  featureMajor,
  featureStripes,
} from "../../src/core/beta/feature-units.js";
import { accumulateUnit } from "../../src/core/beta/pair-kernel.js";
import { createStripeBlock, nStripes, type StripeBlock, stripeRanges } from "../../src/core/beta/stripes.js";
import { createRng } from "../../src/core/random/rng.js";
import { type FeatureTable, nFeatures, nSamples } from "../../src/core/table/feature-table.js";
import { KERNEL_TEST_SHAPES, syntheticTable } from "./synthetic.js";

/** The reference: the generic unit kernel (pair-kernel.ts), every feature a unit of weight 1. */
function unitStripes(
  table: FeatureTable,
  cells: Float64Array,
  term: FeatureTerm,
  start: number,
  stop: number,
): StripeBlock {
  const block = createStripeBlock(nSamples(table), start, stop, false);
  const { featurePtr, sampleIndex, value } = featureMajor(table, cells);
  const e = new Float64Array(block.n);
  for (let f = 0; f < nFeatures(table); f++) {
    const from = featurePtr[f]!;
    const z = featurePtr[f + 1]! - from;
    if (z === 0) continue;
    for (let a = from; a < from + z; a++) e[sampleIndex[a]!] = value[a]!;
    accumulateUnit(block, term, 0, 1, e, sampleIndex, from, z);
    for (let a = from; a < from + z; a++) e[sampleIndex[a]!] = 0;
  }
  return block;
}

describe("feature row kernel", () => {
  it.each(KERNEL_TEST_SHAPES)(
    "equals the unit kernel bit for bit ($n samples, $m features)",
    ({ n, m, density }) => {
      const table = syntheticTable(n, m, density, n + m);
      const rng = createRng(n * m);
      // real values with ~10% exact zeros (cells the kernel must leave out)
      const real = table.values.map((x) => (rng.uniform() < 0.1 ? 0 : x * (0.1 + rng.uniform())));
      const total = nStripes(n);
      const blocks: [number, number][] = [[0, total], ...stripeRanges(n, 3), [0, 0], [total, total]];
      for (let t = 0; t < 4 && total > 1; t++) {
        const a = rng.int(total);
        blocks.push([a, a + 1 + rng.int(total - a)]);
      }
      for (const term of ["min", "both", "product"] as const) {
        for (const cells of [table.values, real]) {
          for (const [start, stop] of blocks) {
            const fast = featureStripes(table, cells, term, start, stop);
            const slow = unitStripes(table, cells, term, start, stop);
            const label = `${term} [${start}, ${stop})`;
            expect(Buffer.from(fast.acc1.buffer).equals(Buffer.from(slow.acc1.buffer)), label).toBe(true);
            expect(Buffer.from(fast.rows.buffer).equals(Buffer.from(slow.rows.buffer)), label).toBe(true);
          }
          // the condensed path: every pair's sum and the row terms equal the unit kernel's
          const out = new Float64Array((n * (n - 1)) / 2);
          const rows = featureCondensedSums(table, cells, term, out);
          const slow = unitStripes(table, cells, term, 0, total);
          const fromStripes = new Float64Array(out.length);
          for (let k = 0; k < total; k++)
            for (let i = 0; i < n; i++)
              fromStripes[condensedIndex(n, i, (i + k + 1) % n)] = slow.acc1[k * n + i]!;
          expect(Buffer.from(out.buffer).equals(Buffer.from(fromStripes.buffer)), `${term} condensed`).toBe(
            true,
          );
          expect(Buffer.from(rows.buffer).equals(Buffer.from(slow.rows.buffer)), `${term} rows`).toBe(true);
        }
      }
    },
  );
});
