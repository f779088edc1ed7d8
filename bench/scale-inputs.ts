/**
 * Inputs for the scale benchmark (docs/SCALE.md): a synthetic sparse table (the generator of
 * bench/beta.bench.ts: test/diversity/synthetic.ts, uneven feature prevalence) and a random binary
 * tree over its features, written as BIOM 2.1 HDF5 + Newick, which both gutresponse and Striped
 * UniFrac `ssu` read.
 *
 *   node --import tsx bench/scale-inputs.ts N_SAMPLES N_FEATURES DENSITY OUT_DIR [SEED]
 *   e.g. node --import tsx bench/scale-inputs.ts 16000 20000 0.01 /tmp/scale16k
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeBiomHdf5 } from "../src/io/biom-hdf5.js";
import { formatNewick } from "../src/io/newick.js";
import { syntheticTable, syntheticTree } from "../test/diversity/synthetic.js";

const [nText, mText, densityText, out, seedText] = process.argv.slice(2);
if (out === undefined) {
  console.error("usage: scale-inputs.ts N_SAMPLES N_FEATURES DENSITY OUT_DIR [SEED]");
  process.exit(2);
}
const seed = Number(seedText ?? 1);
const table = syntheticTable(Number(nText), Number(mText), Number(densityText), seed);
const tree = syntheticTree(table.featureIds, seed + 1);
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, "table.biom"),
  await writeBiomHdf5(table, { id: "scale benchmark", date: "2026-01-01" }),
);
writeFileSync(join(out, "tree.nwk"), formatNewick(tree));
const nnz = table.values.length;
console.log(
  `${out}: ${table.sampleIds.length} samples x ${table.featureIds.length} features, ${nnz} non-zero (${((100 * nnz) / (table.sampleIds.length * table.featureIds.length)).toFixed(2)}%)`,
);
