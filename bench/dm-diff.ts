/**
 * Compares two distance matrices on disk (lsmat TSV or HDF5, e.g. ours and `ssu`'s), matching
 * samples by ID: prints the largest absolute difference, where it is, and whether every distance
 * is bit-identical. Used by bench/scale-16k.sh (docs/SCALE.md).
 *
 *   node bench/dm-diff.ts A.h5 B.h5      (or node --import tsx ...)
 */
import { condensedIndex } from "../src/core/beta/distance-matrix.js";
import { loadDistanceMatrix } from "../src/node/dm-file.js";

const [pathA, pathB] = process.argv.slice(2);
if (pathB === undefined) {
  console.error("usage: dm-diff.ts A B");
  process.exit(2);
}
const a = await loadDistanceMatrix(pathA!);
const b = await loadDistanceMatrix(pathB);
const n = a.ids.length;
const position = new Map(b.ids.map((id, i) => [id, i]));
const inB = a.ids.map((id) => position.get(id) ?? -1);
if (b.ids.length !== n || inB.includes(-1)) {
  console.error(`${pathA} and ${pathB} hold different samples (${n} vs ${b.ids.length})`);
  process.exit(1);
}
let max = 0;
let where = "";
let identical = true;
for (let i = 0; i < n; i++) {
  const bi = inB[i]!;
  for (let j = i + 1; j < n; j++) {
    const bj = inB[j]!;
    const x = a.condensed[condensedIndex(n, i, j)]!;
    const y = bi === bj ? 0 : b.condensed[condensedIndex(n, Math.min(bi, bj), Math.max(bi, bj))]!;
    if (!Object.is(x, y)) identical = false;
    const d = Math.abs(x - y);
    if (d > max) {
      max = d;
      where = `${a.ids[i]}, ${a.ids[j]}: ${x} vs ${y}`;
    }
  }
}
console.log(
  `${n} samples, ${(n * (n - 1)) / 2} distances: max |A - B| = ${max.toExponential(2)}${where ? ` (${where})` : ""}; bit-identical: ${identical}`,
);
