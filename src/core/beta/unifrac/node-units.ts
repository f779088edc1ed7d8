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
import { type FeatureTable, nnz, nSamples, sampleTotals } from "../../table/feature-table.js";
import { featureMajor } from "../feature-units.js";
import { accumulateUnit, type PairTerm } from "../pair-kernel.js";
import { type BetaOptions, DEFAULT_GENERALIZED_ALPHA, type PairwiseMetric } from "../pairwise-metric.js";
import { createStripeBlock, type StripeBlock } from "../stripes.js";
import {
  lengthTable,
  type SampleLists,
  sharedLengthKernel,
  sharedMinKernel,
  UnitColumns,
} from "./shared-units.js";

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
 * The postorder pass: calls `unit(v, w, e, nz, z)` for every non-root node v of branch length w > 0
 * present in z > 0 samples, in postorder, with nz[0 .. z-1] those samples and e[i] = p_i (the
 * node's counts in sample i over the sample's total; 0 elsewhere).
 */
function forEachNodeUnit(
  table: FeatureTable,
  tree: Tree,
  tipNodes: Int32Array,
  unit: (v: number, w: number, e: Float64Array, nz: Int32Array, z: number) => void,
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
    unit(v, w, e, frame.nz, frame.z);
    for (let a = 0; a < frame.z; a++) e[frame.nz[a]!] = 0;
  }
}

/**
 * The tree side of the sample-list kernels, the same for every range of samples: units are the
 * non-root nodes of branch length > 0 present in some sample of the table, numbered in postorder
 * (so the lists of any range of samples use one numbering).
 */
export interface ListUnits {
  /** Tip node of each feature (featureTipNodes). */
  tipNodes: Int32Array;
  /** Unit of each node, -1 where the node is no unit. */
  unitOf: Int32Array;
  /** Branch length of each unit. */
  weight: Float64Array;
  /** Unweighted ("both"): the lengthTable of the units; empty for weighted. */
  lengths: Float64Array;
}

/** The units of `table` on `tree` for the pair term (inputs valid; tipNodes from featureTipNodes). */
export function listUnits(
  table: FeatureTable,
  tree: Tree,
  tipNodes: Int32Array,
  term: "both" | "min",
): ListUnits {
  const nodes = tree.parent.length;
  const stored = new Uint8Array(table.featureIds.length);
  for (let k = 0; k < nnz(table); k++) stored[table.featureIndex[k]!] = 1;
  const present = new Uint8Array(nodes);
  tipNodes.forEach((node, f) => {
    present[node] = stored[f]!;
  });
  const unitOf = new Int32Array(nodes).fill(-1);
  const weight: number[] = [];
  for (let v = 0; v < nodes - 1; v++) {
    if (present[v] === 0) continue;
    present[tree.parent[v]!] = 1;
    if (tree.length[v]! === 0) continue;
    unitOf[v] = weight.length;
    weight.push(tree.length[v]!);
  }
  const w = Float64Array.from(weight);
  return { tipNodes, unitOf, weight: w, lengths: term === "both" ? lengthTable(w) : new Float64Array(0) };
}

/** Samples [a, b) of the table as a table of their own (a view: nothing is copied but colPtr). */
function sampleRange(table: FeatureTable, a: number, b: number): FeatureTable {
  const base = table.colPtr[a]!;
  const colPtr = table.colPtr.slice(a, b + 1);
  for (let i = 0; i < colPtr.length; i++) colPtr[i]! -= base;
  return {
    sampleIds: table.sampleIds.slice(a, b),
    featureIds: table.featureIds,
    colPtr,
    featureIndex: table.featureIndex.subarray(base, table.colPtr[b]!),
    values: table.values.subarray(base, table.colPtr[b]!),
  };
}

/**
 * The lists of samples [a, b) (one postorder pass over their counts): unit bytes ("both",
 * unweighted) or units with l_u p_i(u) ("min", weighted). Sample a + i's lists are the same
 * whatever range they are built in.
 */
export function sampleLists(
  table: FeatureTable,
  tree: Tree,
  units: ListUnits,
  term: "both" | "min",
  a: number,
  b: number,
): SampleLists {
  const cols = new UnitColumns(b - a, term === "min");
  forEachNodeUnit(sampleRange(table, a, b), tree, units.tipNodes, (v, w, e, nz, z) =>
    cols.add(units.unitOf[v]!, w, nz, z, e),
  );
  return cols.lists();
}

/**
 * Stripes of unweighted ("both") or weighted ("min") UniFrac from the lists of all samples
 * (shared-units.ts), for any block [start, stop); the lists are only read.
 */
export function listStripes(
  units: ListUnits,
  term: "both" | "min",
  lists: SampleLists,
): (start: number, stop: number) => StripeBlock {
  const n = lists.ptr.length - 1;
  const kernel =
    term === "both" ? sharedLengthKernel(lists, units.lengths) : sharedMinKernel(lists, units.weight.length);
  return (start, stop) => {
    const block = createStripeBlock(n, start, stop, false);
    kernel(block);
    return block;
  };
}

/**
 * Unweighted ("both") or weighted ("min") UniFrac from per-sample lists: one postorder pass and
 * one transposition, shared by every block [start, stop) the returned function computes.
 */
export function nodeListStripes(
  table: FeatureTable,
  tree: Tree,
  tipNodes: Int32Array,
  term: "both" | "min",
): (start: number, stop: number) => StripeBlock {
  const units = listUnits(table, tree, tipNodes, term);
  return listStripes(units, term, sampleLists(table, tree, units, term, 0, nSamples(table)));
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
  forEachNodeUnit(table, tree, tipNodes, (_v, w, e, nz, z) =>
    accumulateUnit(block, term, alpha, w, e, nz, 0, z),
  );
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
      lists: term,
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
