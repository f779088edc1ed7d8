/** `gutresponse alpha`: alpha diversity per sample (spec: specs/alpha.ts). */
import { ALPHA_METRIC_IDS, alphaDiversity } from "../../core/alpha/alpha-diversity.js";
import { formatTsv } from "../../io/tsv-format.js";
import { loadTable, loadTree } from "../../node/load.js";
import { implement } from "../command.js";
import { checkOutputFiles, writeOutputFile } from "../output.js";
import { spec } from "../specs/alpha.js";

/** `gutresponse alpha`, run with its arguments checked against specs/alpha.ts. */
export const alpha = implement(spec, async ({ values, problems, checked }, ctx) => {
  await problems.load(() => checkOutputFiles([values.out], values.force));
  const read = await problems.loadPath(values.table, loadTable);
  const tree = await problems.loadPath(values.tree, loadTree);
  const v = checked();
  const metrics =
    v.metrics.length > 0
      ? v.metrics
      : ALPHA_METRIC_IDS.filter((m) => m !== "faith_pd" || v.tree !== undefined);
  const res = alphaDiversity(read!.table, metrics, { tree, shannonBase: v["shannon-base"] });
  const ids = Object.keys(res.metrics) as (keyof typeof res.metrics)[];
  const rows = res.sampleIds.map((s, i) => [s, ...ids.map((id) => res.metrics[id]![i]!)]);
  await writeOutputFile(ctx, "alpha", v.out, formatTsv(["sample-id", ...ids], rows));
  for (const w of res.warnings) ctx.stderr(`warning: ${w}\n`);
  ctx.stdout(`wrote ${v.out}: ${res.sampleIds.length} samples x ${ids.length} metrics\n`);
  return 0;
});
