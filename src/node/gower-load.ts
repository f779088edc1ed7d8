/**
 * Reads a distance matrix for PCoA's Lanczos products: an HDF5 matrix straight into the memory
 * the Gower kernel reads (gower-product.ts `gowerAllocate`: a WebAssembly memory for the SIMD
 * loop), which saves a copy of the condensed distances and its first-touch page faults (~0.1-0.2 s
 * at n = 4,000 on this machine, docs/PERFORMANCE.md); lsmat text as `loadDistanceMatrix` reads it.
 */
import type { DistanceMatrix } from "../core/beta/distance-matrix.js";
import { gowerAllocate } from "../core/ordination/gower-product.js";
import { isHdf5 } from "../io/biom-hdf5.js";
import { asDmReadError, readDmHdf5From } from "../io/dm-hdf5.js";
import { loadDistanceMatrix } from "./dm-file.js";
import { readInputHead } from "./files.js";
import { loadH5Node, readH5File } from "./h5-files.js";

/**
 * A distance matrix read where the Gower kernel reads it (module header); `shared`: on shared
 * memory, for worker threads.
 */
export async function loadGowerMatrix(path: string, shared: boolean): Promise<DistanceMatrix> {
  if (!isHdf5(await readInputHead(path, 8))) return loadDistanceMatrix(path, { shared });
  const heap = (await loadH5Node()).Module;
  return readH5File(path, (f) => readDmHdf5From(f, path, gowerAllocate(shared), heap), asDmReadError);
}
