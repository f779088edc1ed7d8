/**
 * Power analysis on several threads: the (n, replicate) tasks of `powerTasks` are cut into chunks
 * (about 8 per thread, so progress moves and threads stay busy while worker start-up stays a small
 * share) and run on the worker pool; `summarisePower` then aggregates. Each replicate carries its
 * own seed, so the result is identical byte for byte whatever the number of threads; threads = 1
 * runs in this thread without workers. `runPowerTasks` runs any subset of the tasks (one cluster
 * job's replicates; node/power-partial.ts).
 */
import {
  type PowerOptions,
  type PowerResult,
  powerAnalysis,
  powerTasks,
  summarisePower,
} from "../core/simulate/power.js";
import {
  type PowerConfig,
  type PowerTask,
  type ReplicateResult,
  runPowerReplicate,
} from "../core/simulate/power-replicate.js";
import { runOnWorkers } from "./pool.js";

export interface PowerChunk {
  config: PowerConfig;
  tasks: PowerTask[];
}

const CHUNKS_PER_THREAD = 8;

export async function powerAnalysisParallel(options: PowerOptions, threads: number): Promise<PowerResult> {
  if (threads <= 1) return powerAnalysis(options);
  const { config, tasks } = powerTasks(options);
  return summarisePower(options, await runPowerTasks(config, tasks, threads, options));
}

/**
 * Runs the given tasks (all of `powerTasks`, or one job's share: `power --replicates A..B`) and
 * returns their results in task order; threads = 1 runs in this thread.
 */
export async function runPowerTasks(
  config: PowerConfig,
  tasks: readonly PowerTask[],
  threads: number,
  options: Pick<PowerOptions, "onProgress" | "signal"> = {},
): Promise<ReplicateResult[]> {
  if (threads <= 1) {
    const results: ReplicateResult[] = [];
    for (const task of tasks) {
      options.signal?.throwIfAborted();
      results.push(runPowerReplicate(config, task));
      options.onProgress?.(results.length, tasks.length);
    }
    return results;
  }
  const size = Math.max(1, Math.ceil(tasks.length / (threads * CHUNKS_PER_THREAD)));
  const chunks: PowerChunk[] = [];
  for (let i = 0; i < tasks.length; i += size) chunks.push({ config, tasks: tasks.slice(i, i + size) });
  let done = 0;
  const results = await runOnWorkers<PowerChunk, ReplicateResult[]>("power-worker", chunks, threads, {
    onDone: (i) => {
      done += chunks[i]!.tasks.length;
      options.onProgress?.(done, tasks.length);
    },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return results.flat();
}
