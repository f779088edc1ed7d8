/** `gutresponse power`: power across sample sizes, by simulating and analysing cohorts (spec: specs/power.ts). */
import { InputError } from "../../core/errors.js";
import { DEFAULT_POWER_METHODS, powerTasks } from "../../core/simulate/power.js";
import { powerAnalysisParallel, runPowerTasks } from "../../node/power-parallel.js";
import { type PowerSettings, writePowerPart } from "../../node/power-partial.js";
import { formatElapsed, progressBar } from "../../node/progress.js";
import { implement } from "../command.js";
import { besideTsv, checkOutputFiles, createParentFolder } from "../output.js";
import { powerOptionsOf, writePowerTables } from "../power-tables.js";
import { spec } from "../specs/power.js";

/** `gutresponse power`, run with its arguments checked against specs/power.ts. */
export const power = implement(spec, async ({ checked }, ctx) => {
  const v = checked();
  const { out, threads } = v;
  const settings: PowerSettings = {
    design: v.design,
    sizes: [...v.n],
    reps: v.reps,
    methods: v.methods.length > 0 ? v.methods : [...DEFAULT_POWER_METHODS],
    effect: v.effect,
    fdr: v.fdr,
    mc: v.mc ?? null,
    seed: v.seed,
    assocModel: v["assoc-model"] ?? null,
  };
  const bar = progressBar("power", { write: ctx.stderr, isTTY: process.stderr.isTTY === true });
  const started = Date.now();
  const options = {
    ...powerOptionsOf(settings),
    onProgress: (done: number, total: number) => bar.update(done, total),
  };
  if (v.replicates !== undefined) {
    const [first, last] = replicatesOption(v.replicates, settings.reps);
    await checkOutputFiles([out], v.force);
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
  const fdpPath = besideTsv(out, "fdp");
  await checkOutputFiles([out, fdpPath], v.force);
  const result = await powerAnalysisParallel(options, threads);
  bar.finish();
  await writePowerTables(ctx, "power", out, result);
  ctx.stdout(
    `${result.sizes.length} sample sizes x ${result.reps} replicates, ${result.methods.join(", ")} + associations, ` +
      `${result.effects.length} planted effects, ${threads} thread(s), ${formatElapsed(Date.now() - started)}\n` +
      `wrote ${out}\nwrote ${fdpPath}\n`,
  );
  return 0;
});

/**
 * Parses `--replicates A..B` (1 <= A <= B <= reps).
 * @throws InputError `bad_argument` when the text is not A..B in range
 */
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
