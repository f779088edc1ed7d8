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
import { type H5Group, hdf5ReadError, loadH5wasm, parseHdf5With, withH5File } from "./biom-hdf5.js";

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
 * The parts of a loaded h5wasm build's `Module` that read a dataset's rows into wasm memory the
 * reader allocates once (h5wasm's own `slice` allocates and copies per call).
 */
export interface H5Heap {
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(ptr: number): void;
  get_dataset_data(
    fileId: bigint,
    path: string,
    count: bigint[] | null,
    offset: bigint[] | null,
    strides: bigint[] | null,
    ptr: bigint,
  ): number;
}

/**
 * Reads `order` and `matrix` from an open HDF5 file into a condensed DistanceMatrix, whose array
 * comes from `allocate` (e.g. on a SharedArrayBuffer that worker threads read). `heap`, the
 * `Module` of the h5wasm build that opened the file, lets float matrices be read without copies.
 * @throws {ParseError} when `order` or `matrix` is missing, misshapen or not symmetric.
 */
export function readDmHdf5From(
  file: H5Group,
  source: string,
  allocate: (length: number) => Float64Array = (length) => new Float64Array(length),
  heap?: H5Heap,
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
  const blocks = rowBlocks(matrixDs as MatrixDataset, n, rowsPerRead, heap);
  // off[j] + i is the condensed index of d_ji, j < i
  const off = new Float64Array(n);
  for (let j = 0; j < n; j++) off[j] = condensedIndex(n, j, j + 1) - j - 1;
  try {
    for (let i0 = 0; i0 < n; i0 += rowsPerRead) {
      const i1 = Math.min(n, i0 + rowsPerRead);
      const v = blocks.read(i0, i1);
      if (!v) throw corrupt(source, "'matrix' is not a numeric dataset");
      // upper triangle and diagonal row by row (the condensed rows are contiguous); their
      // finiteness is checked with the symmetry below, where each meets its lower twin ...
      for (let i = i0; i < i1; i++) {
        const row = (i - i0) * n;
        if (v[row + i] !== 0) throw notDistance(`diagonal entry of '${ids[i]}' is not 0`);
        condensed.set(v.subarray(row + i + 1, row + n), off[i]! + i + 1);
      }
      // ... then the lower triangle against it in 64 x 64 tiles, so that both the block's rows and
      // the condensed rows d_j. compared stay in cache (a column at a time would touch a new cache
      // line, and page, for every entry); equal finite twins (x - x is 0 only for finite x) pass
      // at once
      for (let j0 = 0; j0 < i1 - 1; j0 += 64) {
        const j1 = Math.min(j0 + 64, i1 - 1);
        for (let i = Math.max(i0, j0 + 1); i < i1; i++) {
          const row = (i - i0) * n;
          for (let j = j0, end = Math.min(j1, i); j < end; j++) {
            const x = v[row + j]!;
            const a = condensed[off[j]! + i]!;
            if (a === x && x - x === 0) continue;
            if (!Number.isFinite(x))
              throw notDistance(`non-finite distance between '${ids[i]}' and '${ids[j]}'`);
            if (!Number.isFinite(a))
              throw notDistance(`non-finite distance between '${ids[j]}' and '${ids[i]}'`);
            if (!(Math.abs(a - x) <= 1e-12 * Math.max(Math.abs(a), Math.abs(x), 1e-300)))
              throw notDistance(`matrix is not symmetric at '${ids[j]}', '${ids[i]}' (${a} vs ${x})`);
          }
        }
      }
    }
  } finally {
    blocks.close();
  }
  return { ids, condensed };
}

/** The `matrix` dataset as {@link rowBlocks} reads it (an h5wasm Dataset). */
interface MatrixDataset {
  file_id: bigint;
  path: string;
  metadata: { type: number; size: number; littleEndian: boolean };
  slice(ranges: number[][]): unknown;
}

/** Rows i0 .. i1-1 of the square matrix, as numbers, valid until the next read; then `close`. */
interface RowBlocks {
  read(i0: number, i1: number): Float64Array | Float32Array | undefined;
  close(): void;
}

/** HDF5's class of floating-point datatypes (H5T_FLOAT of H5Tpublic.h). */
const H5T_FLOAT = 1;

/**
 * Row blocks of an n x n dataset. Little-endian float64 or float32 storage (ours and `ssu`'s) is
 * read with `heap` into one buffer of wasm memory allocated once and viewed in place; anything
 * else (or no `heap`, or no wasm memory left for the buffer) through h5wasm's `slice`, which
 * copies each block out of wasm memory into a new array (the copies and their first-touch page
 * faults were ~2/3 of reading a 4,000-sample matrix).
 */
function rowBlocks(ds: MatrixDataset, n: number, rowsPerRead: number, heap: H5Heap | undefined): RowBlocks {
  const { type, size, littleEndian } = ds.metadata;
  if (!heap || type !== H5T_FLOAT || !littleEndian || (size !== 8 && size !== 4)) {
    return { read: (i0, i1) => numericBlock(ds.slice([[i0, i1], []]), (i1 - i0) * n), close: () => {} };
  }
  const ptr = heap._malloc(rowsPerRead * n * size);
  if (ptr === 0) return rowBlocks(ds, n, rowsPerRead, undefined);
  return {
    read(i0, i1) {
      heap.get_dataset_data(
        ds.file_id,
        ds.path,
        [BigInt(i1 - i0), BigInt(n)],
        [BigInt(i0), 0n],
        [1n, 1n],
        BigInt(ptr),
      );
      // viewed after the read: a read that grows wasm memory replaces HEAPU8's buffer
      const { buffer } = heap.HEAPU8;
      return size === 8
        ? new Float64Array(buffer, ptr, (i1 - i0) * n)
        : new Float32Array(buffer, ptr, (i1 - i0) * n);
    },
    close: () => heap._free(ptr),
  };
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
  const heap = (await loadH5wasm()).Module;
  return parseHdf5With(
    bytes,
    (f) => readDmHdf5From(f, source, undefined, heap),
    (m) => corrupt(source, m),
  );
}

/** Our own errors pass through; an HDF5 library error becomes a corrupt-file error. */
export function asDmReadError(e: unknown, source: string): Error {
  return hdf5ReadError(e, (m) => corrupt(source, m));
}
