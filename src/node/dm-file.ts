/**
 * Distance-matrix files on disk: lsmat TSV or HDF5 (`order` + `matrix`, as `ssu -r hdf5` writes;
 * layout in src/io/dm-hdf5.ts), told apart by the HDF5 signature when reading and by the
 * extension (.h5, .hdf5) when writing. HDF5 goes through h5wasm's Node build, which reads and
 * writes the real file in row blocks, so neither direction holds the square matrix or the file's
 * bytes in memory; lsmat text is streamed line by line. Writes are atomic.
 */
import type { DistanceMatrix } from "../core/beta/distance-matrix.js";
import { isHdf5 } from "../io/biom-hdf5.js";
import {
  asDmReadError,
  type DmHdf5Options,
  readDmHdf5From,
  type SquareRows,
  squareRowsOf,
  writeDmHdf5Into,
} from "../io/dm-hdf5.js";
import { lsmatLines, parseLsmat } from "../io/lsmat.js";
import { readInput, readInputHead, withAtomicPath, writeLinesAtomic } from "./files.js";
import { loadH5Node, readH5File } from "./h5-files.js";

/** True when the path names an HDF5 output (.h5 or .hdf5). */
export function isHdf5Path(path: string): boolean {
  return /\.(h5|hdf5)$/i.test(path);
}

/**
 * Reads a distance matrix: HDF5 when the file starts with the HDF5 signature, lsmat TSV otherwise.
 * An HDF5 matrix is read straight into the array `allocate` gives, e.g. the memory a kernel reads
 * (PCoA's `gowerAllocate`); `shared` alone: onto a SharedArrayBuffer (for worker threads; saves
 * them a copy of the condensed distances).
 */
export async function loadDistanceMatrix(
  path: string,
  {
    shared = false,
    allocate = shared
      ? (length: number) => new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT))
      : undefined,
  }: { shared?: boolean; allocate?: (length: number) => Float64Array } = {},
): Promise<DistanceMatrix> {
  if (!isHdf5(await readInputHead(path, 8))) return parseLsmat(await readInput(path), path);
  const heap = (await loadH5Node()).Module;
  return readH5File(path, (f) => readDmHdf5From(f, path, allocate, heap), asDmReadError);
}

/** Writes HDF5 rows from `rows` to `path` atomically (for merges that assemble rows from parts). */
export async function writeDmHdf5File(
  path: string,
  ids: readonly string[],
  rows: SquareRows,
  options: DmHdf5Options = {},
): Promise<void> {
  const h5 = await loadH5Node();
  await withAtomicPath(path, async (tmp) => {
    const file = new h5.File(tmp, "w");
    try {
      writeDmHdf5Into(file, ids, rows, options);
    } finally {
      file.close();
    }
  });
}

/** Writes a distance matrix: HDF5 for a .h5/.hdf5 path, lsmat TSV (streamed) otherwise. */
export async function writeDistanceMatrix(
  path: string,
  dm: DistanceMatrix,
  options: DmHdf5Options = {},
): Promise<void> {
  if (isHdf5Path(path)) {
    await writeDmHdf5File(path, dm.ids, squareRowsOf(dm), options);
  } else await writeLinesAtomic(path, lsmatLines(dm));
}
