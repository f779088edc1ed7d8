/** `gutresponse beta-merge`: declarative definition (help, options); the run is commands/beta-merge.ts. */
import { defineCommand } from "../command.js";
import { FLOAT32, forceOption, outOption, partsNeeded } from "./shared.js";

/** `gutresponse beta-merge`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["PART... --out F.h5|F.tsv [--float32] [--force]"],
  description: `Merges the N partial files written by \`gutresponse beta --stripes I/N\` (I = 1..N) into the
distance matrix, identical bit for bit to one \`gutresponse beta\` run on the same input. Before
writing anything it checks every part and lists every problem: each of jobs 1..N given exactly
once, all from the same table and tree (SHA-256 fingerprints), metric, options and N, and none
truncated. Memory: one condensed matrix (n(n-1)/2 doubles) plus a 32 MB read buffer.`,
  positionals: partsNeeded("beta-merge", "part-1.bin part-2.bin ... --out dm.h5"),
  options: {
    out: outOption("F", ".h5 (HDF5, the layout of ssu -r hdf5) or .tsv (lsmat text)"),
    float32: {
      ...FLOAT32,
      description: "store an .h5 matrix as float32 (implied when the parts are float32)",
    },
    force: forceOption("F if it exists"),
  },
  examples: ["gutresponse beta-merge parts/unweighted_unifrac.*.bin --out unweighted_unifrac.h5"],
});
