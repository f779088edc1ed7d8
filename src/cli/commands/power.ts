/** `gutresponse power`: power across sample sizes, by simulating and analysing cohorts. */
import { ASSOCIATION_MODELS, type AssociationModel } from "../../core/assoc/associations.js";
import { DA_METHODS, type DaMethodName } from "../../core/da/types.js";
import { designNames, referenceDesign } from "../../core/simulate/designs/index.js";
import { InputError } from "../../core/errors.js";
import {
  DEFAULT_POWER_METHODS,
  FDP_ROW_COLUMNS,
  POWER_ROW_COLUMNS,
  type PowerOptions,
  type PowerResult,
  powerTasks,
} from "../../core/simulate/power.js";
import { formatRecords } from "../../io/tsv-format.js";
import { powerAnalysisParallel, runPowerTasks } from "../../node/power-parallel.js";
import { type PowerSettings, writePowerPart } from "../../node/power-partial.js";
import { formatElapsed, progressBar } from "../../node/progress.js";
import { fractionOption, intOption, numberOption, parseCommandArgs, requireOption } from "../args.js";
import type { CliContext, Command } from "../command.js";
import { checkOutputFiles, createParentFolder, OUT_FILE_ARGS, writeOutputFile } from "../output.js";
import { listOption } from "../table-at-level.js";

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
  --design D         ${designNames()} (null: nothing planted, every call is false)
  --n LIST           comma-separated sample sizes (default ${DEFAULT_SIZES.join(",")})
  --reps N           replicates per sample size (default 100)
  --methods LIST     DA methods, a subset of ${DA_METHODS.join(",")} (default ${DEFAULT_POWER_METHODS.join(",")})
  --effect X         multiplies planted log fold changes and outcome slopes (default 1)
  --fdr Q            q threshold of a call (default 0.1)
  --mc N             ALDEx2 Monte Carlo instances (default 128)
  --assoc-model M    association model: agreement (default: links both models call), linda, or
                     outcome_on_clr (the earlier outcome ~ CLR(taxon) scan, not calibrated)
  --seed N           random seed (default 42)
  --threads N        worker threads (default 1)
  --out F.tsv        power table (F.fdp.tsv is written next to it)
  --replicates A..B  run only replicates A..B (1-based, of every sample size) and write their
                     results to --out as a partial file; \`gutresponse power-merge\` combines the
                     parts into the same tables, byte for byte, as one run
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
      replicates: { type: "string" },
      ...OUT_FILE_ARGS,
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const out = requireOption("power", values.out, "out");
    const settings: PowerSettings = {
      design: values.design ?? "kratom",
      sizes:
        values.n === undefined
          ? DEFAULT_SIZES
          : listOption(values.n).map((n) => intOption("power", n, "n", 0, 1)),
      reps: intOption("power", values.reps, "reps", 100, 1),
      methods: listOption(values.methods),
      effect: numberOption("power", values.effect, "effect", 1),
      fdr: fractionOption("power", values.fdr, "fdr", 0.1),
      mc: values.mc === undefined ? null : intOption("power", values.mc, "mc", 128, 1),
      seed: intOption("power", values.seed, "seed", 42),
      assocModel: (values["assoc-model"] as AssociationModel | undefined) ?? null,
    };
    if (settings.assocModel !== null && !ASSOCIATION_MODELS.includes(settings.assocModel)) {
      throw InputError.single({
        code: "bad_argument",
        message: `--assoc-model must be one of ${ASSOCIATION_MODELS.join(", ")}, got '${settings.assocModel}'`,
      });
    }
    if (settings.methods.length === 0) settings.methods = [...DEFAULT_POWER_METHODS];
    const threads = intOption("power", values.threads, "threads", 1, 1);
    const bar = progressBar("power", { write: ctx.stderr, isTTY: process.stderr.isTTY === true });
    const started = Date.now();
    const options = {
      ...powerOptionsOf(settings),
      onProgress: (done: number, total: number) => bar.update(done, total),
    };
    if (values.replicates !== undefined) {
      const [first, last] = replicatesOption(values.replicates, settings.reps);
      await checkOutputFiles([out], values.force);
      const { config, tasks } = powerTasks(options);
      const mine = tasks.filter((t) => t.rep >= first - 1 && t.rep < last);
      const results = await runPowerTasks(config, mine, threads, options);
      bar.finish();
      await createParentFolder(ctx, "power", out);
      await writePowerPart(out, settings, first, last, results);
      ctx.stdout(
        `replicates ${first}..${last} of ${settings.reps} x ${settings.sizes.length} sample sizes, ${formatElapsed(Date.now() - started)}\n` +
          `wrote ${out} (combine the parts with gutresponse power-merge)\n`,
      );
      return 0;
    }
    const fdpPath = fdpPathOf(out);
    await checkOutputFiles([out, fdpPath], values.force);
    const result = await powerAnalysisParallel(options, threads);
    bar.finish();
    await writePowerTables(ctx, "power", out, result);
    ctx.stdout(
      `${result.sizes.length} sample sizes x ${result.reps} replicates, ${result.methods.join(", ")} + associations, ` +
        `${result.effects.length} planted effects, ${threads} thread(s), ${formatElapsed(Date.now() - started)}\n` +
        `wrote ${out}\nwrote ${fdpPath}\n`,
    );
    return 0;
  },
};

/** The analysis options of power settings (the design built from its name). */
export function powerOptionsOf(s: PowerSettings): PowerOptions {
  return {
    design: referenceDesign(s.design).design(),
    sizes: s.sizes,
    reps: s.reps,
    methods: s.methods as DaMethodName[],
    effect: s.effect,
    fdr: s.fdr,
    seed: s.seed,
    ...(s.mc === null ? {} : { mc: s.mc }),
    ...(s.assocModel === null ? {} : { assocModel: s.assocModel }),
  };
}

/** F.fdp.tsv next to F.tsv. */
export function fdpPathOf(out: string): string {
  return out.replace(/(\.tsv)?$/, ".fdp.tsv");
}

/** Writes the power table and, next to it, the FDP table; prints the warnings. */
export async function writePowerTables(
  ctx: CliContext,
  command: string,
  out: string,
  result: PowerResult,
): Promise<void> {
  await writeOutputFile(ctx, command, out, formatRecords([...POWER_ROW_COLUMNS], result.rows));
  await writeOutputFile(ctx, command, fdpPathOf(out), formatRecords([...FDP_ROW_COLUMNS], result.fdp));
  for (const w of result.warnings) ctx.stderr(`warning: ${w}\n`);
}

/** Parses `--replicates A..B` (1 <= A <= B <= reps). */
export function replicatesOption(text: string, reps: number): [number, number] {
  const m = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(text);
  const first = m ? Number(m[1]) : Number.NaN;
  const last = m ? Number(m[2]) : Number.NaN;
  if (!(first >= 1 && last >= first && last <= reps)) {
    throw InputError.single({
      code: "bad_argument",
      key: "replicates",
      message: `--replicates takes A..B with 1 <= A <= B <= --reps (${reps}), got '${text}'`,
      hint: "e.g. --reps 100 --replicates 1..25, then 26..50, 51..75, 76..100",
    });
  }
  return [first, last];
}
