/**
 * Random forest (Breiman 2001) of CART trees for regression and binary probability estimation.
 *
 * Each tree grows on a bootstrap sample (n draws with replacement). At every node `mtry` features are
 * drawn without replacement and the split x_j <= t maximising the impurity decrease is taken:
 *   regression: decrease of the sum of squares, S^2_L / n_L + S^2_R / n_R - S^2 / n (S = sum of y);
 *   binary classification: Gini decrease n G - n_L G_L - n_R G_R with G = 2 q (1 - q). For y in {0, 1}
 *   the Gini impurity is twice the variance, so the same scan serves both and the reported impurity
 *   importance is 2x the sum-of-squares decrease.
 * Thresholds are midpoints between consecutive distinct values (as ranger). Split search scans a
 * node in increasing x_j, by buckets over per-forest precomputed value ranks when the feature has
 * few distinct values relative to the node size, else by sorting the node's values. A feature
 * without ties (each rank one sample: CLR abundances) instead visits the node's distinct samples
 * in rank order read from a bit set per rank, adding each sample's bootstrap copies as the bucket
 * or the sorted scan would (the same sums in the same order, so the same splits), in O(node + n/32)
 * rather than O(n) or a sort (tests grow each forest both ways: `generalScan`). A node is split only if it holds at least `minNodeSize` samples and
 * is not pure; leaves store the mean of y (for binary y: the class-1 fraction, i.e. a probability
 * forest as ranger `probability = TRUE`). The forest predicts the mean over trees.
 * Out-of-bag (OOB): each sample is predicted by the trees whose bootstrap missed it; OOB error is
 * the MSE (regression) or the Brier score (classification, with the 0.5-threshold misclassification
 * rate alongside).
 * Importance: impurity (total decrease per feature, averaged over trees) or permutation (per tree,
 * OOB error after permuting feature j among the tree's OOB samples minus OOB error before, averaged
 * over trees; ranger's unscaled "permutation").
 * Defaults follow ranger 0.14: 500 trees, mtry = floor(sqrt(p)), minNodeSize 5 (regression) or 10
 * (probability). Tree t draws from rng.fork(t), so the forest depends only on the seed.
 * Classification is binary only (y in {0, 1}).
 * Reference: Breiman L (2001). Random forests. Mach Learn 45:5-32. doi:10.1023/A:1010933404324;
 * Wright MN, Ziegler A (2017). ranger. J Stat Softw 77(1). doi:10.18637/jss.v077.i01
 */
import { InputError } from "../errors.js";
import { createRng, type Rng } from "../random/rng.js";

/** A forest for a continuous outcome, or a probability forest for a 0/1 outcome. */
export type ForestTask = "regression" | "classification";
/** Feature importance of a forest: none, impurity decrease, or OOB permutation (ranger's unscaled). */
export type ImportanceType = "none" | "impurity" | "permutation";

/** Options of {@link randomForest}; defaults follow ranger 0.14 (500 trees, mtry ⌊√p⌋, min node 5 or 10). */
export interface RandomForestOptions {
  task: ForestTask;
  seed: number;
  numTrees?: number;
  mtry?: number;
  minNodeSize?: number;
  maxDepth?: number;
  importance?: ImportanceType;
  /**
   * Scan features without ties like the others (buckets or sorting) instead of by their distinct
   * samples: the same forest, slower (tests compare the two scans).
   * @internal
   */
  generalScan?: boolean;
}

/** One tree in flat arrays; a leaf has feature -1 and its prediction in `value`. */
export interface ForestTree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** A grown forest: its trees in flat arrays, out-of-bag predictions and error, and feature importances. */
export interface RandomForest {
  task: ForestTask;
  p: number;
  numTrees: number;
  mtry: number;
  minNodeSize: number;
  seed: number;
  trees: ForestTree[];
  /** OOB prediction per training sample; null when every tree saw the sample. */
  oobPrediction: (number | null)[];
  /** OOB MSE (regression) or Brier score (classification); null if no sample was ever out of bag. */
  oobError: number | null;
  oobMisclassification: number | null;
  importanceType: ImportanceType;
  importance: number[] | null;
}

