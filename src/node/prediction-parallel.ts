/**
 * The prediction step's permutation tests on several threads. Every statistic of a fit's test - the
 * one-repeat nested CV on the observed outcome (index 0) and on permutation b (index b) - depends
 * only on the fit and its index (permutationStatistics, src/core/models/train-model.ts), so the
 * (fit, index) pairs of all fits are dealt round-robin to `threads` lanes: the main thread computes
 * the first lane's while each worker (prediction-worker.ts) computes another's, and the pieces are
 * put back in index order. trainModel then takes them as `permutationStatistics`: the p-values and
 * every other output are identical bit for bit whatever the number of threads.
 */
import { permutationStatistics } from "../core/models/train-model.js";
import type { PredictionJob } from "../core/study/steps/prediction-step.js";
import { runOnWorkers } from "./pool.js";

export interface PredictionTask {
  jobs: Pick<PredictionJob, "input" | "options">[];
  work: { job: number; indices: number[] }[];
}

/** The observed statistic and B null ones; none when the fit runs no permutation test. */
function statisticsCount(job: PredictionJob): number {
  const b = job.options.permutations ?? 0;
  return b > 0 ? b + 1 : 0;
}

/** A lane's work: for each fit, the statistic indices i with (offset + i) % threads === lane. */
function lane(jobs: readonly PredictionJob[], lane: number, threads: number): PredictionTask["work"] {
  const work: PredictionTask["work"] = [];
  let offset = 0;
  jobs.forEach((job, j) => {
    const count = statisticsCount(job);
    const indices: number[] = [];
    for (let i = 0; i < count; i++) if ((offset + i) % threads === lane) indices.push(i);
    if (indices.length > 0) work.push({ job: j, indices });
    offset += count;
  });
  return work;
}

/**
 * Per job, `[observed, permutation 1, ..., permutation B]`, computed on `threads` threads (the main
 * thread included); for `predictionStep`'s `permutationStatistics`.
 */
export async function predictionPermutationsParallel(
  jobs: readonly PredictionJob[],
  threads: number,
  { signal }: { signal?: AbortSignal } = {},
): Promise<number[][]> {
  const plain = jobs.map(({ input, options }) => {
    const { onProgress: _, ...rest } = options;
    return { input, options: rest };
  });
  const out = jobs.map((job) => new Array<number>(statisticsCount(job)));
  const tasks: PredictionTask[] = Array.from({ length: threads - 1 }, (_, t) => ({
    jobs: plain,
    work: lane(jobs, t + 1, threads),
  })).filter((t) => t.work.length > 0);
  const others = runOnWorkers<PredictionTask, number[][]>("prediction-worker", tasks, tasks.length, {
    signal,
  });
  const place = (task: PredictionTask["work"], values: number[][]) =>
    task.forEach(({ job, indices }, w) => {
      indices.forEach((b, i) => {
        out[job]![b] = values[w]![i]!;
      });
    });
  const mine = lane(jobs, 0, threads);
  place(
    mine,
    mine.map(({ job, indices }) => permutationStatistics(plain[job]!.input, plain[job]!.options, indices)),
  );
  const done = await others;
  tasks.forEach((task, t) => place(task.work, done[t]!));
  return out;
}
