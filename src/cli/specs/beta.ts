/** `gutresponse beta`: declarative definition (help, options); the run is commands/beta.ts. */
import { BETA_METRIC_IDS } from "../../core/beta/metric-ids.js";
import { defineCommand } from "../command.js";
import { FLOAT32, forceOption, outOption, TABLE, TREE, threadsOption } from "./shared.js";

/** `gutresponse beta`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: [
    "--table T [--tree X] --metric M [--alpha A] [--pseudocount C] [--threads N] --out F.tsv|F.h5 [--float32] [--force]",
    "... --stripes I/N --out part-I.bin      (one job of N; then gutresponse beta-merge)",
  ],
  description: `Computes the distances between all pairs of samples and writes them as a scikit-bio / QIIME 2
lsmat TSV (square matrix, sample IDs as header and first column) or, when F ends in .h5, as
binary HDF5 in the layout of Striped UniFrac (ssu -r hdf5: datasets 'order' and 'matrix'),
which every --dm option reads too. The result is identical bit for bit whatever --threads is.

Metrics: ${BETA_METRIC_IDS.join(", ")}
  UniFrac metrics need --tree; generalized_unifrac takes --alpha (default 0.5);
  aitchison takes --pseudocount (default 1, added to every cell).`,
  options: {
    table: TABLE,
    tree: TREE,
    metric: { kind: "text", value: "M", required: true, description: "one metric ID" },
    alpha: {
      kind: "number",
      value: "A",
      range: { min: 0, max: 1 },
      description: "generalized UniFrac alpha in [0, 1]",
    },
    pseudocount: {
      kind: "number",
      value: "C",
      range: { min: 0, minOpen: true },
      description: "Aitchison pseudocount (> 0)",
    },
    threads: threadsOption("worker threads"),
    out: outOption("F", "output file: .tsv (text) or .h5 (binary HDF5, float64)"),
    float32: {
      ...FLOAT32,
      description: "store an .h5 matrix (or a --stripes partial) as float32 (half the size, ~7 digits)",
    },
    stripes: {
      kind: "text",
      value: "I/N",
      description: `compute only stripe block I of N (1 <= I <= N) into a binary partial file
(--out); \`gutresponse beta-merge\` assembles the N parts into the matrix, identical
bit for bit to one run. The n(n-1)/2 pairs form floor(n/2) stripes of n pairs;
when N exceeds that, some jobs get no stripe and write an empty part.`,
    },
    force: forceOption("F if it exists"),
  },
  examples: [
    "gutresponse beta --table table.biom --tree tree.nwk --metric weighted_normalized_unifrac --threads 4 --out wunifrac.tsv",
  ],
});
