/**
 * Seeded synthetic inputs for property tests and benchmarks: sparse count tables whose features
 * have uneven prevalence (as real microbiome tables: a few common, many rare), and random binary
 * trees over the features (random merges, branch lengths uniform in [0.01, 0.2)).
 */
import { createRng } from "../../src/core/random/rng.js";
import { type Tree, treeFromParents } from "../../src/core/phylo/tree.js";
import { createFeatureTable, type FeatureTable } from "../../src/core/table/feature-table.js";

/**
 * Table shapes on which the fast beta kernels are checked against their plain twins: tiny (n = 2, 3),
 * odd and even n, sparse and dense, more samples than features, and (the 300 x 1,000) over 65,536
 * (sample, unit) entries, so UniFrac's lists span several chunks.
 */
export const KERNEL_TEST_SHAPES = [
  { n: 2, m: 5, density: 0.5 },
  { n: 3, m: 9, density: 0.4 },
  { n: 7, m: 40, density: 0.2 },
  { n: 60, m: 300, density: 0.05 },
  { n: 97, m: 500, density: 0.3 },
  { n: 200, m: 50, density: 0.4 },
  { n: 300, m: 1000, density: 0.1 },
] as const;

export function syntheticTable(n: number, m: number, density: number, seed: number): FeatureTable {
  const rng = createRng(seed);
  // Prevalence of feature f ~ density * 2 * u^2-ish spread, capped at 1.
  const prevalence = Float64Array.from({ length: m }, () => Math.min(1, density * 3 * rng.uniform() ** 2));
  const colPtr = new Int32Array(n + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let s = 0; s < n; s++) {
    for (let f = 0; f < m; f++) {
      if (rng.uniform() < prevalence[f]!) {
        idx.push(f);
        val.push(1 + rng.int(rng.uniform() < 0.3 ? 3 : 200));
      }
    }
    if (idx.length === colPtr[s]) {
      idx.push(rng.int(m));
      val.push(1 + rng.int(50));
    }
    colPtr[s + 1] = idx.length;
  }
  return createFeatureTable({
    sampleIds: Array.from({ length: n }, (_, i) => `S${i}`),
    featureIds: Array.from({ length: m }, (_, i) => `F${i}`),
    colPtr,
    featureIndex: Int32Array.from(idx),
    values: Float64Array.from(val),
  });
}

/** Random rooted binary tree whose tips are `tipNames`. */
export function syntheticTree(tipNames: readonly string[], seed: number): Tree {
  const rng = createRng(seed);
  const parent: number[] = tipNames.map(() => -1);
  const length: number[] = tipNames.map(() => 0.01 + 0.19 * rng.uniform());
  const names: (string | null)[] = [...tipNames];
  const open = tipNames.map((_, i) => i);
  while (open.length > 1) {
    const a = open.splice(rng.int(open.length), 1)[0]!;
    const b = open.splice(rng.int(open.length), 1)[0]!;
    const node = parent.length;
    parent.push(-1);
    length.push(0.01 + 0.19 * rng.uniform());
    names.push(null);
    parent[a] = node;
    parent[b] = node;
    open.push(node);
  }
  return treeFromParents(parent, length, names);
}
