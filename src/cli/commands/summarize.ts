import { summarizeTable } from "../../core/table/summary.js";
import { loadTable } from "../../node/load.js";
import { parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";

export const summarize: Command = {
  name: "summarize",
  summary: "samples, features, depth quantiles, sparsity and total count of a table",
  help: `gutresponse summarize --table T

Reads a feature table (BIOM HDF5 or JSON, classic TSV, QIIME 2 .qza, MetaPhlAn profile; the format
is detected from the content) and prints its size, total count, sparsity and the distribution of
sample depths (min, quartiles as R's quantile(), max).

Example:
  gutresponse summarize --table table.biom`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("summarize", argv, { table: { type: "string" } });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const path = requireOption("summarize", values.table, "table");
    const read = await loadTable(path);
    const s = summarizeTable(read.table);
    const lines = [
      `table: ${path} (${read.format})`,
      `samples: ${s.samples}`,
      `features: ${s.features}`,
      `non-zero cells: ${s.nonZero}`,
      `sparsity: ${s.sparsity.toFixed(4)} (fraction of zero cells)`,
      `total count: ${s.totalCount}`,
      `values: ${s.integerCounts ? "integer counts" : "non-integer (relative abundances or normalised)"}`,
      `depth min: ${s.depth.min}`,
      `depth Q1: ${s.depth.q1}`,
      `depth median: ${s.depth.median}`,
      `depth Q3: ${s.depth.q3}`,
      `depth max: ${s.depth.max}`,
      `taxonomy: ${read.taxonomy ? "included" : "none"}`,
      ...(read.notes ?? []).map((n) => `note: ${n}`),
    ];
    if (s.emptySamples.length > 0) lines.push(`empty samples (no reads): ${s.emptySamples.join(", ")}`);
    ctx.stdout(`${lines.join("\n")}\n`);
    return 0;
  },
};
