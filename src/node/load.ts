/**
 * Node loaders: read a file (clear error when missing) and parse it with the browser-safe readers
 * of src/io, using the path as the `source` named in every error. Inputs are only ever read.
 */
import type { DistanceMatrix } from "../core/beta/distance-matrix.js";
import type { Tree } from "../core/phylo/tree.js";
import type { SampleMetadata } from "../core/table/metadata.js";
import type { Taxonomy } from "../core/table/taxonomy.js";
import { parseLsmat } from "../io/lsmat.js";
import { parseMetadata } from "../io/metadata.js";
import { parseNewick } from "../io/newick.js";
import { readTable, type TableRead } from "../io/table.js";
import { parseTaxonomy } from "../io/taxonomy.js";
import { readInput } from "./files.js";

export async function loadTable(path: string): Promise<TableRead> {
  return readTable(await readInput(path), path);
}

export async function loadTree(path: string): Promise<Tree> {
  return parseNewick(await readInput(path), path);
}

export async function loadTaxonomy(path: string): Promise<Taxonomy> {
  return parseTaxonomy(await readInput(path), path);
}

export async function loadMetadata(path: string): Promise<SampleMetadata> {
  return parseMetadata(await readInput(path), path);
}

export async function loadDistanceMatrix(path: string): Promise<DistanceMatrix> {
  return parseLsmat(await readInput(path), path);
}
