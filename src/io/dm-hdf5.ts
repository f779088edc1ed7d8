/**
 * Distance matrices as HDF5, the layout Striped UniFrac writes (`ssu -r hdf5 | hdf5_fp32 |
 * hdf5_fp64`; unifrac-binaries `write_mat_from_matrix_hdf5_*`; McDonald et al. 2018,
 * doi:10.1038/s41592-018-0187-8):
 *
 *   order    n strings       the sample IDs, in matrix order
 *   matrix   n x n float64   the square matrix (float32 when written with `float32: true`)
 *
 * Other datasets in the file (ssu's optional `pcoa_*`) are ignored. A 4,000-sample matrix is 128 MB
 * of doubles instead of ~300 MB of text, and is read and written without formatting numbers.
 *
 * The matrix is moved in blocks of rows (ROW_BLOCK, or one HDF5 chunk: ours are <= ROW_BLOCK rows), so
 * neither the reader nor the writer ever holds the square form: the reader fills the condensed
 * upper triangle row by row and checks each lower-triangle entry against it (symmetry, relative
 * 1e-12 as lsmat), a zero diagonal and finite values. `writeDmHdf5Into` / `readDmHdf5From` work
 * on an open h5wasm file, so Node (src/node/dm-file.ts) can stream to a real path; `formatDmHdf5`
 * / `parseDmHdf5` are the in-memory byte forms for browsers.
 */
import { checkMatrixSamples, condensedIndex, type DistanceMatrix } from "../core/beta/distance-matrix.js";
import { ParseError } from "../core/errors.js";
import { type H5Group, hdf5ReadError, parseHdf5With, withH5File } from "./biom-hdf5.js";

export interface DmHdf5Options {
  /** store `matrix` as float32 (half the size; ~7 significant digits) */
  float32?: boolean;
}

/** Rows of the square matrix moved per HDF5 read or write (and the chunk height we write). */
export const ROW_BLOCK = 64;

/** Fills `out` with rows i0 .. i1-1 of the square matrix (row-major, n per row). */
export type SquareRows = (i0: number, i1: number, out: Float64Array) => void;

/**
 * Square rows read straight from a condensed matrix. The lower triangle of rows i0 .. i1-1 is
 * column j < i of row i = d(j, i): for each j, the entries (j, i0 .. i1-1) are contiguous in row j
 * of the condensed form, so they are read in runs instead of one far-apart value per entry.
 */
export function squareRowsOf(dm: DistanceMatrix): SquareRows {
  const n = dm.ids.length;
  const c = dm.condensed;
  return (i0, i1, out) => {
    for (let j = 0; j + 1 < i1; j++) {
      const from = Math.max(i0, j + 1);
      const at = condensedIndex(n, j, from) - from;
      for (let i = from; i < i1; i++) out[(i - i0) * n + j] = c[at + i]!;
    }
    for (let i = i0; i < i1; i++) {
      const row = (i - i0) * n;
      out[row + i] = 0;
      if (i + 1 < n) {
        const start = condensedIndex(n, i, i + 1);
        out.set(c.subarray(start, start + n - i - 1), row + i + 1);
      }
    }
  };
}

/** Writes `order` and `matrix` into an open (writable) HDF5 file. */
export function writeDmHdf5Into(
  file: H5Group,
  ids: readonly string[],
  rows: SquareRows,
  options: DmHdf5Options = {},
): void {
  const n = ids.length;
  file.create_dataset({ name: "order", data: [...ids] });
  if (n === 0) return;
  // balanced chunks of at most ROW_BLOCK rows, so the last one is not mostly empty
  const block = Math.ceil(n / Math.ceil(n / ROW_BLOCK));
  const dtype = options.float32 ? "<f" : "<d";
  const first = options.float32 ? new Float32Array(n) : new Float64Array(n);
  const ds = file.create_dataset({
    name: "matrix",
    data: first,
    shape: [1, n],
    maxshape: [n, n],
    chunks: [block, n],
    dtype,
  });
  ds.resize([n, n]);
  const buf = new Float64Array(block * n);
  const buf32 = options.float32 ? new Float32Array(block * n) : undefined;
  for (let i0 = 0; i0 < n; i0 += block) {
    const i1 = Math.min(n, i0 + block);
    rows(i0, i1, buf);
    const len = (i1 - i0) * n;
    if (buf32) {
      buf32.set(buf.subarray(0, len));
      ds.write_slice([[i0, i1], []], buf32.subarray(0, len));
    } else ds.write_slice([[i0, i1], []], buf.subarray(0, len));
  }
}

function corrupt(source: string, message: string, hint?: string): ParseError {
  return ParseError.single({
    code: "corrupt_file",
    file: source,
    message: `HDF5 distance matrix: ${message}`,
    hint:
      hint ??
      "expected the layout of `ssu -r hdf5` or `gutresponse beta --out F.h5`: datasets 'order' and 'matrix'",
  });
}

/**
 * Reads `order` and `matrix` from an open HDF5 file into a condensed DistanceMatrix, whose array
 * comes from `allocate` (e.g. on a SharedArrayBuffer that worker threads read).
 * @throws {ParseError} when `order` or `matrix` is missing, misshapen or not symmetric.
 */
