/**
 * Product of Gower's centred matrix with a vector, read from the condensed distances (the square
 * matrix is never formed):
 *
 *   y = B x,   B = J A J,   A = -1/2 D^2 (element-wise),   J = I - 11'/n
 *     = -1/2 J (D^2 (J x))
 *
 * J x subtracts the mean; D^2 z is accumulated over the upper triangle only (d_ij^2 z_j added to
 * row i and d_ij^2 z_i to row j for every i < j); the result is centred again and halved.
 *
 * Kernel: four rows of the triangle (i .. i + 3) at a time, walking their four condensed rows side
 * by side, so each load and store of y_j and z_j serves four distances and the four row sums stay
 * in registers: 2.4-2.7x less CPU per product than one row at a time at n = 4,000
 * (docs/PERFORMANCE.md). The loop runs in WebAssembly SIMD (gower-simd.ts, two columns per step,
 * ~2x faster again) where there is WebAssembly, on the distances laid out in its memory
 * (`gowerSetup`; `gowerAllocate` reads them there in the first place), else in TypeScript
 * (`fourRowsTs`, the same bytes).
 *
 * Blocks: the rows of the triangle are cut into GOWER_BLOCKS fixed blocks of about equal area
 * (bounds multiples of four). Block b adds its rows' contributions into its own partial vector;
 * the product is the sum of the partials in block order. The partition does not depend on who
 * computes the blocks, so the threads of src/node/pcoa-parallel.ts, which claim blocks as they go,
 * give the same bytes as one thread doing them all in turn: every output element receives the same
 * additions in the same order.
 * Reference: Gower JC (1966) Some distance properties of latent root and vector methods used in
 * multivariate analysis. Biometrika 53:325-338. doi:10.1093/biomet/53.3-4.325
 */
import type { DistanceMatrix } from "../beta/distance-matrix.js";
import { type FourRows, isShared, simdFourRows, simdMemory } from "./gower-simd.js";

/** Fixed number of row blocks of a product (at most; fewer for small n). */
export const GOWER_BLOCKS = 16;

/** Index in the condensed array of pair (i, i + 1), the first entry of row i of the triangle. */
function rowStart(n: number, i: number): number {
  return i * n - (i * (i + 1)) / 2;
}

/**
 * The working memory of one product with Gower's matrix, shareable between threads (`allocate`
 * may return views of SharedArrayBuffers).
 */
export interface GowerWork {
  readonly n: number;
  /** Block b covers rows bounds[b] .. bounds[b + 1] - 1 of the triangle. */
  readonly bounds: Int32Array;
  /** The centred input vector J x of the current product. */
  readonly z: Float64Array;
  /** Block b's contributions to D² z, in partials[b * n + bounds[b] .. (b + 1) * n - 1]. */
  readonly partials: Float64Array;
}

/**
 * The fixed row blocks of a product at n samples (about equal numbers of condensed entries,
 * bounds multiples of four, no empty block) and their vectors, from `allocate`.
 */
export function gowerWork(
  n: number,
  allocate: (length: number) => Float64Array = (length) => new Float64Array(length),
  allocateInt: (length: number) => Int32Array = (length) => new Int32Array(length),
): GowerWork {
  const total = (n * (n - 1)) / 2;
  const cuts = [0];
  for (let b = 1, i = 0; b < GOWER_BLOCKS; b++) {
    while (i < n && rowStart(n, i) < (b * total) / GOWER_BLOCKS) i += 4;
    if (i < n && i > cuts.at(-1)!) cuts.push(i);
  }
  cuts.push(n);
  const bounds = allocateInt(cuts.length);
  bounds.set(cuts);
  return { n, bounds, z: allocate(n), partials: allocate((cuts.length - 1) * n) };
}

/**
 * {@link FourRows} in TypeScript: the reference for gower-simd.ts (the same bytes) and the loop
 * where WebAssembly SIMD is missing.
 */
