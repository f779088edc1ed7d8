import {
  type MantelAlternative,
  type MantelMethod,
  mantel as runMantel,
} from "../../core/community/mantel.js";
import { InputError } from "../../core/errors.js";
import { loadDistanceMatrix } from "../../node/load.js";
import { parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { PERMUTATION_ARGS, permutationSettings, writeResult } from "./community-io.js";

const METHODS: readonly MantelMethod[] = ["pearson", "spearman"];
const ALTERNATIVES: readonly MantelAlternative[] = ["greater", "less", "two-sided"];

export const mantel: Command = {
  name: "mantel",
  summary: "Mantel test between two distance matrices (as vegan mantel)",
  help: `gutresponse mantel --dm A.tsv --dm2 B.tsv [options]

Correlation between two distance matrices over the same samples (Mantel 1967), equal to
vegan 2.6-4 mantel. Writes columns: method, r, p, permutations

Options:
  --dm A.tsv, --dm2 B.tsv              distance matrices (lsmat TSV or HDF5); B is reordered to A's IDs
  --method pearson|spearman            default pearson
  --alternative greater|less|two-sided default greater (vegan)
  --permutations N                     default 999
  --seed N                             default 42
  --out F.tsv                          default: standard output

Example:
  gutresponse mantel --dm beta/braycurtis.tsv --dm2 diet_distance.tsv --method spearman`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("mantel", argv, {
      dm: { type: "string" },
      dm2: { type: "string" },
      method: { type: "string" },
      alternative: { type: "string" },
      ...PERMUTATION_ARGS,
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const method = (values.method ?? "pearson") as MantelMethod;
    const alternative = (values.alternative ?? "greater") as MantelAlternative;
    if (!METHODS.includes(method) || !ALTERNATIVES.includes(alternative)) {
      throw InputError.single({
        code: "bad_argument",
        message: `--method must be ${METHODS.join("|")} and --alternative ${ALTERNATIVES.join("|")}`,
      });
    }
    const a = await loadDistanceMatrix(requireOption("mantel", values.dm, "dm"));
    const b = await loadDistanceMatrix(requireOption("mantel", values.dm2, "dm2"));
    const result = runMantel(a, b, {
      method,
      alternative,
      ...permutationSettings("mantel", values, ctx),
    });
    await writeResult(
      ctx,
      "mantel",
      result,
      values.out,
      ["method", "r", "p", "permutations"],
      [[method, result.r, result.p, result.permutations]],
    );
    return 0;
  },
};
