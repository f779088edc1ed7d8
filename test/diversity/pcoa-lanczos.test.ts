/**
 * The Lanczos top-k PCoA solver against the full solver (tridiagonalisation + QL): the returned
 * axes agree to 1e-9 (eigenvalues relative to the largest, coordinates relative to their scale),
 * proportions follow the trace convention, and "auto" picks Lanczos only for large n and few axes.
 */
import { describe, expect, it } from "vitest";
import { betaDiversity } from "../../src/core/beta/beta-diversity.js";
import type { DistanceMatrix } from "../../src/core/beta/distance-matrix.js";
import { gowerCentred } from "../../src/core/ordination/gower.js";
import {
  GOWER_BLOCKS,
  gowerAllocate,
  gowerBlock,
  gowerProduct,
  gowerFourRows,
  gowerSetup,
  gowerWork,
  fourRowsTs,
} from "../../src/core/ordination/gower-product.js";
import { s32, u32 } from "../../src/core/wasm/encode.js";
import { lanczosTopEigen } from "../../src/core/ordination/lanczos.js";
import { pcoa } from "../../src/core/ordination/pcoa.js";
import { symmetricEigen } from "../../src/core/stats/symmetric-eigen.js";
import { createRng } from "../../src/core/random/rng.js";
import { syntheticTable } from "./synthetic.js";

function euclidean(n: number, dims: number, seed: number): DistanceMatrix {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () =>
    Array.from({ length: dims }, (_, d) => rng.normal() * (dims - d)),
  );
  const condensed = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) condensed[k++] = Math.hypot(...x[i]!.map((v, d) => v - x[j]![d]!));
  return { ids: Array.from({ length: n }, (_, i) => `s${i}`), condensed };
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/** x -> A x for a square row-major n x n matrix. */
function denseProduct(a: Float64Array, n: number): (x: Float64Array, out: Float64Array) => void {
  return (x, out) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
      out[i] = s;
    }
  };
}

describe("Gower product on the condensed distances", () => {
  it("equals the square Gower matrix times x, for every n mod 4 and several row blocks", () => {
    for (const n of [5, 6, 7, 8, 13, 70, 301]) {
      const dm = euclidean(n, 3, n);
      const g = gowerCentred(dm);
      const rng = createRng(n);
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const out = new Float64Array(n);
      gowerProduct(dm)(x, out);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += g[i * n + j]! * x[j]!;
        expect(Math.abs(out[i]! - s)).toBeLessThan(1e-12 * maxAbs(g) * n);
      }
    }
  });
});

describe("Gower product in fixed row blocks", () => {
  it("partitions the rows into <= GOWER_BLOCKS blocks of multiples of four", () => {
    for (const n of [3, 9, 70, 301]) {
      const work = gowerWork(n);
      const b = Array.from(work.bounds);
      expect(b[0]).toBe(0);
      expect(b.at(-1)).toBe(n);
      expect(b.length - 1).toBeLessThanOrEqual(GOWER_BLOCKS);
      for (let i = 1; i < b.length; i++) expect(b[i]!).toBeGreaterThan(b[i - 1]!);
      for (const x of b.slice(0, -1)) expect(x % 4).toBe(0);
    }
  });

  it("gives the same bytes whatever order the blocks are computed in", () => {
    const n = 157;
    const dm = euclidean(n, 3, 4);
    const rng = createRng(8);
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const inOrder = new Float64Array(n);
    gowerProduct(dm)(x, inOrder);
    const work = gowerWork(n);
    const blocks = work.bounds.length - 1;
    const reversed = new Float64Array(n);
    const runBlocks = () => {
      for (let b = blocks - 1; b >= 0; b--) gowerBlock(dm.condensed, work, b);
    };
    gowerProduct(dm, { work, runBlocks })(x, reversed);
    expect(reversed).toEqual(inOrder);
  });
});

