/**
 * A small worker pool on node:worker_threads: runs one task per worker on a fixed module and
 * resolves with the results in task order. Inputs are meant to be SharedArrayBuffers (no copies).
 *
 * The worker module runs from compiled JavaScript (dist/node/*.js) or, when this file itself is
 * TypeScript (vitest, tsx), from the .ts source: the worker is then a small CommonJS bootstrap that
 * registers tsx's ESM hooks and imports the .ts module (on Node 20, `execArgv: ["--import", "tsx"]`
 * does not reach a worker's module loader: ERR_UNKNOWN_FILE_EXTENSION).
 */
import { Worker } from "node:worker_threads";

/** Starts a worker on the sibling module `baseName` (e.g. "beta-worker"), .js or .ts. */
export function startWorker(baseName: string, workerData: unknown): Worker {
  // execArgv: [] so that flags meant for the main script (e.g. --input-type) do not reach workers.
  if (!import.meta.url.endsWith(".ts")) {
    return new Worker(new URL(`./${baseName}.js`, import.meta.url), { workerData, execArgv: [] });
  }
  const url = new URL(`./${baseName}.ts`, import.meta.url).href;
  // tsx resolved from here, not from the eval'd worker's base (the working folder, which need not
  // see the project's node_modules: a Snakemake job runs in its own folder)
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, execArgv: [] });
}

/**
 * The first message of `worker` (its answer), after which it is terminated; rejects when it throws
 * or exits without answering.
 */
export function answerOf<R>(worker: Worker, baseName: string): Promise<R> {
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    worker.once("message", (value: R) => {
      settled = true;
      resolve(value);
      void worker.terminate();
    });
    worker.once("error", (e) => {
      settled = true;
      reject(e);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`worker ${baseName} exited with code ${code} before answering`));
    });
  });
}

/**
 * Runs each task on its own worker (at most `threads` at a time); `onDone(index)` is called as each
 * task's result arrives, and no new task starts once `signal` is aborted.
 */
export async function runOnWorkers<T, R>(
  baseName: string,
  tasks: readonly T[],
  threads: number,
  { onDone, signal }: { onDone?: (index: number) => void; signal?: AbortSignal } = {},
): Promise<R[]> {
  const results: R[] = new Array(tasks.length);
  let next = 0;
  const runOne = (task: T): Promise<R> => answerOf<R>(startWorker(baseName, task), baseName);
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      signal?.throwIfAborted();
      const i = next++;
      results[i] = await runOne(tasks[i]!);
      onDone?.(i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(threads, tasks.length)) }, lane));
  return results;
}
