/**
 * The prediction step's permutation tests on several threads. Every statistic of a fit's test - the
 * one-repeat nested CV on the observed outcome (index 0) and on permutation b (index b) - depends
 * only on the fit and its index (permutationStatistics, src/core/models/train-model.ts), so the
 * (fit, index) items of all fits are claimed one at a time from a shared counter (Atomics) by the
 * workers (prediction-worker.ts) and, once it asks for the result, the main thread, and put back in
 * index order. trainModel then takes them as `permutationStatistics`: the p-values and every other
 * output are identical bit for bit whatever the number of threads or who computed what.
 *
 * The tests need only the prepared data, so `startPredictionPermutations` lets the workers begin
 * before the main thread needs the statistics (`runStudy` starts them after its prepare step): they
 * work while the main thread runs the steps in between, and asking for the `result` makes the main
 * thread claim what is left.
 */
import { permutationStatistics } from "../core/models/train-model.js";
import type { Pending } from "../core/study/pipeline.js";
import type { PredictionJob } from "../core/study/steps/prediction-step.js";
import { WorkerTeam } from "./worker-team.js";

/** What a worker reads: the fits, the items to compute and the counter it claims them from. */
export interface PredictionTask {
  jobs: Pick<PredictionJob, "input" | "options">[];
  /** Item s is statistic `index[s]` of fit `job[s]`. */
  job: Int32Array;
  index: Int32Array;
  /** Int32 on a SharedArrayBuffer: the next item to claim (Atomics.add). */
  next: Int32Array;
}

/** The observed statistic and B null ones; none when the fit runs no permutation test. */
function statisticsCount(job: PredictionJob): number {
  const b = job.options.permutations ?? 0;
  return b > 0 ? b + 1 : 0;
}

/** The items claimed from `task.next` until none is left, each as [item, statistic]. */
export function claimStatistics(task: PredictionTask): [number, number][] {
  const done: [number, number][] = [];
  for (let s = Atomics.add(task.next, 0, 1); s < task.job.length; s = Atomics.add(task.next, 0, 1)) {
    const { input, options } = task.jobs[task.job[s]!]!;
    done.push([s, permutationStatistics(input, options, [task.index[s]!])[0]!]);
  }
  return done;
}

/**
 * Starts the permutation tests of `jobs` on `threads - 1` workers at once; the main thread joins
 * in when `result` is called (not at all with `mainThreadClaims: false`, for tests). `cancel` ends
 * the workers when the statistics will not be asked for.
 */
export function startPredictionPermutations(
  jobs: readonly PredictionJob[],
  threads: number,
  { mainThreadClaims = true }: { mainThreadClaims?: boolean } = {},
): Pending<number[][]> {
  const plain = jobs.map(({ input, options }) => {
    const { onProgress: _, ...rest } = options;
    return { input, options: rest };
  });
  const counts = jobs.map(statisticsCount);
  const total = counts.reduce((a, b) => a + b, 0);
  const task: PredictionTask = {
    jobs: plain,
    job: new Int32Array(total),
    index: new Int32Array(total),
    next: new Int32Array(new SharedArrayBuffer(4)),
  };
  let s = 0;
  counts.forEach((count, j) => {
    for (let b = 0; b < count; b++, s++) {
      task.job[s] = j;
      task.index[s] = b;
    }
  });
  const team = WorkerTeam.start("prediction-worker", total > 0 ? threads - 1 : 0);
  const assemble = (pairs: [number, number][]) => {
    const out = counts.map((count) => new Array<number>(count));
    for (const [item, value] of pairs) out[task.job[item]!]![task.index[item]!] = value;
    return out;
  };
  return team.share(task, team.size, () => claimStatistics(task), assemble, mainThreadClaims);
}

/**
 * Per job, `[observed, permutation 1, ..., permutation B]`, computed on `threads` threads (the main
 * thread included); for `predictionStep`'s `permutationStatistics`.
 */
export function predictionPermutationsParallel(
  jobs: readonly PredictionJob[],
  threads: number,
): Promise<number[][]> {
  return startPredictionPermutations(jobs, threads).result();
}