export const fourRowsTs: FourRows = (c, z, out, i0, i1) => {
  const n = z.length;
  for (let i = i0; i + 3 < i1; i += 4) {
    const k0 = rowStart(n, i);
    const k1 = k0 + n - i - 1;
    const k2 = k1 + n - i - 2;
    const k3 = k2 + n - i - 3;
    const y0 = z[i]!;
    const y1 = z[i + 1]!;
    const y2 = z[i + 2]!;
    const y3 = z[i + 3]!;
    // the six pairs among the four rows
    const p01 = c[k0]! * c[k0]!;
    const p02 = c[k0 + 1]! * c[k0 + 1]!;
    const p03 = c[k0 + 2]! * c[k0 + 2]!;
    const p12 = c[k1]! * c[k1]!;
    const p13 = c[k1 + 1]! * c[k1 + 1]!;
    const p23 = c[k2]! * c[k2]!;
    // even steps' sums (lane 0) in a0 .. a3, odd steps' (lane 1) in b0 .. b3
    let a0 = p01 * y1 + p02 * y2 + p03 * y3;
    let a1 = p01 * y0 + p12 * y2 + p13 * y3;
    let a2 = p02 * y0 + p12 * y1 + p23 * y3;
    let a3 = p03 * y0 + p13 * y1 + p23 * y2;
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    for (let j = i + 4, u0 = k0 + 3, u1 = k1 + 2, u2 = k2 + 1, u3 = k3; j < n; j++, u0++, u1++, u2++, u3++) {
      const f0 = c[u0]! * c[u0]!;
      const f1 = c[u1]! * c[u1]!;
      const f2 = c[u2]! * c[u2]!;
      const f3 = c[u3]! * c[u3]!;
      const zj = z[j]!;
      if ((j - i) % 2 === 0) {
        a0 += f0 * zj;
        a1 += f1 * zj;
        a2 += f2 * zj;
        a3 += f3 * zj;
      } else {
        b0 += f0 * zj;
        b1 += f1 * zj;
        b2 += f2 * zj;
        b3 += f3 * zj;
      }
      out[j]! += f0 * y0 + f1 * y1 + f2 * y2 + f3 * y3;
    }
    out[i]! += a0 + b0;
    out[i + 1]! += a1 + b1;
    out[i + 2]! += a2 + b2;
    out[i + 3]! += a3 + b3;
  }
};

/**
 * Block b of D² z: partials[b * n + j] for j >= bounds[b] receives, for the rows i of the block,
 * the row sums sum_{j > i} d_ij² z_j (at i) and the column terms d_ij² z_i (at j), four rows at a
 * time by `fourRows`, the rows left over one by one.
 */
export function gowerBlock(
  c: Float64Array,
  work: GowerWork,
  b: number,
  fourRows: FourRows = fourRowsTs,
): void {
  const { n, bounds, z } = work;
  const i0 = bounds[b]!;
  const i1 = bounds[b + 1]!;
  const out = work.partials.subarray(b * n, (b + 1) * n);
  out.fill(0, i0);
  fourRows(c, z, out, i0, i1);
  for (let i = i0 + 4 * Math.floor((i1 - i0) / 4); i < i1; i++) {
    const yi = z[i]!;
    let acc = 0;
    for (let j = i + 1, u = rowStart(n, i); j < n; j++, u++) {
      const d = c[u]!;
      const a = d * d;
      acc += a * z[j]!;
      out[j]! += a * yi;
    }
    out[i]! += acc;
  }
}

/** Subtracts the mean of x from each entry, in place. */
function centre(x: Float64Array): void {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i]!;
  mean /= x.length;
  for (let i = 0; i < x.length; i++) x[i]! -= mean;
}

/** Float64Array on a SharedArrayBuffer. */
function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

/** Int32Array on a SharedArrayBuffer. */
function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));
}

/**
 * The distances and a product's working memory laid out for the kernel: in one WebAssembly
 * memory for the SIMD loop (gower-simd.ts) where WebAssembly SIMD exists, else as they are.
 */
export interface GowerSetup {
  /** The condensed distances (a copy in `memory` when there is one). */
  readonly condensed: Float64Array;
  readonly work: GowerWork;
  /** The WebAssembly memory holding `condensed` and `work`, for {@link gowerQuad}. */
  readonly memory?: WebAssembly.Memory;
}

/** Doubles of a setup's WebAssembly memory: the distances, z and the blocks' partials. */
function setupLength(n: number): number {
  return (n * (n - 1)) / 2 + n + GOWER_BLOCKS * n;
}

/** The memories {@link gowerAllocate} made, by the buffer their distances are a view of. */
const allocated = new WeakMap<ArrayBufferLike, WebAssembly.Memory>();

