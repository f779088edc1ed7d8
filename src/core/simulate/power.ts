/**
 * Power across sample sizes by simulation (the approach of Wirbel et al. 2024, Genome Biol 25:31,
 * doi:10.1186/s13059-024-03169-z, for benchmarking DA methods on implanted signals): for each
 * sample size n and replicate r, simulate a cohort with known planted effects, analyse it, and count
 *
 *   power(n, method, effect) = #{replicates where the effect is called (q < fdr, right sign)} / reps
 *   FDP(replicate) = V / max(R, 1)   (V false calls, R calls; 0 when nothing is called)
 *   mean_fdp(n, method) = mean over replicates of FDP  (an estimate of the FDR, Benjamini &
 *   Hochberg 1995, doi:10.1111/j.2517-6161.1995.tb02031.x)
 *
 * with a Wilson 95% interval for each power (Monte Carlo error of `reps` replicates) and the
 * standard error of mean_fdp. Scoring rules: power-replicate.ts.
 *
 * Seeds: replicate (n, r) runs on createRng(seed).fork(n).fork(r), so its result depends only on
 * (design, n, r, seed): not on the order of tasks, the number of threads, the other sample sizes
 * asked for or the number of replicates (adding replicates keeps the earlier ones).
 * `powerTasks` + `runPowerReplicate` + `summarisePower` are the parallel split (node/power-parallel.ts
 * runs the tasks on a worker pool); `powerAnalysis` runs them in order in this thread.
 */
import { ASSOCIATION_MODELS, type AssociationModel } from "../assoc/associations.js";
import { InputError } from "../errors.js";
import { DA_METHODS } from "../da/types.js";
import type { DaMethodName } from "../da/types.js";
import { createRng } from "../random/rng.js";
import { DEFAULT_POWER_METHODS } from "./power-methods.js";
import { wilsonInterval } from "../stats/wilson-interval.js";
import type { CohortDesign } from "./design.js";
import {
  type PlantedEffect,
  type PlantedKind,
  type PowerConfig,
  type PowerTask,
  type ReplicateResult,
  runPowerReplicate,
  scaleDesignEffects,
} from "./power-replicate.js";
import { mean, variance } from "../stats/descriptive.js";

/**
 * Options of {@link powerAnalysis}: the design, sample sizes, replicates, methods, fdr, seed and effect
 * scale.
 */
