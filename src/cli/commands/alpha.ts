import { ALPHA_METRIC_IDS, alphaDiversity } from "../../core/alpha/alpha-diversity.js";
import { formatTsv } from "../../io/tsv-format.js";
import { loadTable, loadTree } from "../../node/load.js";
import type { Command } from "../command.js";
import { numberOption, Problems, parseCommandArgs, requireOption } from "../args.js";
import { checkOutputFiles, OUT_FILE_ARGS, writeOutputFile } from "../output.js";

export const alpha: Command = {
  name: "alpha",
  summary: "alpha diversity per sample (observed features, Shannon, Simpson, Chao1, Faith PD, ...)",
  help: `gutresponse alpha --table T [--tree X] --metrics a,b [--shannon-base 2] --out F.tsv [--force]

Computes alpha diversity of every sample. Output: TSV with columns sample-id and one per metric
(full precision; NA where a metric is undefined, e.g. Shannon of an empty sample, with a
warning on stderr).

Metrics: ${ALPHA_METRIC_IDS.join(", ")}
  chao1 and goods_coverage need integer counts; faith_pd needs --tree.

Options:
  --table T          feature table (BIOM HDF5/JSON, TSV, .qza)
  --tree X           rooted Newick tree whose tips are the feature IDs (for faith_pd)
  --metrics a,b      comma-separated metric IDs (default: all that apply)
  --shannon-base B   logarithm base of shannon (default e; 2 for bits)
  --out F.tsv        output file
  --force            replace F.tsv if it exists (default: refuse)

Example:
  gutresponse alpha --table table.biom --tree tree.nwk --metrics observed_features,shannon,faith_pd --out alpha.tsv`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("alpha", argv, {
      table: { type: "string" },
      tree: { type: "string" },
      metrics: { type: "string" },
      "shannon-base": { type: "string" },
      ...OUT_FILE_ARGS,
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const p = new Problems();
    const tablePath = p.check(() => requireOption("alpha", values.table, "table"));
    const out = p.check(() => requireOption("alpha", values.out, "out"));
    await p.load(() => checkOutputFiles([out], values.force));
    const shannonBase = values["shannon-base"];
    const base =
      shannonBase === undefined
        ? undefined
        : p.check(() =>
            numberOption("alpha", shannonBase, "shannon-base", Math.E, { min: 0, minOpen: true, not: [1] }),
          );
    const metrics =
      values.metrics?.split(",").map((m) => m.trim()) ??
      ALPHA_METRIC_IDS.filter((m) => m !== "faith_pd" || values.tree !== undefined);
    const read = tablePath === undefined ? undefined : await p.load(() => loadTable(tablePath));
    const treePath = values.tree;
    const tree = treePath === undefined ? undefined : await p.load(() => loadTree(treePath));
    p.throwIfAny();
    const table = read!.table;
    const res = alphaDiversity(table, metrics, { tree, shannonBase: base });
    const ids = Object.keys(res.metrics) as (keyof typeof res.metrics)[];
    const rows = res.sampleIds.map((s, i) => [s, ...ids.map((id) => res.metrics[id]![i]!)]);
    await writeOutputFile(ctx, "alpha", out!, formatTsv(["sample-id", ...ids], rows));
    for (const w of res.warnings) ctx.stderr(`warning: ${w}\n`);
    ctx.stdout(`wrote ${out}: ${res.sampleIds.length} samples x ${ids.length} metrics\n`);
    return 0;
  },
};