/**
 * An allocator for the condensed distances of a matrix to be read (`allocate` of
 * readDmHdf5From): where WebAssembly SIMD exists, a view at the start of a WebAssembly memory with
 * room for a product's work after it, so that {@link gowerSetup} lays the work out there without
 * copying the distances; else a plain (or, `shared`, SharedArrayBuffer) array.
 */
export function gowerAllocate(shared = false): (length: number) => Float64Array {
  return (length) => {
    const n = Math.round((1 + Math.sqrt(1 + 8 * length)) / 2);
    const memory = simdMemory(setupLength(n), shared);
    if (!memory) return shared ? sharedFloat64(length) : new Float64Array(length);
    const view = new Float64Array(memory.buffer, 0, length);
    allocated.set(view.buffer, memory);
    return view;
  };
}

/**
 * Lays out the `condensed` distances of n samples and a product's work for the kernel
 * ({@link GowerSetup}); `shared`: every array on shared memory, for threads. The distances are
 * copied unless they already are where the kernel reads them (from {@link gowerAllocate}, or on a
 * SharedArrayBuffer where there is no SIMD).
 */
export function gowerSetup(condensed: Float64Array, n: number, shared = false): GowerSetup {
  const allocateInt = shared ? sharedInt32 : (length: number) => new Int32Array(length);
  const given = condensed.byteOffset === 0 ? allocated.get(condensed.buffer) : undefined;
  const memory = given && isShared(given.buffer) === shared ? given : simdMemory(setupLength(n), shared);
  if (!memory) {
    const own = shared && !isShared(condensed.buffer) ? sharedFloat64(condensed.length) : condensed;
    if (own !== condensed) own.set(condensed);
    return { condensed: own, work: gowerWork(n, shared ? sharedFloat64 : undefined, allocateInt) };
  }
  let offset = 0;
  const take = (length: number): Float64Array => {
    const view = new Float64Array(memory.buffer, offset, length);
    offset += length * Float64Array.BYTES_PER_ELEMENT;
    return view;
  };
  const inMemory = take(condensed.length);
  if (memory !== given) inMemory.set(condensed);
  return { condensed: inMemory, work: gowerWork(n, take, allocateInt), memory };
}

/** The four-row loop for a setup's `memory`: the SIMD one, or TypeScript's without a memory. */
export function gowerFourRows(memory: WebAssembly.Memory | undefined): FourRows {
  return memory ? simdFourRows(memory) : fourRowsTs;
}

/**
 * How the blocks of a product are computed: `runBlocks()` must fill every block's partial
 * (gowerBlock for b = 0 .. bounds.length - 2, by any threads, in any order) from `work.z`.
 */
export interface GowerBlockRunner {
  readonly work: GowerWork;
  readonly runBlocks: () => void;
}

/**
 * The product x -> B x with Gower's centred matrix B = J(−½D²)J of `dm`, evaluated from the
 * condensed distances (Gower 1966, doi:10.1093/biomet/53.3-4.325), block by block on this thread
 * (with the SIMD loop where there is one: {@link gowerSetup}) or by `runner` (the same bytes either
 * way).
 */
export function gowerProduct(
  dm: DistanceMatrix,
  runner?: GowerBlockRunner,
): (x: Float64Array, out: Float64Array) => void {
  const n = dm.ids.length;
  const { work, runBlocks } = runner ?? oneThread(dm);
  const blocks = work.bounds.length - 1;
  const { z, partials, bounds } = work;
  return (x, out) => {
    z.set(x);
    centre(z);
    runBlocks();
    out.fill(0);
    for (let b = 0; b < blocks; b++) {
      const p = b * n;
      for (let j = bounds[b]!; j < n; j++) out[j]! += partials[p + j]!;
    }
    centre(out);
    for (let i = 0; i < n; i++) out[i] = -0.5 * out[i]!;
  };
}

/** Every block in turn on this thread. */
function oneThread(dm: DistanceMatrix): GowerBlockRunner {
  const { condensed, work, memory } = gowerSetup(dm.condensed, dm.ids.length);
  const fourRows = gowerFourRows(memory);
  const blocks = work.bounds.length - 1;
  return {
    work,
    runBlocks: () => {
      for (let b = 0; b < blocks; b++) gowerBlock(condensed, work, b, fourRows);
    },
  };
}
