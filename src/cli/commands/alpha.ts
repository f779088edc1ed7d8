import { ALPHA_METRIC_IDS, alphaDiversity } from "../../core/alpha/alpha-diversity.js";
import { InputError } from "../../core/errors.js";
import { writeFileAtomic } from "../../node/files.js";
import { loadTable, loadTree } from "../../node/load.js";
import type { Command } from "../command.js";
import { parseCommandArgs, requireOption } from "../args.js";

export const alpha: Command = {
  name: "alpha",
  summary: "alpha diversity per sample (observed features, Shannon, Simpson, Chao1, Faith PD, ...)",
  help: `gutresponse alpha --table T [--tree X] --metrics a,b [--shannon-base 2] --out F.tsv

Computes alpha diversity of every sample. Output: TSV with columns sample-id and one per metric
(full precision; an empty cell where a metric is undefined, e.g. Shannon of an empty sample, with a
warning on stderr).

Metrics: ${ALPHA_METRIC_IDS.join(", ")}
  chao1 and goods_coverage need integer counts; faith_pd needs --tree.

Options:
  --table T          feature table (BIOM HDF5/JSON, TSV, .qza)
  --tree X           rooted Newick tree whose tips are the feature IDs (for faith_pd)
  --metrics a,b      comma-separated metric IDs (default: all that apply)
  --shannon-base B   logarithm base of shannon (default e; 2 for bits)
  --out F.tsv        output file

Example:
  gutresponse alpha --table table.biom --tree tree.nwk --metrics observed_features,shannon,faith_pd --out alpha.tsv`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("alpha", argv, {
      table: { type: "string" },
      tree: { type: "string" },
      metrics: { type: "string" },
      "shannon-base": { type: "string" },
      out: { type: "string" },
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const tablePath = requireOption("alpha", values.table, "table");
    const out = requireOption("alpha", values.out, "out");
    const base = values["shannon-base"] === undefined ? undefined : Number(values["shannon-base"]);
    if (base !== undefined && !(base > 0 && base !== 1)) {
      throw InputError.single({
        code: "bad_argument",
        message: `--shannon-base must be a number > 0 other than 1, got '${values["shannon-base"]}'`,
      });
    }
    const metrics =
      values.metrics?.split(",").map((m) => m.trim()) ??
      ALPHA_METRIC_IDS.filter((m) => m !== "faith_pd" || values.tree !== undefined);
    const { table } = await loadTable(tablePath);
    const tree = values.tree === undefined ? undefined : await loadTree(values.tree);
    const res = alphaDiversity(table, metrics, { tree, shannonBase: base });
    const ids = Object.keys(res.metrics) as (keyof typeof res.metrics)[];
    const lines = [["sample-id", ...ids].join("\t")];
    res.sampleIds.forEach((s, i) => {
      lines.push([s, ...ids.map((id) => formatNumber(res.metrics[id]![i]!))].join("\t"));
    });
    await writeFileAtomic(out, `${lines.join("\n")}\n`);
    for (const w of res.warnings) ctx.stderr(`warning: ${w}\n`);
    ctx.stdout(`wrote ${out}: ${res.sampleIds.length} samples x ${ids.length} metrics\n`);
    return 0;
  },
};

/** Full precision (shortest round-trip text); empty for NaN. */
export function formatNumber(x: number): string {
  return Number.isNaN(x) ? "" : String(x);
}
