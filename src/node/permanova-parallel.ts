/**
 * PERMANOVA on several threads: the random permutations 0 .. B-1 of the seeded sequence are cut
 * into one contiguous range per thread; the main thread takes the first range while each worker
 * (permanova-worker.ts) counts #{F* >= F} over its own, reading the squared distances, computed
 * once by the main thread, from a SharedArrayBuffer. The counts are integers, so their sum - and
 * hence every p-value - is identical bit for bit whatever the number of threads; F, SS and R² come
 * from the observed data only.
 */
import type { DistanceMatrix } from "../core/beta/distance-matrix.js";
import { squaredDistances } from "../core/community/permanova-kernels.js";
import {
  type PermanovaDesign,
  type PermanovaOptions,
  type PermanovaResult,
  permanova,
  permanovaExceedances,
} from "../core/community/permanova.js";
import { runOnWorkers } from "./pool.js";

/** What one worker of {@link permanovaParallel} receives. */
export interface PermanovaTask {
  ids: readonly string[];
  /** Condensed squared distances among the design's rows, on a SharedArrayBuffer. */
  squared: Float64Array;
  design: PermanovaDesign;
  options: Omit<PermanovaOptions, "onProgress" | "signal">;
  range: [number, number];
}

/**
 * {@link permanova} with its random permutations split over `threads` threads (default 1: the
 * plain call); the result is identical for any number of threads.
 * @throws {InputError} as {@link permanova}.
 */
export async function permanovaParallel(
  dm: DistanceMatrix,
  design: PermanovaDesign,
  options: PermanovaOptions & { threads?: number } = {},
): Promise<PermanovaResult> {
  const { threads = 1, onProgress, signal, ...plain } = options;
  const total = options.permutations ?? 999;
  if (threads <= 1 || typeof total !== "number" || total < 2 * threads) return permanova(dm, design, options);
  const cuts = Array.from({ length: threads + 1 }, (_, t) => Math.floor((t * total) / threads));
  const m = design.nRows;
  const squared = squaredDistances(
    dm,
    design.rows,
    new Float64Array(new SharedArrayBuffer(((m * (m - 1)) / 2) * Float64Array.BYTES_PER_ELEMENT)),
  );
  const { rows, ...rest } = design;
  const sharedDesign: PermanovaDesign = { ...rest, rows: Int32Array.from(rows) };
  const tasks: PermanovaTask[] = cuts.slice(1, -1).map((from, t) => ({
    ids: dm.ids,
    squared,
    design: sharedDesign,
    options: { ...plain, permutations: total },
    range: [from, cuts[t + 2]!],
  }));
  const others = runOnWorkers<PermanovaTask, Int32Array>("permanova-worker", tasks, threads - 1, { signal });
  let mine: Int32Array;
  try {
    mine = permanovaExceedances(dm, design, {
      ...options,
      squared,
      permutations: total,
      range: [0, cuts[1]!],
      onProgress: onProgress && ((done) => onProgress(Math.round((done * total) / cuts[1]!), total)),
    });
  } catch (e) {
    await others.catch(() => undefined); // the workers meet the same input error
    throw e;
  }
  const exceedances = Int32Array.from(mine);
  for (const counts of await others) for (let i = 0; i < counts.length; i++) exceedances[i]! += counts[i]!;
  return permanova(dm, design, { ...plain, squared, permutations: total, exceedances });
}