export function readDmHdf5From(
  file: H5Group,
  source: string,
  allocate: (length: number) => Float64Array = (length) => new Float64Array(length),
): DistanceMatrix {
  const orderDs = file.get("order");
  const matrixDs = file.get("matrix");
  if (!orderDs || !("value" in orderDs)) throw corrupt(source, "dataset 'order' (the sample IDs) is missing");
  const order = (orderDs as { value: unknown }).value;
  const ids = typeof order === "string" ? [order] : (order as ArrayLike<unknown>)?.length === 0 ? [] : order;
  if (!Array.isArray(ids) || !ids.every((x) => typeof x === "string"))
    throw corrupt(source, "'order' is not a list of strings");
  const n = ids.length;
  checkMatrixSamples(n, source);
  const condensed = allocate((n * (n - 1)) / 2);
  if (n === 0) return { ids, condensed };
  if (!matrixDs || !("slice" in matrixDs)) throw corrupt(source, "dataset 'matrix' is missing");
  const m = matrixDs as { shape: number[] | null; slice(r: number[][]): unknown };
  const shape = m.shape ?? [];
  if (shape.length !== 2 || shape[0] !== n || shape[1] !== n)
    throw corrupt(
      source,
      `'matrix' has shape [${shape.join(", ")}], expected [${n}, ${n}] ('order' has ${n} IDs)`,
    );
  const notDistance = (message: string) =>
    ParseError.single({
      code: "not_symmetric",
      file: source,
      message,
      hint: "a distance matrix must be symmetric with zeros on the diagonal",
    });
  // read whole chunks (a chunked dataset's chunk height), else ROW_BLOCK rows at a time
  const chunkRows = (matrixDs as { metadata?: { chunks?: number[] | null } }).metadata?.chunks?.[0];
  const rowsPerRead = chunkRows && chunkRows > 0 ? chunkRows : ROW_BLOCK;
  for (let i0 = 0; i0 < n; i0 += rowsPerRead) {
    const i1 = Math.min(n, i0 + rowsPerRead);
    const v = numericBlock(m.slice([[i0, i1], []]), (i1 - i0) * n);
    if (!v) throw corrupt(source, "'matrix' is not a numeric dataset");
    // upper triangle and diagonal row by row (the condensed rows are contiguous) ...
    for (let i = i0; i < i1; i++) {
      const row = (i - i0) * n;
      if (v[row + i] !== 0) throw notDistance(`diagonal entry of '${ids[i]}' is not 0`);
      const start = condensedIndex(n, i, i + 1) - i - 1; // condensed[start + j] = d_ij, j > i
      for (let j = i + 1; j < n; j++) {
        const x = v[row + j]!;
        if (!Number.isFinite(x)) throw notDistance(`non-finite distance between '${ids[i]}' and '${ids[j]}'`);
        condensed[start + j] = x;
      }
    }
    // ... then the lower triangle against it in 64 x 64 tiles, so that both the block's rows and
    // the condensed rows d_j. compared stay in cache (a column at a time would touch a new cache
    // line, and page, for every entry)
    for (let j0 = 0; j0 < i1 - 1; j0 += 64) {
      const j1 = Math.min(j0 + 64, i1 - 1);
      for (let i = Math.max(i0, j0 + 1); i < i1; i++) {
        const row = (i - i0) * n;
        for (let j = j0, end = Math.min(j1, i); j < end; j++) {
          const x = v[row + j]!;
          const a = condensed[j * n - (j * (j + 1)) / 2 - j - 1 + i]!; // d_ji, j < i
          if (!(Math.abs(a - x) <= 1e-12 * Math.max(Math.abs(a), Math.abs(x), 1e-300)))
            throw Number.isFinite(x)
              ? notDistance(`matrix is not symmetric at '${ids[j]}', '${ids[i]}' (${a} vs ${x})`)
              : notDistance(`non-finite distance between '${ids[i]}' and '${ids[j]}'`);
        }
      }
    }
  }
  return { ids, condensed };
}

/** A block read from HDF5 as doubles (float32 and integer storage converted exactly), or undefined. */
function numericBlock(block: unknown, length: number): Float64Array | undefined {
  if (block instanceof Float64Array) return block.length === length ? block : undefined;
  if (!ArrayBuffer.isView(block) || block instanceof DataView) return undefined;
  const values = block as unknown as ArrayLike<number | bigint>;
  return values.length === length ? Float64Array.from(values, Number) : undefined;
}

/** An HDF5 distance matrix as bytes (in memory; Node streams to a path with src/node/dm-file.ts). */
export function formatDmHdf5(dm: DistanceMatrix, options: DmHdf5Options = {}): Promise<Uint8Array> {
  return withH5File(new Uint8Array(), "w", (f, closeAndRead) => {
    writeDmHdf5Into(f, dm.ids, squareRowsOf(dm), options);
    return closeAndRead();
  });
}

/** Reads an HDF5 distance matrix from bytes. */
export async function parseDmHdf5(bytes: Uint8Array, source: string): Promise<DistanceMatrix> {
  return parseHdf5With(
    bytes,
    (f) => readDmHdf5From(f, source),
    (m) => corrupt(source, m),
  );
}

/** Our own errors pass through; an HDF5 library error becomes a corrupt-file error. */
export function asDmReadError(e: unknown, source: string): Error {
  return hdf5ReadError(e, (m) => corrupt(source, m));
}
