/**
 * PERMANOVA on several threads: the random permutations of the seeded sequence are cut into
 * chunks of one kernel block (PERMUTATION_BLOCK permutations) that the main thread and the workers
 * (permanova-worker.ts) claim from one shared counter as they go, so a thread that starts late or
 * runs slower (a busy machine) takes fewer. Every thread draws the whole sequence and evaluates
 * only its chunks, counting #{F* >= F}; the counts are integers, so their sum - and hence every
 * p-value - is identical bit for bit whatever the number of threads and whoever took which chunk.
 * The workers read the distances among the design's rows from a SharedArrayBuffer (the matrix
 * itself when it was read onto one, `loadDistanceMatrix(path, { shared: true })`, else a copy);
 * F, SS and R² come from the observed data only, computed once on the main thread. Workers may be
 * started before the distances are read (`team`), so their start-up overlaps the reading.
 */
import type { DistanceMatrix } from "../core/beta/distance-matrix.js";
import { designDistances } from "../core/community/permanova-kernels.js";
import {
  type PermanovaDesign,
  type PermanovaOptions,
  type PermanovaResult,
  permanova,
  preparePermanova,
} from "../core/community/permanova.js";
import { awaitJoined, WorkerTeam } from "./worker-team.js";

/** What one worker of {@link permanovaParallel} receives. */
export interface PermanovaTask {
  ids: readonly string[];
  /** Condensed distances among the design's rows, on a SharedArrayBuffer. */
  distances: Float64Array;
  design: PermanovaDesign;
  options: Omit<PermanovaOptions, "onProgress" | "signal" | "claim">;
  /** On a SharedArrayBuffer: [the next unclaimed chunk, workers started]. */
  counter: Int32Array;
}

/** A claim function over the shared chunk counter: each call returns the next unclaimed chunk. */
export function claimFrom(counter: Int32Array): () => number {
  return () => Atomics.add(counter, 0, 1);
}

/** The worker count {@link permanovaParallel} uses for `threads` threads (0: runs on this thread). */
export function permanovaWorkers(threads: number, permutations: number | "exact" | undefined): number {
  const total = permutations ?? 999;
  return threads <= 1 || typeof total !== "number" || total < 2 * threads ? 0 : threads - 1;
}

/**
 * {@link permanova} with its random permutations shared by `threads` threads (default 1: the plain
 * call); the result is identical for any number of threads. `team`: workers started earlier on
 * "permanova-worker" ({@link permanovaWorkers} of them; closed here), else started here.
 * `awaitWorkers`: claim permutations only once every worker is up (tests: so that they take part).
 * @throws {InputError} as {@link permanova}.
 */
export async function permanovaParallel(
  dm: DistanceMatrix,
  design: PermanovaDesign,
  options: PermanovaOptions & { threads?: number; team?: WorkerTeam; awaitWorkers?: boolean } = {},
): Promise<PermanovaResult> {
  const { threads = 1, team: given, awaitWorkers = false, onProgress, signal, ...plain } = options;
  const workers = permanovaWorkers(threads, options.permutations);
  if (workers === 0) {
    await given?.close();
    return permanova(dm, design, { ...plain, onProgress, signal });
  }
  const team = given ?? WorkerTeam.start("permanova-worker", workers);
  const total = options.permutations as number;
  const distances = designDistances(dm, design.rows, true);
  const counter = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const { rows, ...rest } = design;
  const task: PermanovaTask = {
    ids: dm.ids,
    distances,
    design: { ...rest, rows: Int32Array.from(rows) },
    options: { ...plain, permutations: total },
    counter,
  };
  const others = team.run<PermanovaTask, Int32Array>(Array.from({ length: team.size }, () => task));
  if (awaitWorkers) awaitJoined(counter, 1, team.size);
  let prepared: ReturnType<typeof preparePermanova>;
  let mine: Int32Array;
  try {
    signal?.throwIfAborted();
    prepared = preparePermanova(dm, design, {
      ...plain,
      distances,
      permutations: total,
      signal,
      onProgress: onProgress && ((done) => onProgress(Math.min(total, done * threads), total)),
      claim: claimFrom(counter),
    });
    mine = prepared.exceedances();
  } catch (e) {
    Atomics.store(counter, 0, total); // nothing left to claim: the workers stop at their next chunk
    await others.catch(() => undefined); // or meet the same input error
    throw e;
  }
  const exceedances = Int32Array.from(mine);
  for (const counts of await others) for (let i = 0; i < counts.length; i++) exceedances[i]! += counts[i]!;
  onProgress?.(total, total);
  return prepared.result(exceedances);
}
