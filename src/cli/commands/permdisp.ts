import { type PermdispType, permdisp as runPermdisp } from "../../core/community/permdisp.js";
import { InputError } from "../../core/errors.js";
import { parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";
import { checkOutputFiles } from "../output.js";
import { GROUPING_ARGS, loadGrouping, permutationSettings, writeResult } from "./community-io.js";

export const permdisp: Command = {
  name: "permdisp",
  summary: "PERMDISP: do groups differ in dispersion? (as vegan betadisper + permutest)",
  help: `gutresponse permdisp --dm F.tsv --metadata M.tsv --column C [options]

Test of homogeneity of multivariate dispersions (Anderson 2006), equal to vegan 2.6-4
betadisper + permutest (negative-eigenvalue axes kept). A significant PERMANOVA with a
significant PERMDISP may reflect differences in spread rather than in location.
Writes columns: term, F, p, permutations

Options:
  --dm F.tsv                 distance matrix (lsmat TSV or HDF5 as ssu writes)
  --metadata M.tsv           sample metadata (QIIME 2 TSV)
  --column C                 grouping column
  --type centroid|median     distance to group centroid (default) or spatial median
  --permutations N           default 999; 0 computes the statistics only (p is NA)
  --seed N                   default 42
  --out F.tsv                default: standard output
  --force                    replace F.tsv if it exists (default: refuse)

Example:
  gutresponse permdisp --dm beta/braycurtis.tsv --metadata metadata.tsv --column kratom_use`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("permdisp", argv, { ...GROUPING_ARGS, type: { type: "string" } });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    await checkOutputFiles([values.out], values.force);
    const type = (values.type ?? "centroid") as PermdispType;
    if (type !== "centroid" && type !== "median") {
      throw InputError.single({
        code: "bad_argument",
        message: `--type must be centroid or median, got '${type}'`,
      });
    }
    const { dm, column, labels } = await loadGrouping("permdisp", values);
    const result = runPermdisp(dm, labels, { type, ...permutationSettings("permdisp", values, ctx) });
    await writeResult(
      ctx,
      "permdisp",
      result,
      values.out,
      ["term", "F", "p", "permutations"],
      [[column, result.F, result.p, result.permutations]],
    );
    return 0;
  },
};
