/**
 * Node loaders: read a file (clear error when missing) and parse it with the browser-safe readers
 * of src/io, using the path as the `source` named in every error. Inputs are only ever read.
 */
import type { Tree } from "../core/phylo/tree.js";
import type { SampleMetadata } from "../core/table/metadata.js";
import type { Rank, Taxonomy } from "../core/table/taxonomy.js";
import { parseMetadata } from "../io/metadata.js";
import { readTable, readTaxonomy, readTree, type TableRead } from "../io/table.js";
import { isHdf5 } from "../io/biom-hdf5.js";
import { readInput, readInputHead } from "./files.js";
import { loadBiomHdf5File } from "./h5-files.js";

/**
 * Running from the TypeScript sources (tsx, vitest), not the compiled dist/: there BIOM HDF5 goes
 * through the in-memory ESM build, since tsx rewrites h5wasm's 4.2 MB Node build when it loads
 * it (+550 MB RSS, ~5 s CPU; docs/SCALE.md).
 */
const fromSources = import.meta.url.endsWith(".ts");

/**
 * Reads a feature table in any format `readTable` accepts; from the compiled CLI, BIOM 2.1 HDF5 is
 * opened in place by h5wasm's Node build (h5-files.ts), the one build that also reads and writes
 * HDF5 matrices, so a run loads one h5wasm build, not two.
 */
export async function loadTable(path: string, options: { rank?: Rank } = {}): Promise<TableRead> {
  if (!fromSources && isHdf5(await readInputHead(path, 8))) return loadBiomHdf5File(path);
  return readTable(await readInput(path), path, options);
}

/**
 * A table from its file's bytes, already read (e.g. for their checksum), as {@link loadTable}: from
 * the compiled CLI, BIOM 2.1 HDF5 is opened again in place by the Node build, without its
 * embedded taxonomy when `taxonomy` is false (another taxonomy file will be used; other formats
 * drop theirs).
 */
export async function readTableFile(
  bytes: Uint8Array,
  path: string,
  options: { taxonomy?: boolean } = {},
): Promise<TableRead> {
  if (!fromSources && isHdf5(bytes)) return loadBiomHdf5File(path, options);
  const read = await readTable(bytes, path);
  if (options.taxonomy !== false) return read;
  const { taxonomy: _, ...withoutTaxonomy } = read;
  return withoutTaxonomy;
}

export async function loadTree(path: string): Promise<Tree> {
  return readTree(await readInput(path), path);
}

export async function loadTaxonomy(path: string): Promise<Taxonomy> {
  return readTaxonomy(await readInput(path), path);
}

export async function loadMetadata(path: string): Promise<SampleMetadata> {
  return parseMetadata(await readInput(path), path);
}

export { loadDistanceMatrix } from "./dm-file.js";
