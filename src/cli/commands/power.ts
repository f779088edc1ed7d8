/** `gutresponse power`: power across sample sizes, by simulating and analysing cohorts. */
import type { AssociationModel } from "../../core/assoc/associations.js";
import { DA_METHODS } from "../../core/da/differential-abundance.js";
import type { DaMethodName } from "../../core/da/types.js";
import { DEFAULT_POWER_METHODS, FDP_ROW_COLUMNS, POWER_ROW_COLUMNS } from "../../core/simulate/power.js";
import { formatRecords } from "../../io/tsv-format.js";
import { powerAnalysisParallel } from "../../node/power-parallel.js";
import { formatElapsed, progressBar } from "../../node/progress.js";
import { fractionOption, intOption, numberOption, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { checkOutputFiles, OUT_FILE_ARGS, writeOutputFile } from "../output.js";
import { listOption } from "../table-at-level.js";
import { designOption } from "./simulate.js";

const DEFAULT_SIZES = [30, 65, 100, 200, 400];

export const power: Command = {
  name: "power",
  summary: "power and false discoveries across sample sizes, on simulated cohorts with planted effects",
  help: `gutresponse power --design kratom [--n 30,65,100,200,400] [--reps 100] --out F.tsv [options]

For each sample size and replicate, simulates a cohort (signal implantation, as 'gutresponse
simulate'), collapses it to genus, runs the differential-abundance methods (exposure adjusted for
age, sex and BMI) and the taxon -> outcome association tests, and scores the calls (q < --fdr, right
sign) against the planted truth. Writes one row per sample size, method and planted effect (power
with a Wilson 95% interval, mean false discovery proportion) and, next to it, F.fdp.tsv: per sample
size and method the mean false discovery proportion, its standard error, calls per replicate and
the share of replicates with any false call. The design's pre-registered hypotheses (Clostridium ~
constipation positive, Faecalibacterium up) are scored as two more families: 'confirmatory' (Holm
across the list, one-sided, p < 0.05) and 'single_test' (each alone). The result is identical for
any --threads.

Options:
  --design D         kratom (planted effects) or null (nothing planted: every call is false)
  --n LIST           comma-separated sample sizes (default ${DEFAULT_SIZES.join(",")})
  --reps N           replicates per sample size (default 100)
  --methods LIST     DA methods, a subset of ${DA_METHODS.join(",")} (default ${DEFAULT_POWER_METHODS.join(",")})
  --effect X         multiplies planted log fold changes and outcome slopes (default 1)
  --fdr Q            q threshold of a call (default 0.1)
  --mc N             ALDEx2 Monte Carlo instances (default 128)
  --assoc-model M    association model: linda (default), outcome_on_clr (the earlier
                     outcome ~ CLR(taxon) scan, not calibrated) or agreement (links both call)
  --seed N           random seed (default 42)
  --threads N        worker threads (default 1)
  --out F.tsv        power table (F.fdp.tsv is written next to it)
  --force            replace them if they exist (default: refuse)

Progress goes to stderr.

Example:
  gutresponse power --design kratom --n 30,65,100,200 --reps 50 --methods linda,ancombc,maaslin \\
    --threads 4 --out power.tsv`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("power", argv, {
      design: { type: "string" },
      n: { type: "string" },
      reps: { type: "string" },
      methods: { type: "string" },
      effect: { type: "string" },
      fdr: { type: "string" },
      mc: { type: "string" },
      "assoc-model": { type: "string" },
      seed: { type: "string" },
      threads: { type: "string" },
      ...OUT_FILE_ARGS,
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const out = requireOption("power", values.out, "out");
    const designName = values.design ?? "kratom";
    const design = designOption(designName);
    const sizes =
      values.n === undefined
        ? DEFAULT_SIZES
        : listOption(values.n).map((n) => intOption("power", n, "n", 0, 1));
    const methods = listOption(values.methods);
    const threads = intOption("power", values.threads, "threads", 1, 1);
    const fdpPath = out.replace(/(\.tsv)?$/, ".fdp.tsv");
    await checkOutputFiles([out, fdpPath], values.force);
    const bar = progressBar("power", { write: ctx.stderr, isTTY: process.stderr.isTTY === true });
    const started = Date.now();
    const result = await powerAnalysisParallel(
      {
        design,
        sizes,
        reps: intOption("power", values.reps, "reps", 100, 1),
        methods: methods.length === 0 ? DEFAULT_POWER_METHODS : (methods as DaMethodName[]),
        effect: numberOption("power", values.effect, "effect", 1),
        fdr: fractionOption("power", values.fdr, "fdr", 0.1),
        seed: intOption("power", values.seed, "seed", 42),
        ...(values.mc === undefined ? {} : { mc: intOption("power", values.mc, "mc", 128, 1) }),
        ...(values["assoc-model"] === undefined
          ? {}
          : { assocModel: values["assoc-model"] as AssociationModel }),
        onProgress: (done, total) => bar.update(done, total),
      },
      threads,
    );
    bar.finish();
    await writeOutputFile(ctx, "power", out, formatRecords([...POWER_ROW_COLUMNS], result.rows));
    await writeOutputFile(ctx, "power", fdpPath, formatRecords([...FDP_ROW_COLUMNS], result.fdp));
    for (const w of result.warnings) ctx.stderr(`warning: ${w}\n`);
    ctx.stdout(
      `${result.sizes.length} sample sizes x ${result.reps} replicates, ${result.methods.join(", ")} + associations, ` +
        `${result.effects.length} planted effects, ${threads} thread(s), ${formatElapsed(Date.now() - started)}\n` +
        `wrote ${out}\nwrote ${fdpPath}\n`,
    );
    return 0;
  },
};