interface Scratch {
  idx: Int32Array; // bootstrap sample indices, partitioned in place by node
  vals: Float64Array;
  ys: Float64Array;
  features: Int32Array;
  /** Per feature: sorted distinct values (column j in uniqueValues[j]) and each sample's rank among them. */
  uniqueValues: Float64Array[];
  rank: Int32Array; // column-major p x n
  bucketCount: Int32Array;
  bucketSum: Float64Array;
  /** The node's distinct samples; per member its copies in the node, their sum of y in node order, y. */
  members: Int32Array;
  memberCopies: Int32Array;
  memberSum: Float64Array;
  memberY: Float64Array;
  /** Per sample: 1 + its place in `members` while its node is searched, else 0. */
  memberOf: Int32Array;
  /** A bit per rank, and the member of each set rank: the node's samples read back in increasing rank. */
  rankBits: Int32Array;
  rankSlot: Int32Array;
  /** Features without ties take bestSplitTieFree (false: RandomForestOptions.generalScan). */
  tieFreeScan: boolean;
}

interface TreeBuilder {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

function validateForest(x: Float64Array, y: Float64Array, n: number, p: number, task: ForestTask): void {
  if (x.length !== n * p || y.length !== n || n < 2) {
    throw InputError.single({
      code: "bad_argument",
      message: `random forest needs x of n*p = ${n * p} values and y of n = ${n} >= 2 values`,
    });
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) {
      throw InputError.single({
        code: "non_finite",
        message: `x[${Math.floor(i / p)}, ${i % p}] is ${x[i]}`,
      });
    }
  }
  for (let i = 0; i < n; i++) {
    const ok = task === "classification" ? y[i] === 0 || y[i] === 1 : Number.isFinite(y[i]!);
    if (!ok) {
      throw InputError.single({
        code: task === "classification" ? "bad_level" : "non_finite",
        message: `y[${i}] is ${y[i]}; ${task} needs ${task === "classification" ? "0/1" : "finite"} values`,
      });
    }
  }
}

/** Ranks of every sample among the distinct values of each feature (computed once per forest). */
function rankFeatures(
  x: Float64Array,
  n: number,
  p: number,
): { uniqueValues: Float64Array[]; rank: Int32Array } {
  const rank = new Int32Array(n * p);
  const uniqueValues: Float64Array[] = [];
  const order = new Int32Array(n);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => x[a * p + j]! - x[b * p + j]!);
    const uniq: number[] = [];
    for (const i of order) {
      const v = x[i * p + j]!;
      if (uniq.length === 0 || uniq[uniq.length - 1] !== v) uniq.push(v);
      rank[j * n + i] = uniq.length - 1;
    }
    uniqueValues.push(Float64Array.from(uniq));
  }
  return { uniqueValues, rank };
}

/** Sum-of-squares decrease of the split after the first nl of the node's m samples in x_j order. */
function splitGain(total: number, m: number, base: number, nl: number, sumLeft: number): number {
  const sumRight = total - sumLeft;
  return (sumLeft * sumLeft) / nl + (sumRight * sumRight) / (m - nl) - base;
}

/**
 * The gain of the split after the first nl of the node's m samples in x_j order (between values
 * lo and hi); kept in out = [gain, threshold] when larger than out[0].
 */
function consider(
  out: Float64Array,
  total: number,
  m: number,
  base: number,
  nl: number,
  sumLeft: number,
  lo: number,
  hi: number,
): void {
  const gain = splitGain(total, m, base, nl, sumLeft);
  if (gain > out[0]!) {
    out[0] = gain;
    out[1] = (lo + hi) / 2;
  }
}

/**
 * Best split of node [start, end) on feature j into out = [gain, threshold] (gain -1: none).
 * Scans the node's samples in increasing x_j: by bucketing on the precomputed ranks when the feature
 * has few distinct values relative to the node (ranger's approach), else by sorting the node.
 * Both give the same candidate splits: midpoints between consecutive distinct values in the node.
 * A feature without ties takes {@link bestSplitTieFree}: the same sums in the same order.
 */
