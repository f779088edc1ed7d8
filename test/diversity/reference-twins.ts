/**
 * Slow, obviously-correct twins of the beta kernels, used only in tests: dense vectors, one pair at
 * a time, one feature or one branch at a time, straight from each metric's textbook formula.
 */
import type { Tree } from "../../src/core/phylo/tree.js";
import { denseBlock, type FeatureTable, nFeatures, nSamples } from "../../src/core/table/feature-table.js";

type PairFormula = (x: Float64Array, y: Float64Array) => number;

function pairwise(rows: Float64Array[], formula: PairFormula): number[][] {
  return rows.map((x) => rows.map((y) => formula(x, y)));
}

function denseRows(table: FeatureTable): Float64Array[] {
  const m = nFeatures(table);
  const block = denseBlock(table);
  return Array.from({ length: nSamples(table) }, (_, s) => block.slice(s * m, s * m + m));
}

function euclidean(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let f = 0; f < x.length; f++) s += (x[f]! - y[f]!) ** 2;
  return Math.sqrt(s);
}

export function twinBraycurtis(table: FeatureTable): number[][] {
  return pairwise(denseRows(table), (x, y) => {
    let num = 0;
    let den = 0;
    for (let f = 0; f < x.length; f++) {
      num += Math.abs(x[f]! - y[f]!);
      den += x[f]! + y[f]!;
    }
    return num / den;
  });
}

export function twinJaccard(table: FeatureTable): number[][] {
  return pairwise(denseRows(table), (x, y) => {
    let both = 0;
    let either = 0;
    for (let f = 0; f < x.length; f++) {
      if (x[f]! > 0 && y[f]! > 0) both++;
      if (x[f]! > 0 || y[f]! > 0) either++;
    }
    return 1 - both / either;
  });
}

export function twinAitchison(table: FeatureTable, pseudocount: number): number[][] {
  const clr = denseRows(table).map((x) => {
    const l = x.map((v) => Math.log(v + pseudocount));
    const mean = l.reduce((a, b) => a + b, 0) / l.length;
    return l.map((v) => v - mean);
  });
  return pairwise(clr, euclidean);
}

export function twinRobustAitchison(table: FeatureTable): number[][] {
  const rclr = denseRows(table).map((x) => {
    const logs = [...x].filter((v) => v > 0).map(Math.log);
    const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
    return x.map((v) => (v > 0 ? Math.log(v) - mean : 0));
  });
  return pairwise(rclr, euclidean);
}

/** Per sample, per node: proportion of the sample under the node (walking each tip to the root). */
function nodeProportions(table: FeatureTable, tree: Tree): Float64Array[] {
  const tipOf = new Map<string, number>();
  tree.names.forEach((name, v) => {
    if (tree.isTip[v] === 1 && name !== null) tipOf.set(name, v);
  });
  return denseRows(table).map((x) => {
    const total = x.reduce((a, b) => a + b, 0);
    const p = new Float64Array(tree.parent.length);
    x.forEach((count, f) => {
      for (let v = tipOf.get(table.featureIds[f]!)!; v !== -1; v = tree.parent[v]!) p[v]! += count / total;
    });
    return p;
  });
}

export type UnifracVariant = "unweighted" | "weighted" | "weighted_normalized" | "generalized";

export function twinUnifrac(
  table: FeatureTable,
  tree: Tree,
  variant: UnifracVariant,
  alpha = 0.5,
): number[][] {
  const root = tree.parent.length - 1;
  return pairwise(nodeProportions(table, tree), (pa, pb) => {
    let num = 0;
    let den = 0;
    for (let v = 0; v < root; v++) {
      const l = tree.length[v]!;
      const a = pa[v]!;
      const b = pb[v]!;
      if (variant === "unweighted") {
        num += l * Math.abs(Number(a > 0) - Number(b > 0));
        den += l * Math.max(Number(a > 0), Number(b > 0));
      } else if (variant === "generalized") {
        if (a + b > 0) {
          num += (l * (a + b) ** alpha * Math.abs(a - b)) / (a + b);
          den += l * (a + b) ** alpha;
        }
      } else {
        num += l * Math.abs(a - b);
        den += l * (a + b);
      }
    }
    return variant === "weighted" ? num : num / den;
  });
}