describe("Gower product's SIMD loop (WebAssembly)", () => {
  it("gives the TypeScript loop's bytes for every row count parity and n mod 4", () => {
    for (const n of [5, 6, 7, 8, 9, 10, 11, 37, 158, 301]) {
      const dm = euclidean(n, 3, n + 1);
      const setup = gowerSetup(dm.condensed, n);
      expect(setup.memory).toBeDefined();
      expect(setup.condensed).toEqual(dm.condensed);
      const reference = gowerWork(n);
      const rng = createRng(n);
      for (let i = 0; i < n; i++) reference.z[i] = setup.work.z[i] = rng.normal();
      const fourRows = gowerFourRows(setup.memory);
      for (let b = 0; b < reference.bounds.length - 1; b++) {
        gowerBlock(setup.condensed, setup.work, b, fourRows);
        gowerBlock(dm.condensed, reference, b, fourRowsTs);
      }
      expect(setup.work.partials).toEqual(reference.partials);
    }
  });

  it("reads distances allocated by gowerAllocate in place, shared or not", () => {
    for (const shared of [false, true]) {
      const n = 23;
      const condensed = gowerAllocate(shared)((n * (n - 1)) / 2);
      condensed.set(euclidean(n, 2, 3).condensed);
      const setup = gowerSetup(condensed, n, shared);
      expect(setup.condensed.buffer).toBe(condensed.buffer);
      expect(setup.condensed.byteOffset).toBe(0);
      expect(setup.memory?.buffer instanceof SharedArrayBuffer).toBe(shared);
      // not in place when the sharing differs: a copy on memory of the asked kind
      const other = gowerSetup(condensed, n, !shared);
      expect(other.condensed.buffer).not.toBe(condensed.buffer);
      expect(other.condensed).toEqual(condensed);
    }
  });

  it("encodes LEB128 integers as the WebAssembly binary format does", () => {
    expect(u32(0)).toEqual([0]);
    expect(u32(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(s32(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(s32(64)).toEqual([0xc0, 0x00]);
    expect(s32(-1)).toEqual([0x7f]);
  });
});

describe("Lanczos top-k eigensolver", () => {
  it("matches the full symmetric solver on the k leading eigenpairs", () => {
    const n = 150;
    const rng = createRng(7);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) {
        const v = rng.normal() / (1 + Math.abs(i - j));
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    const full = symmetricEigen(a, n, 6);
    const top = lanczosTopEigen(denseProduct(a, n), n, 6);
    const scale = Math.abs(full.values[0]!);
    for (let c = 0; c < 6; c++) expect(Math.abs(top.values[c]! - full.values[c]!)).toBeLessThan(1e-9 * scale);
    for (let i = 0; i < full.vectors.length; i++)
      expect(Math.abs(top.vectors[i]! - full.vectors[i]!)).toBeLessThan(1e-9);
  });
});

describe("Lanczos on a hard spectrum", () => {
  it("resolves leading eigenvalues 1e-3 apart above a flat bulk to 1e-9 of the full solver", () => {
    // A = H diag(lambda) H with H a product of three random Householder reflectors (orthogonal)
    const n = 240;
    const k = 6;
    const rng = createRng(17);
    const lambda = Float64Array.from({ length: n }, (_, i) =>
      i < k + 2 ? 10 * (1 - 1e-3 * i) : 9.9 - (9.9 * i) / n + 0.01 * rng.normal(),
    );
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) a[i * n + i] = lambda[i]!;
    for (let r = 0; r < 3; r++) {
      const v = Float64Array.from({ length: n }, () => rng.normal());
      const vv = v.reduce((s, x) => s + x * x, 0);
      // a <- (I - 2vv'/v'v) a (I - 2vv'/v'v)
      for (const side of [0, 1]) {
        for (let c = 0; c < n; c++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += v[i]! * (side === 0 ? a[i * n + c]! : a[c * n + i]!);
          const f = (2 * s) / vv;
          for (let i = 0; i < n; i++) {
            if (side === 0) a[i * n + c]! -= f * v[i]!;
            else a[c * n + i]! -= f * v[i]!;
          }
        }
      }
    }
    const full = symmetricEigen(a, n, k);
    const top = lanczosTopEigen(denseProduct(a, n), n, k);
    for (let c = 0; c < k; c++) {
      expect(Math.abs(top.values[c]! - lambda[c]!)).toBeLessThan(1e-9 * 10);
      expect(Math.abs(top.values[c]! - full.values[c]!)).toBeLessThan(1e-9 * 10);
    }
    for (let i = 0; i < full.vectors.length; i++)
      expect(Math.abs(top.vectors[i]! - full.vectors[i]!)).toBeLessThan(1e-9);
  });
});

describe("PCoA with the Lanczos solver", () => {
  const cases: [string, DistanceMatrix][] = [
    ["Bray-Curtis (non-Euclidean)", betaDiversity(syntheticTable(160, 600, 0.05, 11), "braycurtis")],
    ["Euclidean", euclidean(140, 5, 3)],
  ];
  for (const [name, dm] of cases) {
    it(`${name}: the returned axes equal the full solver's to 1e-9`, () => {
      const k = 8;
      const full = pcoa(dm, { dimensions: k, solver: "full" });
      const top = pcoa(dm, { dimensions: k, solver: "lanczos" });
      expect(top.solver).toBe("lanczos");
      expect(full.solver).toBe("full");
      expect(top.axes).toEqual(full.axes);
      expect(top.eigenvalues.length).toBe(k);
      const lambda1 = full.eigenvalues[0]!;
      for (let j = 0; j < top.axes.length; j++)
        expect(Math.abs(top.eigenvalues[j]! - full.eigenvalues[j]!)).toBeLessThan(1e-9 * lambda1);
      const scale = maxAbs(full.coordinates);
      for (let i = 0; i < full.coordinates.length; i++)
        expect(Math.abs(top.coordinates[i]! - full.coordinates[i]!)).toBeLessThan(1e-9 * scale);
      // proportions relative to tr(B), the sum of all eigenvalues
      const trace = full.eigenvalues.reduce((s, l) => s + l, 0);
      for (let j = 0; j < top.axes.length; j++)
        expect(top.proportionExplained[j]).toBeCloseTo(full.eigenvalues[j]! / trace, 12);
    });
  }

  it("on a Euclidean matrix (no negative eigenvalues) gives the full solver's proportions", () => {
    const dm = euclidean(120, 4, 5);
    const full = pcoa(dm, { dimensions: 3, solver: "full" });
    const top = pcoa(dm, { dimensions: 3, solver: "lanczos" });
    for (let j = 0; j < 3; j++)
      expect(top.proportionExplained[j]).toBeCloseTo(full.proportionExplained[j]!, 12);
  });

  it("gives the same bytes on 1, 2 and 3 threads (products split over workers)", async () => {
    const { pcoaParallel } = await import("../../src/node/pcoa-parallel.js");
    const dm = betaDiversity(syntheticTable(260, 900, 0.05, 12), "braycurtis");
    const options = { dimensions: 6, solver: "lanczos" } as const;
    const one = pcoa(dm, options);
    expect(one.solver).toBe("lanczos");
    // awaitWorkers: the solve starts once the workers are up, so they take blocks of every product
    for (const threads of [1, 2, 3])
      expect(await pcoaParallel(dm, { ...options, threads, awaitWorkers: true })).toEqual(one);
    // a matrix read onto a SharedArrayBuffer is shared as it is (no copy)
    const shared = {
      ids: dm.ids,
      condensed: new Float64Array(new SharedArrayBuffer(dm.condensed.byteLength)),
    };
    shared.condensed.set(dm.condensed);
    expect(await pcoaParallel(shared, { ...options, threads: 2, awaitWorkers: true })).toEqual(one);
    // the full solver does not use threads, and gives what pcoa gives
    expect(await pcoaParallel(dm, { dimensions: 3, solver: "full", threads: 2 })).toEqual(
      pcoa(dm, { dimensions: 3, solver: "full" }),
    );
  }, 60_000);

  it("auto uses Lanczos only for n >= 500 and dimensions <= n / 10, without correction", () => {
    const big = euclidean(500, 3, 1);
    expect(pcoa(big, { dimensions: 3 }).solver).toBe("lanczos");
    expect(pcoa(big).solver).toBe("full");
    expect(pcoa(euclidean(60, 3, 1), { dimensions: 3 }).solver).toBe("full");
    expect(() => pcoa(big, { solver: "lanczos" })).toThrow(/dimensions/);
  });
});
