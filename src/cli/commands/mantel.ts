import {
  type MantelAlternative,
  type MantelMethod,
  mantel as runMantel,
} from "../../core/community/mantel.js";
import { loadDistanceMatrix } from "../../node/load.js";
import { Problems, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { checkOutputFiles } from "../output.js";
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
  --permutations N                     default 999; 0 computes the statistics only (p is NA)
  --seed N                             default 42
  --out F.tsv                          default: standard output
  --force                              replace F.tsv if it exists (default: refuse)

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
    const p = new Problems();
    await p.load(() => checkOutputFiles([values.out], values.force));
    const method = (values.method ?? "pearson") as MantelMethod;
    const alternative = (values.alternative ?? "greater") as MantelAlternative;
    if (!METHODS.includes(method) || !ALTERNATIVES.includes(alternative)) {
      p.issues.push({
        code: "bad_argument",
        message: `--method must be ${METHODS.join("|")} and --alternative ${ALTERNATIVES.join("|")}`,
      });
    }
    const settings = p.check(() => permutationSettings("mantel", values, ctx));
    const aPath = p.check(() => requireOption("mantel", values.dm, "dm"));
    const bPath = p.check(() => requireOption("mantel", values.dm2, "dm2"));
    const a = aPath === undefined ? undefined : await p.load(() => loadDistanceMatrix(aPath));
    const b = bPath === undefined ? undefined : await p.load(() => loadDistanceMatrix(bPath));
    p.throwIfAny();
    const result = runMantel(a!, b!, { method, alternative, ...settings });
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