function bestSplitOn(
  x: Float64Array,
  y: Float64Array,
  p: number,
  s: Scratch,
  start: number,
  end: number,
  nodeSamples: number,
  j: number,
  total: number,
  out: Float64Array,
): void {
  const m = end - start;
  const uniq = s.uniqueValues[j]!;
  const base = (total * total) / m;
  out[0] = -1;
  out[1] = 0;
  if (s.tieFreeScan && uniq.length === s.idx.length) {
    bestSplitTieFree(s, m, nodeSamples, j, total, base, out);
  } else if (uniq.length <= 4 * m) {
    // buckets over the precomputed ranks of x_j
    const u = uniq.length;
    const { bucketCount: count, bucketSum: sum } = s;
    const n = s.idx.length;
    count.fill(0, 0, u);
    sum.fill(0, 0, u);
    for (let k = start; k < end; k++) {
      const i = s.idx[k]!;
      const r = s.rank[j * n + i]!;
      count[r]!++;
      sum[r]! += y[i]!;
    }
    let nl = 0;
    let sumLeft = 0;
    let r = 0;
    while (r < u && count[r] === 0) r++;
    for (;;) {
      nl += count[r]!;
      sumLeft += sum[r]!;
      let next = r + 1;
      while (next < u && count[next] === 0) next++;
      if (next >= u) break;
      consider(out, total, m, base, nl, sumLeft, uniq[r]!, uniq[next]!);
      r = next;
    }
  } else {
    // sort the node's (value, outcome) pairs by value: a stable insertion sort (this branch runs on
    // nodes smaller than a quarter of the distinct values), so ties keep the node's order
    const { vals, ys } = s;
    for (let k = 0; k < m; k++) {
      const i = s.idx[start + k]!;
      const v = x[i * p + j]!;
      const yi = y[i]!;
      let q = k - 1;
      while (q >= 0 && vals[q]! > v) {
        vals[q + 1] = vals[q]!;
        ys[q + 1] = ys[q]!;
        q--;
      }
      vals[q + 1] = v;
      ys[q + 1] = yi;
    }
    let sumLeft = 0;
    for (let k = 0; k < m - 1; k++) {
      sumLeft += ys[k]!;
      const v = vals[k]!;
      const vNext = vals[k + 1]!;
      if (v !== vNext) consider(out, total, m, base, k + 1, sumLeft, v, vNext);
    }
  }
}

/**
 * {@link bestSplitOn} for a feature whose n values are distinct, so that a rank is one sample.
 * The node's distinct samples are visited in increasing rank by setting a bit per rank and reading
 * the set bits back (O(samples + n / 32), no sort), each adding its copies as the scan it replaces
 * would: in bucketing mode (n <= 4 m) their sum in node order (the bucket's sum), else one y at a
 * time (the sorted scan).
 */
function bestSplitTieFree(
  s: Scratch,
  m: number,
  nodeSamples: number,
  j: number,
  total: number,
  base: number,
  out: Float64Array,
): void {
  const { members, memberCopies, memberSum, memberY, rankSlot, rankBits: bits, rank } = s;
  const n = s.idx.length;
  const uniq = s.uniqueValues[j]!;
  const col = j * n;
  const bucketed = n <= 4 * m;
  let first = n;
  let last = 0;
  for (let q = 0; q < nodeSamples; q++) {
    const r = rank[col + members[q]!]!;
    bits[r >> 5]! |= 1 << (r & 31);
    rankSlot[r] = q;
    first = Math.min(first, r);
    last = Math.max(last, r);
  }
  let nl = 0;
  let sumLeft = 0;
  let prev = -1;
  let best = -1;
  let bestLo = -1;
  let bestHi = -1;
  for (let w = first >> 5; w <= last >> 5; w++) {
    let word = bits[w]!;
    if (word === 0) continue;
    bits[w] = 0;
    while (word !== 0) {
      const low = word & -word;
      word ^= low;
      const r = (w << 5) | (31 - Math.clz32(low));
      if (nl > 0) {
        const gain = splitGain(total, m, base, nl, sumLeft);
        if (gain > best) {
          best = gain;
          bestLo = prev;
          bestHi = r;
        }
      }
      const q = rankSlot[r]!;
      const c = memberCopies[q]!;
      if (bucketed) sumLeft += memberSum[q]!;
      else for (let k = 0; k < c; k++) sumLeft += memberY[q]!;
      nl += c;
      prev = r;
    }
  }
  if (bestLo >= 0) {
    out[0] = best;
    out[1] = (uniq[bestLo]! + uniq[bestHi]!) / 2;
  }
}

