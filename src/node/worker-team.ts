/**
 * Workers started ahead of their tasks: `WorkerTeam.start` spawns them at once (each imports its
 * module and waits), so their start-up overlaps what the main thread does meanwhile (reading the
 * input); `run` then hands each its task by message (SharedArrayBuffers are shared, not copied).
 * Started workers do not keep the process alive until they are given a task, so a command that
 * stops early (an input error) exits without closing them. The worker module answers with
 * {@link serveOneTask}.
 */
import { parentPort, type Worker } from "node:worker_threads";
import type { Pending } from "../core/study/pipeline.js";
import { answerOf, startWorker } from "./pool.js";

/** Workers on one module, started before their tasks are known. */
export class WorkerTeam {
  private readonly workers: Worker[];
  private readonly baseName: string;

  private constructor(baseName: string, workers: Worker[]) {
    this.baseName = baseName;
    this.workers = workers;
  }

  /** Starts `count` workers on the sibling module `baseName` (e.g. "permanova-worker"). */
  static start(baseName: string, count: number): WorkerTeam {
    const workers = Array.from({ length: Math.max(0, count) }, () => {
      const w = startWorker(baseName, undefined);
      w.unref();
      return w;
    });
    return new WorkerTeam(baseName, workers);
  }

  /** Number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /**
   * Sends task i to worker i (at most one task per worker; a team runs once) and resolves with
   * their answers in order; each worker ends after answering.
   */
  run<T, R>(tasks: readonly T[]): Promise<R[]> {
    if (tasks.length > this.workers.length)
      throw new RangeError(`${tasks.length} tasks for ${this.workers.length} workers`);
    for (const w of this.workers.slice(tasks.length)) void w.terminate();
    return Promise.all(
      tasks.map((task, i) => {
        const worker = this.workers[i]!;
        worker.ref();
        const answer = answerOf<R>(worker, this.baseName);
        worker.postMessage(task);
        return answer;
      }),
    );
  }

  /**
   * Work that threads share by claiming items from a counter `task` holds: each of `workers`
   * workers is given `task` and answers the [item, value] pairs it claimed; once `result` is asked
   * for, this thread claims what is left with `claimHere` (not with `mainThreadClaims: false`,
   * for tests) and `assemble` puts every thread's pairs together. `cancel` ends the workers when
   * the result will not be asked for.
   */
  share<T, V, R>(
    task: T,
    workers: number,
    claimHere: () => [number, V][],
    assemble: (pairs: [number, V][]) => R,
    mainThreadClaims = true,
  ): Pending<R> {
    const others = this.run<T, [number, V][]>(
      Array.from({ length: Math.min(this.size, workers) }, () => task),
    );
    others.catch(() => {}); // reported by `result`; not an unhandled rejection if it is never asked for
    return {
      result: async () => {
        const mine = mainThreadClaims ? claimHere() : [];
        return assemble([...mine, ...(await others).flat()]);
      },
      cancel: () => void this.close(),
    };
  }

  /** Ends every worker (those that were never given a task included). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** In a worker module of a {@link WorkerTeam}: answers the one task it is sent with `work(task)`. */
export function serveOneTask<T, R>(work: (task: T) => R | Promise<R>): void {
  parentPort!.once("message", async (task: T) => {
    parentPort!.postMessage(await work(task));
  });
}

/** In a worker: counts this worker as started in slot `slot` of a shared int32 array. */
export function markJoined(counter: Int32Array, slot: number): void {
  Atomics.add(counter, slot, 1);
  Atomics.notify(counter, slot);
}

/**
 * Blocks this thread (Atomics.wait) until `count` workers have marked slot `slot`
 * ({@link markJoined}), so that they surely take part (tests); gives up after `timeoutMs`.
 * @throws {Error} when they have not all started within `timeoutMs`.
 */
export function awaitJoined(counter: Int32Array, slot: number, count: number, timeoutMs = 120_000): void {
  const deadline = Date.now() + timeoutMs;
  for (let j = Atomics.load(counter, slot); j < count; j = Atomics.load(counter, slot)) {
    if (Date.now() > deadline)
      throw new Error(`only ${j} of ${count} workers started within ${timeoutMs} ms`);
    Atomics.wait(counter, slot, j, 1000);
  }
}
