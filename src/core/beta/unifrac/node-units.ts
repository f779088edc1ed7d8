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
import { type BetaOptions, DEFAULT_GENERALIZED_ALPHA, type PairwiseMetric } from "../pairwise-metric.js";
import { createStripeBlock, type StripeBlock } from "../stripes.js";
import { sharedLengthKernel, sharedMinKernel, UnitColumns } from "./shared-units.js";

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

/**
 * The postorder pass: calls `unit(w, e, nz, z)` for every non-root node of branch length w > 0
 * present in z > 0 samples, in postorder, with nz[0 .. z-1] those samples and e[i] = p_i (the
 * node's counts in sample i over the sample's total; 0 elsewhere).
 */
function forEachNodeUnit(
  table: FeatureTable,
  tree: Tree,
  tipNodes: Int32Array,
  unit: (w: number, e: Float64Array, nz: Int32Array, z: number) => void,
): void {
  const n = nSamples(table);
  const totals = sampleTotals(table);
  // Feature-major copy of the counts, to scatter a tip's row.
  const { featurePtr: rowPtr, sampleIndex: rowSample, value: rowValue } = featureMajor(table, table.values);
  const featureOf = nodeFeatures(tree, tipNodes);
  const nodes = tree.parent.length;
  const childCount = new Int32Array(nodes);
  for (let v = 0; v < nodes - 1; v++) childCount[tree.parent[v]!]!++;

  const pool: Frame[] = [];
  const stack: Frame[] = [];
  const take = (): Frame => pool.pop() ?? { c: new Float64Array(n), nz: new Int32Array(n), z: 0 };
  const release = (fr: Frame): void => {
    for (let a = 0; a < fr.z; a++) fr.c[fr.nz[a]!] = 0;
    fr.z = 0;
    pool.push(fr);
  };
  const e = new Float64Array(n);

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
    unit(w, e, frame.nz, frame.z);
    for (let a = 0; a < frame.z; a++) e[frame.nz[a]!] = 0;
  }
}

/** The prepared kernel (a function of its own, so the unit-major lists are not kept with it). */
function listKernel(
  table: FeatureTable,
  tree: Tree,
  tipNodes: Int32Array,
  term: "both" | "min",
): (block: StripeBlock) => void {
  const cols = new UnitColumns(nSamples(table), term === "min");
  forEachNodeUnit(table, tree, tipNodes, (w, e, nz, z) => cols.add(w, nz, z, e));
  return term === "both" ? sharedLengthKernel(cols) : sharedMinKernel(cols);
}

/**
 * Unweighted ("both") or weighted ("min") UniFrac from per-sample lists (shared-units.ts): one
 * postorder pass and one transposition, shared by every block [start, stop) the returned function
 * computes.
 */
export function nodeListStripes(
  table: FeatureTable,
  tree: Tree,
  tipNodes: Int32Array,
  term: "both" | "min",
): (start: number, stop: number) => StripeBlock {
  const n = nSamples(table);
  const kernel = listKernel(table, tree, tipNodes, term);
  return (start, stop) => {
    const block = createStripeBlock(n, start, stop, false);
    kernel(block);
    return block;
  };
}

/**
 * Stripes [start, stop) of node units with any pair term: the sample-list kernels for "both" /
 * "min" (default; `sampleLists = false` runs the generic pair kernel, which tests compare them
 * with), the generic pair kernel (pair-kernel.ts) unit by unit otherwise.
 */
export function nodeStripes(
  table: FeatureTable,
  tree: Tree,
  tipNodes: Int32Array,
  term: PairTerm,
  alpha: number,
  start: number,
  stop: number,
  sampleLists = true,
): StripeBlock {
  if (sampleLists && (term === "both" || term === "min"))
    return nodeListStripes(table, tree, tipNodes, term)(start, stop);
  const block = createStripeBlock(nSamples(table), start, stop, term === "generalized");
  forEachNodeUnit(table, tree, tipNodes, (w, e, nz, z) => accumulateUnit(block, term, alpha, w, e, nz, 0, z));
  return block;
}

/** A UniFrac metric: node units with the given pair term, finished by `distance`. */
export function unifracMetric(term: PairTerm, distance: PairwiseMetric["distance"]): PairwiseMetric {
  const tips = (table: FeatureTable, options: BetaOptions) =>
    featureTipNodes(options.tree!, table.featureIds);
  const common = { needsTree: true, rejectsEmptySamples: true, distance };
  if (term === "both" || term === "min")
    return {
      ...common,
      prepare: (table, options) => nodeListStripes(table, options.tree!, tips(table, options), term),
    };
  return {
    ...common,
    stripes: (table, options, start, stop) =>
      nodeStripes(
        table,
        options.tree!,
        tips(table, options),
        term,
        options.alpha ?? DEFAULT_GENERALIZED_ALPHA,
        start,
        stop,
      ),
  };
}