function growTree(
  x: Float64Array,
  y: Float64Array,
  p: number,
  s: Scratch,
  rng: Rng,
  mtry: number,
  minNodeSize: number,
  maxDepth: number,
  impurity: Float64Array,
): TreeBuilder {
  const t: TreeBuilder = { feature: [], threshold: [], left: [], right: [], value: [] };
  const split = new Float64Array(2);
  // stack of [node, start, end, depth]
  const stack: number[] = [];
  const addNode = (start: number, end: number, depth: number): number => {
    const id = t.feature.length;
    t.feature.push(-1);
    t.threshold.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(0);
    stack.push(id, start, end, depth);
    return id;
  };
  addNode(0, s.idx.length, 0);
  while (stack.length > 0) {
    const depth = stack.pop()!;
    const end = stack.pop()!;
    const start = stack.pop()!;
    const node = stack.pop()!;
    let total = 0;
    let sumSq = 0;
    for (let k = start; k < end; k++) {
      const yi = y[s.idx[k]!]!;
      total += yi;
      sumSq += yi * yi;
    }
    const m = end - start;
    t.value[node] = total / m;
    const sse = sumSq - (total * total) / m;
    if (m < minNodeSize || m < 2 || depth >= maxDepth || sse <= 1e-12 * (sumSq + 1)) continue;
    // the node's distinct samples, their copies and the copies' sum of y in node order
    let nodeSamples = 0;
    for (let k = start; k < end; k++) {
      const i = s.idx[k]!;
      if (s.memberOf[i] === 0) {
        s.memberOf[i] = nodeSamples + 1;
        s.members[nodeSamples] = i;
        s.memberCopies[nodeSamples] = 0;
        s.memberSum[nodeSamples] = 0;
        s.memberY[nodeSamples++] = y[i]!;
      }
      const q = s.memberOf[i]! - 1;
      s.memberCopies[q]!++;
      s.memberSum[q]! += y[i]!;
    }
    for (let q = 0; q < nodeSamples; q++) s.memberOf[s.members[q]!] = 0;
    // partial Fisher-Yates: the first mtry entries of s.features become the candidates
    let bestGain = 0;
    let bestFeature = -1;
    let bestThr = 0;
    for (let c = 0; c < mtry; c++) {
      const r = c + rng.int(p - c);
      const j = s.features[r]!;
      s.features[r] = s.features[c]!;
      s.features[c] = j;
      bestSplitOn(x, y, p, s, start, end, nodeSamples, j, total, split);
      if (split[0]! > bestGain) {
        bestGain = split[0]!;
        bestFeature = j;
        bestThr = split[1]!;
      }
    }
    if (bestFeature < 0 || bestGain <= 1e-12 * (sse + 1e-300)) continue;
    // partition [start, end) by x_j <= threshold
    let lo = start;
    let hi = end - 1;
    while (lo <= hi) {
      if (x[s.idx[lo]! * p + bestFeature]! <= bestThr) lo++;
      else {
        const tmp = s.idx[lo]!;
        s.idx[lo] = s.idx[hi]!;
        s.idx[hi] = tmp;
        hi--;
      }
    }
    impurity[bestFeature]! += bestGain;
    t.feature[node] = bestFeature;
    t.threshold[node] = bestThr;
    t.left[node] = addNode(start, lo, depth + 1);
    t.right[node] = addNode(lo, end, depth + 1);
  }
  return t;
}

/** Prediction of one tree for row i; feature `swapJ` (if >= 0) reads `swapValue` instead. */
function predictTreeRow(
  t: ForestTree,
  x: ArrayLike<number>,
  rowOffset: number,
  swapJ: number,
  swapValue: number,
): number {
  let node = 0;
  for (;;) {
    const j = t.feature[node]!;
    if (j < 0) return t.value[node]!;
    const v = j === swapJ ? swapValue : x[rowOffset + j]!;
    node = v <= t.threshold[node]! ? t.left[node]! : t.right[node]!;
  }
}

/** Predictions of the forest (mean over trees) for the m rows of row-major x (m x p). */
export function predictForest(forest: RandomForest, x: ArrayLike<number>, m: number): Float64Array {
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (const t of forest.trees) s += predictTreeRow(t, x, i * forest.p, -1, 0);
    out[i] = s / forest.trees.length;
  }
  return out;
}

/** Squared error: MSE for regression, Brier score for classification. */
function lossOf(y: number, pred: number): number {
  return (y - pred) ** 2;
}

/** Per-tree OOB permutation importance accumulated into `imp`. */
function permutationImportance(
  t: ForestTree,
  x: Float64Array,
  y: Float64Array,
  p: number,
  oob: Int32Array,
  nOob: number,
  rng: Rng,
  imp: Float64Array,
): void {
  if (nOob === 0) return;
  let base = 0;
  for (let k = 0; k < nOob; k++) {
    const i = oob[k]!;
    base += lossOf(y[i]!, predictTreeRow(t, x, i * p, -1, 0));
  }
  const perm = new Int32Array(nOob);
  const used = new Uint8Array(p);
  for (const j of t.feature) if (j >= 0) used[j] = 1;
  for (let j = 0; j < p; j++) {
    if (used[j] === 0) continue; // a feature the tree never splits on has zero importance
    for (let k = 0; k < nOob; k++) perm[k] = oob[k]!;
    rng.shuffle(perm);
    let err = 0;
    for (let k = 0; k < nOob; k++) {
      const i = oob[k]!;
      err += lossOf(y[i]!, predictTreeRow(t, x, i * p, j, x[perm[k]! * p + j]!));
    }
    imp[j]! += (err - base) / nOob;
  }
}

