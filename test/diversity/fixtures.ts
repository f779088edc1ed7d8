/**
 * Test-only loaders for the shared reference data sets (test/fixtures/<name>/): the classic BIOM
 * TSV table, the Newick tree and the reference JSON files. Minimal on purpose: the product's
 * readers live in src/io and have their own tests.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createFeatureTable, type FeatureTable } from "../../src/core/table/feature-table.js";
import { type Tree, treeFromParents } from "../../src/core/phylo/tree.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures", import.meta.url));

export function loadTable(dataset: string): FeatureTable {
  const lines = readFileSync(resolve(FIXTURES, dataset, "table.tsv"), "utf8").split("\n");
  const header = lines.find((l) => l.startsWith("#OTU ID"))!.split("\t");
  const sampleIds = header.slice(1);
  const rows = lines.filter((l) => l.length > 0 && !l.startsWith("#")).map((l) => l.split("\t"));
  const featureIds = rows.map((r) => r[0]!);
  const n = sampleIds.length;
  const dense = new Float64Array(n * rows.length);
  rows.forEach((r, f) => {
    for (let s = 0; s < n; s++) dense[s * rows.length + f] = Number(r[s + 1]);
  });
  let count = 0;
  for (const v of dense) if (v !== 0) count++;
  const colPtr = new Int32Array(n + 1);
  const featureIndex = new Int32Array(count);
  const values = new Float64Array(count);
  let w = 0;
  for (let s = 0; s < n; s++) {
    for (let f = 0; f < rows.length; f++) {
      const v = dense[s * rows.length + f]!;
      if (v !== 0) {
        featureIndex[w] = f;
        values[w++] = v;
      }
    }
    colPtr[s + 1] = w;
  }
  return createFeatureTable({ sampleIds, featureIds, colPtr, featureIndex, values });
}

/** Newick with labels and lengths, no quoting or comments (as the fixture trees are written). */
export function parseSimpleNewick(text: string): Tree {
  const parent: number[] = [];
  const length: number[] = [];
  const names: (string | null)[] = [];
  const stack: number[] = [];
  let current = -1;
  let i = 0;
  const newNode = (p: number): number => {
    parent.push(p);
    length.push(Number.NaN);
    names.push(null);
    return parent.length - 1;
  };
  const readToken = (): string => {
    const start = i;
    while (i < text.length && !"(),:;".includes(text[i]!)) i++;
    return text.slice(start, i).trim();
  };
  current = newNode(-1);
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "(") {
      stack.push(current);
      current = newNode(current);
      i++;
    } else if (ch === ",") {
      current = newNode(stack[stack.length - 1]!);
      i++;
    } else if (ch === ")") {
      current = stack.pop()!;
      i++;
    } else if (ch === ":") {
      i++;
      length[current] = Number(readToken());
    } else if (ch === ";") break;
    else {
      const label = readToken();
      if (label.length > 0) names[current] = label;
      else i++;
    }
  }
  return treeFromParents(parent, length, names);
}

export function loadTree(dataset: string): Tree {
  return parseSimpleNewick(readFileSync(resolve(FIXTURES, dataset, "tree.nwk"), "utf8"));
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
