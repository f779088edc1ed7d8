/**
 * The Node engines `runStudy` takes for a number of threads (`gutresponse run`, `demo`): the
 * distance matrices, ALDEx2's Monte Carlo instances, the calibration's label shuffles and the
 * prediction's permutation tests on worker threads. Each engine gives the bytes of the
 * single-threaded step (tested per engine), so the thread count changes only the time taken.
 */
import type { RunOptions } from "../core/study/pipeline.js";
import { Aldex2Workers } from "./aldex2-parallel.js";
import { betaDiversityParallel } from "./beta-parallel.js";
import { calibrationTeam, startCalibrationShuffles } from "./calibration-parallel.js";
import { startPredictionPermutations } from "./prediction-parallel.js";

/**
 * Fewest samples for which a study's distance matrices are computed on worker threads: below it
 * a worker's start-up costs more than its share of the kernel (measured 07 Dec 2026: the whole
 * `beta` command at n = 1,000 took longer with 2 threads than with 1, at n = 4,000 1.3x less).
 */
export const DISTANCE_WORKERS_MIN_SAMPLES = 2000;

/**
 * `runStudy`'s engines for `threads` threads; none (everything on this thread) for 1. The
 * calibration's workers are started at once (idle, they do not keep the process alive); ALDEx2's
 * with the first call large enough to use them (a study's calls are often all small); the
 * prediction's when `runStudy` starts its permutation tests, after the prepare step, so they work
 * while the main thread runs the steps up to prediction.
 */
export function studyEngines(
  threads: number,
): Pick<RunOptions, "distances" | "aldex2Threads" | "predictionPermutations" | "calibrationShuffles"> {
  if (threads <= 1) return {};
  // the calibration's workers start now: they load and compile while the earlier steps run
  const team = calibrationTeam(threads);
  return {
    aldex2Threads: Aldex2Workers.onDemand(threads),
    distances: (table, metric, options) =>
      betaDiversityParallel(table, metric, {
        ...options,
        threads: table.sampleIds.length >= DISTANCE_WORKERS_MIN_SAMPLES ? threads : 1,
      }),
    predictionPermutations: (jobs) => startPredictionPermutations(jobs, threads),
    calibrationShuffles: (config, prepared, plan, aldex2Cache) =>
      startCalibrationShuffles(config, prepared, plan, threads, { team, aldex2Cache }),
  };
}
