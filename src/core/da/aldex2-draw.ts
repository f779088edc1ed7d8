/**
 * ALDEx2's Monte Carlo instances (`aldex.clr`, denom = "all", Fernandes et al. 2014, Microbiome
 * 2:15, doi:10.1186/2049-2618-2-15): instance k of sample i is p_i ~ Dirichlet(counts_i + 1/2),
 * drawn as independent Gamma(counts_ij + 1/2, 1) variables (normalising is unnecessary: the CLR is
 * scale invariant), then CLR in log2 units. The gammas come from the Marsaglia–Tsang sampler of
 * gamma-sampler.ts (ziggurat normals) seeded per instance; each cell's Marsaglia–Tsang constants
 * are computed once for all instances. A zero count gives Gamma(1/2, 1), which is exactly Z^2 / 2
 * for Z ~ N(0, 1) (half a chi-square with one degree of freedom): one normal draw instead of a
 * gamma draw for the majority of cells of a sparse table. Where WebAssembly SIMD is available the
 * cells are drawn by dirichlet-draw-wasm.ts (the same words and values) and the CLR by
 * clr-log2-simd.ts (the same bytes), row by row.
 */
import { GammaSampler } from "../random/gamma-sampler.js";
import { clrLog2Row } from "./clr-log2-simd.js";
import { type DirichletCells, DirichletDrawKernel } from "./dirichlet-draw-wasm.js";
import { clrRowsInPlace } from "./log-ratio.js";

export type { DirichletCells };

/** ALDEx2's Dirichlet prior: counts + 1/2. */
export const DIRICHLET_PRIOR = 0.5;

/**
 * Marsaglia–Tsang constants of every cell's Gamma(count + 1/2, 1): d = count + 1/2 - 1/3 and
 * c = 1/sqrt(9 d), or d = -1 for a zero count (drawn as Z^2 / 2). They do not change between
 * instances, so they are computed once (into `into` when given).
 */
export function dirichletCells(
  counts: Float64Array,
  into: DirichletCells = { d: new Float64Array(counts.length), c: new Float64Array(counts.length) },
): DirichletCells {
  const { d, c } = into;
  for (let k = 0; k < counts.length; k++) {
    const count = counts[k]!;
    if (count === 0) {
      d[k] = -1;
    } else {
      d[k] = count + DIRICHLET_PRIOR - 1 / 3;
      c[k] = 1 / Math.sqrt(9 * d[k]!);
    }
  }
  return into;
}

/**
 * The cells of `counts` (rows of m) for `drawClrInstance`: on this thread's draw kernel's memory
 * where there is one, so that a large table is not held twice.
 */
export function instanceCells(counts: Float64Array, m: number): DirichletCells {
  return dirichletCells(counts, DirichletDrawKernel.cellArrays(counts.length, m) ?? undefined);
}

/**
 * Cell k of an instance: Gamma(count + 1/2, 1) from `sampler`, Z^2 / 2 for a zero count, and
 * Number.MIN_VALUE for a gamma that underflows to 0 (its log must stay finite).
 */
export function drawCell(sampler: GammaSampler, cells: DirichletCells, k: number): number {
  const dk = cells.d[k]!;
  let g: number;
  if (dk < 0) {
    const z = sampler.normal();
    g = 0.5 * z * z;
  } else {
    g = sampler.gammaFrom(dk, cells.c[k]!);
  }
  return g > 0 ? g : Number.MIN_VALUE;
}

/**
 * One Dirichlet instance per sample (as gammas) from the sampler seeded with `seed`, CLR log2, into
 * y (n x m): row by row, the common cells in WebAssembly (dirichlet-draw-wasm.ts) and the others
 * by `drawCell` on the same stream, the CLR on its kernel's row (clr-log2-simd.ts); where
 * WebAssembly SIMD is missing, `drawClrInstanceLoops` (the same bytes).
 */
export function drawClrInstance(
  cells: DirichletCells,
  n: number,
  m: number,
  seed: number,
  y: Float64Array,
): void {
  const kernel = DirichletDrawKernel.for(cells, m);
  if (kernel === null) {
    drawClrInstanceLoops(cells, n, m, seed, y);
    return;
  }
  const stream = kernel.stream(seed);
  const sampler = new GammaSampler(stream);
  const clr = clrLog2Row(m);
  const { row } = kernel;
  for (let i = 0; i < n; i++) {
    const from = i * m;
    for (let j = kernel.drawRow(i, 0, stream); j < m; j = kernel.drawRow(i, j + 1, stream)) {
      row[j] = drawCell(sampler, cells, from + j);
    }
    if (clr) {
      clr.row.set(row);
      clr.clr();
      y.set(clr.row, from);
    } else {
      y.set(row, from);
    }
  }
  if (!clr) clrRowsInPlace(y, n, m);
}

/** `drawClrInstance` in TypeScript: every cell by `drawCell`, then `clrRowsInPlace`. */
export function drawClrInstanceLoops(
  cells: DirichletCells,
  n: number,
  m: number,
  seed: number,
  y: Float64Array,
): void {
  const sampler = new GammaSampler(seed);
  for (let k = 0; k < n * m; k++) y[k] = drawCell(sampler, cells, k);
  clrRowsInPlace(y, n, m);
}
