/**
 * Loaders for the shared reference data sets (test/fixtures/<name>/): the classic BIOM TSV table
 * and the Newick tree through the product's readers (src/io, tested on their own), and the
 * reference JSON files.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Tree } from "../../src/core/phylo/tree.js";
import type { FeatureTable } from "../../src/core/table/feature-table.js";
import { parseBiomTsv } from "../../src/io/biom-tsv.js";
import { parseNewick } from "../../src/io/newick.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));

export function loadTable(dataset: string): FeatureTable {
  const path = resolve(FIXTURES, dataset, "table.tsv");
  return parseBiomTsv(readFileSync(path, "utf8"), path).table;
}

export function loadTree(dataset: string): Tree {
  const path = resolve(FIXTURES, dataset, "tree.nwk");
  return parseNewick(readFileSync(path, "utf8"), path);
}

// biome-ignore lint/suspicious/noExplicitAny: reference JSON files have a per-file shape
export type Json = any;

export function loadReference(dataset: string, name: string): Json {
  return JSON.parse(readFileSync(resolve(FIXTURES, dataset, "reference", `${name}.json`), "utf8"));
}

/** max |a - b| / max(|a|, |b|) over a reference distance matrix ({ids, matrix}) vs ours (square). */
export function maxRelDiff(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}
