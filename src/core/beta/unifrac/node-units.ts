/**
 * Node units for UniFrac (the Striped UniFrac pipeline: table -> tree -> embedding -> kernel):
 * every non-root node of the tree is a unit of weight = its branch length, whose value in sample i
 * is the embedding u_i = (counts of sample i under the node) / (total of sample i).
 *
 * The embedding is built in one postorder pass with a stack of per-node count vectors: a tip's
 * vector is its feature's row of the table; an internal node's is the sum of its children's, which
 * are the top entries of the stack (postorder), merged into the first child's buffer. Counts are
 * summed (exact for integer tables) and divided by the sample total only when used.
 *
 *   stack frame: c  Float64Array(n)  counts under the node, 0 where absent
 *                nz Int32Array(n)    samples with c > 0 (first z entries, unordered)
 *
 * Memory: one n-vector per stack frame; the stack is as deep as the postorder needs (about the tree
 * height for balanced trees; up to the number of tips for a fully unbalanced ladder in the worst
 * order). Frames are pooled, and cleared only at their z non-zero entries.
 */
import type { Tree } from "../../phylo/tree.js";
import { featureTipNodes } from "../../phylo/feature-tips.js";
import { type FeatureTable, nSamples, sampleTotals } from "../../table/feature-table.js";
import { featureMajor } from "../feature-units.js";
import { accumulateUnit, type PairTerm } from "../pair-kernel.js";
import { DEFAULT_GENERALIZED_ALPHA, type PairwiseMetric } from "../pairwise-metric.js";
import { createStripeBlock, type StripeBlock } from "../stripes.js";
import { sharedLengthStripes, sharedMinStripes, UnitColumns } from "./shared-units.js";

interface Frame {
  c: Float64Array;
  nz: Int32Array;
  z: number;
}

/** Feature of each tip node (-1 for nodes that are not a feature's tip). */
function nodeFeatures(tree: Tree, tipNodes: Int32Array): Int32Array {
  const out = new Int32Array(tree.parent.length).fill(-1);
  tipNodes.forEach((node, f) => {
    out[node] = f;
  });
  return out;
}

export function nodeStripes(
  table: FeatureTable,
  tree: Tree,
  tipNodes: Int32Array,
  term: PairTerm,
  alpha: number,
  start: number,
  stop: number,
  /** "both" / "min": the sample-list kernels of shared-units.ts (default), or the generic pair
   * kernel (tests compare them); generalized UniFrac always uses the generic one. */
  sampleLists = true,
): StripeBlock {
  const n = nSamples(table);
  const totals = sampleTotals(table);
  // Feature-major copy of the counts, to scatter a tip's row.
  const { featurePtr: rowPtr, sampleIndex: rowSample, value: rowValue } = featureMajor(table, table.values);
  const featureOf = nodeFeatures(tree, tipNodes);
  const nodes = tree.parent.length;
  const childCount = new Int32Array(nodes);
  for (let v = 0; v < nodes - 1; v++) childCount[tree.parent[v]!]!++;

  const block = createStripeBlock(n, start, stop, term === "generalized");
  const pool: Frame[] = [];
  const stack: Frame[] = [];
  const take = (): Frame => pool.pop() ?? { c: new Float64Array(n), nz: new Int32Array(n), z: 0 };
  const release = (fr: Frame): void => {
    for (let a = 0; a < fr.z; a++) fr.c[fr.nz[a]!] = 0;
    fr.z = 0;
    pool.push(fr);
  };
  const e = new Float64Array(n);
  // unweighted / weighted: units per sample, then one pass per pair (shared-units.ts)
  const lists =
    (term === "both" || term === "min") && sampleLists ? new UnitColumns(n, term === "min") : null;

  for (let v = 0; v < nodes - 1; v++) {
    let frame: Frame;
    if (childCount[v] === 0) {
      frame = take();
      const f = featureOf[v]!;
      if (f >= 0) {
        for (let k = rowPtr[f]!; k < rowPtr[f + 1]!; k++) {
          frame.c[rowSample[k]!] = rowValue[k]!;
          frame.nz[frame.z++] = rowSample[k]!;
        }
      }
    } else {
      const first = stack.length - childCount[v]!;
      frame = stack[first]!;
      for (let q = first + 1; q < stack.length; q++) {
        const child = stack[q]!;
        for (let a = 0; a < child.z; a++) {
          const i = child.nz[a]!;
          if (frame.c[i] === 0) frame.nz[frame.z++] = i;
          frame.c[i]! += child.c[i]!;
        }
        release(child);
      }
      stack.length = first;
    }
    stack.push(frame);
    const w = tree.length[v]!;
    if (frame.z === 0 || w === 0) continue;
    for (let a = 0; a < frame.z; a++) {
      const i = frame.nz[a]!;
      e[i] = frame.c[i]! / totals[i]!;
    }
    if (lists) {
      // weighted: accumulateUnit's row term w e (unweighted: sharedLengthStripes sums the rows)
      if (term === "min") for (let a = 0; a < frame.z; a++) block.rows[frame.nz[a]!]! += w * e[frame.nz[a]!]!;
      lists.add(w, frame.nz, frame.z, e);
    } else accumulateUnit(block, term, alpha, w, e, frame.nz, 0, frame.z);
    for (let a = 0; a < frame.z; a++) e[frame.nz[a]!] = 0;
  }
  if (lists) (term === "both" ? sharedLengthStripes : sharedMinStripes)(block, lists);
  return block;
}

/** A UniFrac metric: node units with the given pair term, finished by `distance`. */
export function unifracMetric(term: PairTerm, distance: PairwiseMetric["distance"]): PairwiseMetric {
  return {
    needsTree: true,
    rejectsEmptySamples: true,
    stripes: (table, options, start, stop) =>
      nodeStripes(
        table,
        options.tree!,
        featureTipNodes(options.tree!, table.featureIds),
        term,
        options.alpha ?? DEFAULT_GENERALIZED_ALPHA,
        start,
        stop,
      ),
    distance,
  };
}
