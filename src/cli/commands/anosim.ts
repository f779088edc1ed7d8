import { anosim as runAnosim } from "../../core/community/anosim.js";
import { loadDistanceMatrix, loadMetadata } from "../../node/load.js";
import { intOption, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import {
  labelsFor,
  permutationsOption,
  printWarnings,
  progressReporter,
  writeTable,
} from "./community-io.js";

export const anosim: Command = {
  name: "anosim",
  summary: "ANOSIM R statistic on a distance matrix (as vegan anosim)",
  help: `gutresponse anosim --dm F.tsv --metadata M.tsv --column C [--permutations N] [--seed N] [--out F.tsv]

Analysis of similarities (Clarke 1993): R = (mean between rank - mean within rank) / (M/2),
equal to vegan 2.6-4 anosim. Writes columns: term, R, p, permutations

Example:
  gutresponse anosim --dm beta/braycurtis.tsv --metadata metadata.tsv --column kratom_use --permutations 9999`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("anosim", argv, {
      dm: { type: "string" },
      metadata: { type: "string" },
      column: { type: "string" },
      permutations: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const mdPath = requireOption("anosim", values.metadata, "metadata");
    const column = requireOption("anosim", values.column, "column");
    const dm = await loadDistanceMatrix(requireOption("anosim", values.dm, "dm"));
    const md = await loadMetadata(mdPath);
    const result = runAnosim(dm, labelsFor("anosim", dm, md, column, mdPath), {
      permutations: permutationsOption("anosim", values.permutations),
      seed: intOption("anosim", values.seed, "seed", 42),
      onProgress: progressReporter(ctx, "anosim"),
    });
    printWarnings(ctx, "anosim", result.warnings);
    await writeTable(
      ctx,
      values.out,
      ["term", "R", "p", "permutations"],
      [[column, result.R, result.p, result.permutations]],
    );
    return 0;
  },
};
