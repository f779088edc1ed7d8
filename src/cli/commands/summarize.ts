/** `gutresponse summarize`: size, depth quantiles and sparsity of a table (spec: specs/summarize.ts). */
import { summarizeTable } from "../../core/stats/table-summary.js";
import { loadTable } from "../../node/load.js";
import { implement } from "../command.js";
import { spec } from "../specs/summarize.js";

/** `gutresponse summarize`, run with its arguments checked against specs/summarize.ts. */
export const summarize = implement(spec, async ({ checked }, ctx) => {
  const path = checked().table;
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
});
