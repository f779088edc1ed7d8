/** `gutresponse summarize`: declarative definition (help, options); the run is commands/summarize.ts. */
import { defineCommand } from "../command.js";
import { TABLE } from "./shared.js";

/** `gutresponse summarize`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["--table T"],
  description: `Reads a feature table (BIOM HDF5 or JSON, classic TSV, QIIME 2 .qza, MetaPhlAn profile; the format
is detected from the content) and prints its size, total count, sparsity and the distribution of
sample depths (min, quartiles as R's quantile(), max).`,
  options: { table: TABLE },
  examples: ["gutresponse summarize --table table.biom"],
});