export interface PowerOptions {
  design: CohortDesign;
  sizes: readonly number[];
  reps: number;
  methods?: readonly DaMethodName[];
  /** q threshold of a call (default 0.1). */
  fdr?: number;
  seed: number;
  /** Rank analysed; genus is the rank at which the truth names its taxa. */
  level?: "genus";
  /** Multiplies planted log fold changes and outcome slopes (default 1). */
  effect?: number;
  /** ALDEx2 Monte Carlo instances (default: the method's own, 128). */
  mc?: number;
  /** Model of the association scan (default "linda"). */
  assocModel?: AssociationModel;
  /** Called after each replicate with (done, total). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** A row of the power table (`gutresponse power --out`). */
export interface PowerRow {
  n: number;
  method: string;
  effect: string;
  kind: PlantedKind;
  planted_log2_fold_change: number;
  power: number;
  power_ci_low: number;
  power_ci_high: number;
  mean_fdp: number;
  reps: number;
}

/** False discoveries of one test family at one n (the `.fdp.tsv` next to the power table). */
export interface FdpRow {
  n: number;
  method: string;
  mean_fdp: number;
  fdp_se: number;
  mean_calls: number;
  mean_false_calls: number;
  /** Share of replicates with at least one false call (family-wise error rate). */
  any_false_call: number;
  reps: number;
}

/**
 * The power table (per n, method and effect, with Wilson intervals), the FDP summary, and the settings used.
 */
export interface PowerResult {
  rows: PowerRow[];
  fdp: FdpRow[];
  effects: PlantedEffect[];
  sizes: number[];
  reps: number;
  methods: DaMethodName[];
  fdr: number;
  effect: number;
  level: "genus";
  seed: number;
  warnings: string[];
}

/** Columns of the power table, in order. */
export const POWER_ROW_COLUMNS = [
  "n",
  "method",
  "effect",
  "kind",
  "planted_log2_fold_change",
  "power",
  "power_ci_low",
  "power_ci_high",
  "mean_fdp",
  "reps",
] as const satisfies readonly (keyof PowerRow)[];

/** Columns of the FDP table (`.fdp.tsv`), in order. */
export const FDP_ROW_COLUMNS = [
  "n",
  "method",
  "mean_fdp",
  "fdp_se",
  "mean_calls",
  "mean_false_calls",
  "any_false_call",
  "reps",
] as const satisfies readonly (keyof FdpRow)[];

export { DEFAULT_POWER_METHODS };
const MAX_WARNINGS = 20;

/**
 * Validated options and the task list: one task per (n, replicate), in (n, replicate) order.
 * @throws {InputError} `bad_argument`, one issue per invalid option.
 */
export function powerTasks(options: PowerOptions): { config: PowerConfig; tasks: PowerTask[] } {
  const { sizes, reps, seed } = options;
  const fdr = options.fdr ?? 0.1;
  const effect = options.effect ?? 1;
  const methods = options.methods ?? DEFAULT_POWER_METHODS;
  const problems: string[] = [];
  if (sizes.length === 0 || !sizes.every((n) => Number.isInteger(n) && n >= 4)) {
    problems.push(`sizes must be integers >= 4, got [${sizes.join(", ")}]`);
  }
  if (new Set(sizes).size !== sizes.length) problems.push(`sizes repeat: [${sizes.join(", ")}]`);
  if (!(Number.isInteger(reps) && reps >= 1)) problems.push(`reps must be an integer >= 1, got ${reps}`);
  if (!(fdr > 0 && fdr < 1)) problems.push(`fdr must be in (0, 1), got ${fdr}`);
  if (!(Number.isFinite(effect) && effect >= 0)) problems.push(`effect must be >= 0, got ${effect}`);
  if (methods.length === 0 || methods.some((m) => !DA_METHODS.includes(m))) {
    problems.push(
      `methods must be a non-empty subset of ${DA_METHODS.join(", ")}, got [${methods.join(", ")}]`,
    );
  }
  if (options.assocModel !== undefined && !ASSOCIATION_MODELS.includes(options.assocModel)) {
    problems.push(`assocModel must be one of ${ASSOCIATION_MODELS.join(", ")}, got ${options.assocModel}`);
  }
  if (options.level !== undefined && options.level !== "genus") {
    problems.push(`level must be genus (the rank at which the truth names its taxa), got ${options.level}`);
  }
  if (problems.length > 0) {
    throw new InputError(problems.map((message) => ({ code: "bad_argument" as const, message })));
  }
  const root = createRng(seed);
  const tasks = sizes.flatMap((n) => {
    const perSize = root.fork(n);
    return Array.from({ length: reps }, (_, rep) => ({ n, rep, seed: perSize.fork(rep).seed }));
  });
  const config: PowerConfig = {
    design: scaleDesignEffects(options.design, effect),
    methods: [...methods],
    fdr,
    ...(options.mc === undefined ? {} : { mc: options.mc }),
    ...(options.assocModel === undefined ? {} : { assocModel: options.assocModel }),
  };
  return { config, tasks };
}

/**
 * Power and false-discovery proportion across sample sizes by simulation (signal implantation,
 * Wirbel et al. 2024, doi:10.1186/s13059-024-03169-z), with Wilson 95% intervals; replicate (n, r)
 * depends only on (design, n, r, seed). Runs in this thread; `powerTasks` splits it for workers.
 * @throws {InputError} `bad_argument` (sizes not integers ≥ 4 or repeated, reps < 1, fdr or effect
 *   out of range, unknown methods).
 */
export function powerAnalysis(options: PowerOptions): PowerResult {
  const { config, tasks } = powerTasks(options);
  const results: ReplicateResult[] = [];
  for (const task of tasks) {
    options.signal?.throwIfAborted();
    results.push(runPowerReplicate(config, task));
    options.onProgress?.(results.length, tasks.length);
  }
  return summarisePower(options, results);
}

/**
 * Aggregates replicate results (in any order) into the power table and the FDP summary.
 * @throws {InputError} as {@link powerAnalysis} (the options are validated again).
 */
export function summarisePower(options: PowerOptions, results: readonly ReplicateResult[]): PowerResult {
  const { config } = powerTasks(options);
  const effects = results[0]?.effects ?? [];
  const rows: PowerRow[] = [];
  const fdp: FdpRow[] = [];
  for (const n of options.sizes) {
    const atN = results.filter((r) => r.n === n);
    const reps = atN.length;
    const testNames = atN[0]?.tests.map((t) => t.method) ?? [];
    testNames.forEach((method, t) => {
      const runs = atN.map((r) => r.tests[t]!);
      const fdps = runs.map((c) => c.falseCalls / Math.max(c.calls, 1));
      const meanFdp = mean(fdps);
      fdp.push({
        n,
        method,
        mean_fdp: meanFdp,
        fdp_se: standardError(fdps),
        mean_calls: mean(runs.map((c) => c.calls)),
        mean_false_calls: mean(runs.map((c) => c.falseCalls)),
        any_false_call: runs.filter((c) => c.falseCalls > 0).length / reps,
        reps,
      });
      const { outcome, scope } = runs[0]!;
      for (const e of effects.filter((e) => (scope ? scope.includes(e.effect) : e.outcome === outcome))) {
        const hits = runs.filter((c) => c.detected.includes(e.effect)).length;
        const ci = wilsonInterval(hits, reps);
        rows.push({
          n,
          method,
          effect: e.effect,
          kind: e.kind,
          planted_log2_fold_change: e.log2FoldChange,
          power: hits / reps,
          power_ci_low: ci.low,
          power_ci_high: ci.high,
          mean_fdp: meanFdp,
          reps,
        });
      }
    });
  }
  return {
    rows,
    fdp,
    effects,
    sizes: [...options.sizes],
    reps: options.reps,
    methods: [...config.methods],
    fdr: config.fdr,
    effect: options.effect ?? 1,
    level: "genus",
    seed: options.seed,
    warnings: distinctWarnings(results),
  };
}

/** Standard error of a mean: sample sd / sqrt(k); NaN for fewer than 2 values. */
function standardError(x: readonly number[]): number {
  return Math.sqrt(variance(x) / x.length);
}

function distinctWarnings(results: readonly ReplicateResult[]): string[] {
  const seen = new Map<string, number>();
  for (const r of results) for (const w of r.warnings) seen.set(w, (seen.get(w) ?? 0) + 1);
  const list = [...seen].slice(0, MAX_WARNINGS).map(([w, k]) => (k > 1 ? `${w} (${k} replicates)` : w));
  if (seen.size > MAX_WARNINGS) list.push(`... and ${seen.size - MAX_WARNINGS} more distinct warnings`);
  return list;
}
