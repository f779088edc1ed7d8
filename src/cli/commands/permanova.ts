import type { PermanovaBy } from "../../core/community/permanova.js";
import { designMatrix } from "../../core/stats/design-matrix.js";
import { loadDistanceMatrix, loadMetadata } from "../../node/load.js";
import { permanovaParallel } from "../../node/permanova-parallel.js";
import { choiceOption, intOption, Problems, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { checkOutputFiles } from "../output.js";
import {
  labelsFor,
  PERMUTATION_ARGS,
  permutationSettings,
  printWarnings,
  writeResult,
} from "./community-io.js";

const BY: readonly PermanovaBy[] = ["terms", "margin", "none"];

export const permanova: Command = {
  name: "permanova",
  summary: "PERMANOVA on a distance matrix (as vegan adonis2): terms, margins, strata",
  help: `gutresponse permanova --dm F.tsv --metadata M.tsv --formula "~ a + b" [options]

Permutational multivariate analysis of variance (Anderson 2001), equal to vegan 2.6-4 adonis2.
Writes one row per term plus Residual and Total, columns:
  term, df, sum_of_squares, r2, F, p, permutations

Options:
  --dm F.tsv              distance matrix (lsmat TSV or HDF5, as written by 'gutresponse beta')
  --metadata M.tsv        sample metadata (QIIME 2 TSV)
  --formula "~ a + b"     model; categorical variables get treatment contrasts
  --by terms|margin|none  sequential (default, as adonis2 in vegan 2.6-4), marginal (only terms
                          not contained in a higher-order term, as vegan), or whole model
  --strata COL            permute only within the levels of COL (e.g. household, subject)
  --permutations N        default 999; 0 computes the statistics only (p is NA)
  --seed N                default 42
  --threads N             split the permutations over N threads (default 1); same p for any N
  --out F.tsv             default: standard output
  --force                 replace F.tsv if it exists (default: refuse)

Example:
  gutresponse permanova --dm beta/braycurtis.tsv --metadata metadata.tsv \\
    --formula "~ kratom_use + age" --by margin --permutations 9999 --seed 1 --out permanova.tsv`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("permanova", argv, {
      dm: { type: "string" },
      metadata: { type: "string" },
      formula: { type: "string" },
      by: { type: "string" },
      strata: { type: "string" },
      threads: { type: "string" },
      ...PERMUTATION_ARGS,
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const p = new Problems();
    await p.load(() => checkOutputFiles([values.out], values.force));
    const dmPath = p.check(() => requireOption("permanova", values.dm, "dm"));
    const mdPath = p.check(() => requireOption("permanova", values.metadata, "metadata"));
    const formula = p.check(() => requireOption("permanova", values.formula, "formula"));
    const by: PermanovaBy = p.check(() => choiceOption("permanova", values.by, "by", BY, "terms")) ?? "terms";
    const settings = p.check(() => permutationSettings("permanova", values, ctx));
    const threads = p.check(() => intOption("permanova", values.threads, "threads", 1, 1));
    const dm = dmPath === undefined ? undefined : await p.load(() => loadDistanceMatrix(dmPath));
    const md = mdPath === undefined ? undefined : await p.load(() => loadMetadata(mdPath));
    p.throwIfAny();
    const design = designMatrix(formula!, md!, { ids: dm!.ids });
    if (design.droppedIds.length > 0) {
      printWarnings(ctx, "permanova", [`${design.droppedIds.length} sample(s) with missing values left out`]);
    }
    const result = await permanovaParallel(dm!, design, {
      threads: threads!,
      by,
      strata: values.strata ? labelsFor("permanova", dm!, md!, values.strata, mdPath!) : undefined,
      ...settings,
    });
    await writeResult(
      ctx,
      "permanova",
      result,
      values.out,
      ["term", "df", "sum_of_squares", "r2", "F", "p", "permutations"],
      result.rows.map((r) => [
        r.term,
        r.df,
        r.sumOfSquares,
        r.r2,
        r.F,
        r.p,
        r.p === null ? null : result.permutations,
      ]),
    );
    return 0;
  },
};
