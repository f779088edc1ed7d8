import { anosim as runAnosim } from "../../core/community/anosim.js";
import { parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";
import { checkOutputFiles } from "../output.js";
import { GROUPING_ARGS, loadGrouping, permutationSettings, writeResult } from "./community-io.js";

export const anosim: Command = {
  name: "anosim",
  summary: "ANOSIM R statistic on a distance matrix (as vegan anosim)",
  help: `gutresponse anosim --dm F.tsv --metadata M.tsv --column C [--permutations N] [--seed N] [--out F.tsv [--force]]

Analysis of similarities (Clarke 1993): R = (mean between rank - mean within rank) / (M/2),
equal to vegan 2.6-4 anosim. Writes columns: term, R, p, permutations

Example:
  gutresponse anosim --dm beta/braycurtis.tsv --metadata metadata.tsv --column kratom_use --permutations 9999`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("anosim", argv, GROUPING_ARGS);
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    await checkOutputFiles([values.out], values.force);
    const { dm, column, labels } = await loadGrouping("anosim", values);
    const result = runAnosim(dm, labels, permutationSettings("anosim", values, ctx));
    await writeResult(
      ctx,
      "anosim",
      result,
      values.out,
      ["term", "R", "p", "permutations"],
      [[column, result.R, result.p, result.permutations]],
    );
    return 0;
  },
};
