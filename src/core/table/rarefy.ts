/**
 * Rarefaction: each sample is subsampled WITHOUT replacement to exactly `depth` reads; samples with
 * fewer reads are dropped and returned in `dropped`. Matches the definition of vegan `rrarefy` and
 * QIIME 2 `feature-table rarefy` (with_replacement = False); the random streams differ, so values
 * agree in distribution only.
 *
 * Algorithm per sample (total N): the N reads are laid out as feature indices, then a partial
 * Fisher–Yates shuffle picks `depth` of them (Knuth, TAOCP vol. 2, Algorithm P); O(N) time, one
 * reusable Int32Array. Sample s uses the stream `rng.fork(s)`, so a sample's result does not depend
 * on the others (parallel-safe). Requires counts (see requireCounts).
 */
import { InputError } from "../errors.js";
import { createRng, type Rng } from "../random/rng.js";
import { createFeatureTable, type FeatureTable, nFeatures, nSamples, sampleTotals } from "./feature-table.js";
import { type FilterResult, filterSamplesByDepth } from "./filter-samples.js";
import { requireCounts } from "./require-counts.js";

/**
 * Subsamples each sample without replacement to exactly `depth` reads (vegan `rrarefy`, QIIME 2
 * `feature-table rarefy`); shallower samples are dropped and listed. Sample s draws from
 * `rng.fork(s)`, so results do not depend on the other samples.
 * @throws {InputError} `out_of_range` unless depth is a positive integer; `negative_value` /
 *   `fractional_count` when the table is not counts.
 */
export function rarefy(
  t: FeatureTable,
  depth: number,
  options: { seed: number } | { rng: Rng },
): FilterResult {
  if (!Number.isInteger(depth) || depth < 1)
    throw InputError.single({
      code: "out_of_range",
      message: `rarefaction depth must be a positive integer, got ${depth}`,
    });
  requireCounts(t);
  const rng = "rng" in options ? options.rng : createRng(options.seed);
  const { table: deep, dropped } = filterSamplesByDepth(t, { minDepth: depth });
  const totals = sampleTotals(deep);
  const position = new Map(t.sampleIds.map((id, i) => [id, i]));
  const maxTotal = totals.reduce((m, x) => Math.max(m, x), 0);
  const reads = new Int32Array(maxTotal);
  const counts = new Float64Array(nFeatures(t));
  const colPtr = new Int32Array(nSamples(deep) + 1);
  const featureIndex: number[] = [];
  const values: number[] = [];
  for (let s = 0; s < nSamples(deep); s++) {
    let n = 0;
    for (let k = deep.colPtr[s]!; k < deep.colPtr[s + 1]!; k++) {
      const f = deep.featureIndex[k]!;
      for (let c = deep.values[k]!; c > 0; c--) reads[n++] = f;
    }
    const stream = rng.fork(position.get(deep.sampleIds[s]!)!);
    for (let d = 0; d < depth; d++) {
      const j = d + stream.int(n - d);
      const pick = reads[j]!;
      reads[j] = reads[d]!;
      reads[d] = pick;
      counts[pick]!++;
    }
    for (let k = deep.colPtr[s]!; k < deep.colPtr[s + 1]!; k++) {
      const f = deep.featureIndex[k]!;
      if (counts[f]! > 0) {
        featureIndex.push(f);
        values.push(counts[f]!);
        counts[f] = 0;
      }
    }
    colPtr[s + 1] = values.length;
  }
  const table = createFeatureTable({
    sampleIds: deep.sampleIds,
    featureIds: t.featureIds,
    colPtr,
    featureIndex: Int32Array.from(featureIndex),
    values: Float64Array.from(values),
  });
  return { table, dropped };
}