/**
 * Grows a random forest on row-major x (n x p) and y.
 * Breiman 2001, Mach Learn 45:5, doi:10.1023/A:1010933404324; defaults as ranger 0.14.
 * @throws {InputError} `bad_argument` (shapes), `bad_level` / `non_finite` (y not 0/1 for
 *   classification, or not finite).
 */
export function randomForest(
  x: Float64Array,
  y: Float64Array,
  n: number,
  p: number,
  opts: RandomForestOptions,
): RandomForest {
  validateForest(x, y, n, p, opts.task);
  const numTrees = opts.numTrees ?? 500;
  const mtry = Math.min(p, Math.max(1, opts.mtry ?? Math.floor(Math.sqrt(p))));
  const minNodeSize = opts.minNodeSize ?? (opts.task === "regression" ? 5 : 10);
  const maxDepth = opts.maxDepth ?? Number.POSITIVE_INFINITY;
  const importanceType = opts.importance ?? "impurity";
  const root = createRng(opts.seed);
  const s: Scratch = {
    idx: new Int32Array(n),
    vals: new Float64Array(n),
    ys: new Float64Array(n),
    features: new Int32Array(p),
    ...rankFeatures(x, n, p),
    bucketCount: new Int32Array(n),
    bucketSum: new Float64Array(n),
    members: new Int32Array(n),
    memberCopies: new Int32Array(n),
    memberSum: new Float64Array(n),
    memberY: new Float64Array(n),
    memberOf: new Int32Array(n),
    rankBits: new Int32Array(Math.ceil(n / 32)),
    rankSlot: new Int32Array(n),
    tieFreeScan: !opts.generalScan,
  };
  const impurity = new Float64Array(p);
  const permImp = new Float64Array(p);
  const oobSum = new Float64Array(n);
  const oobCount = new Int32Array(n);
  const inBag = new Uint8Array(n);
  const oob = new Int32Array(n);
  const trees: ForestTree[] = [];
  for (let tIndex = 0; tIndex < numTrees; tIndex++) {
    const rng = root.fork(tIndex);
    inBag.fill(0);
    for (let k = 0; k < n; k++) {
      const i = rng.int(n);
      s.idx[k] = i;
      inBag[i] = 1;
    }
    for (let j = 0; j < p; j++) s.features[j] = j;
    const tree: ForestTree = growTree(x, y, p, s, rng, mtry, minNodeSize, maxDepth, impurity);
    trees.push(tree);
    let nOob = 0;
    for (let i = 0; i < n; i++) {
      if (inBag[i] === 1) continue;
      oob[nOob++] = i;
      oobSum[i]! += predictTreeRow(tree, x, i * p, -1, 0);
      oobCount[i]!++;
    }
    if (importanceType === "permutation") permutationImportance(tree, x, y, p, oob, nOob, rng, permImp);
  }
  const oobPrediction: (number | null)[] = [];
  let err = 0;
  let wrong = 0;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    if (oobCount[i] === 0) {
      oobPrediction.push(null);
      continue;
    }
    const pred = oobSum[i]! / oobCount[i]!;
    oobPrediction.push(pred);
    err += lossOf(y[i]!, pred);
    if (pred > 0.5 !== (y[i] === 1)) wrong++;
    counted++;
  }
  const giniFactor = opts.task === "classification" ? 2 : 1;
  let importance: number[] | null = null;
  if (importanceType === "impurity") importance = Array.from(impurity, (v) => (giniFactor * v) / numTrees);
  if (importanceType === "permutation") importance = Array.from(permImp, (v) => v / numTrees);
  return {
    task: opts.task,
    p,
    numTrees,
    mtry,
    minNodeSize,
    seed: opts.seed,
    trees,
    oobPrediction,
    oobError: counted > 0 ? err / counted : null,
    oobMisclassification: opts.task === "classification" && counted > 0 ? wrong / counted : null,
    importanceType,
    importance,
  };
}
