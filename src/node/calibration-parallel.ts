/**
 * The calibration step's label shuffles on several threads. Shuffle s runs on its own RNG stream
 * and depends on nothing else (shuffleCalls, src/core/study/steps/calibration-step.ts), so the
 * threads claim shuffles one at a time from a shared counter (Atomics): the main thread and each
 * worker (calibration-worker.ts) compute what they claim, a slow starter (a worker still loading
 * or compiling) simply claims fewer, and calibrationStep takes the calls back in shuffle order -
 * the same calibration table bit for bit whatever the number of threads or who computed what.
 * Workers may be started ahead (`calibrationTeam`) so their start-up overlaps the earlier steps,
 * and the shuffles as soon as the data are prepared (`startCalibrationShuffles`; runStudy does so
 * after its prepare step: a shuffle needs no observed result), so the workers compute while the
 * main thread runs the steps in between; they draw ALDEx2's instances themselves when the cache
 * they are given is still empty.
 */
import {
  type CalibrationConfig,
  type CalibrationSeeds,
  type ShuffleCalls,
  shuffleCalls,
} from "../core/study/steps/calibration-step.js";
import type { Pending } from "../core/study/pipeline.js";
import type { PreparedStudy } from "../core/study/steps/shared.js";
import { WorkerTeam } from "./worker-team.js";
import { type Aldex2CacheContents, Aldex2InstanceCache } from "../core/da/aldex2.js";

/** What a worker reads: the shuffles' inputs and the counter it claims shuffles from. */
export interface CalibrationTask {
  config: CalibrationConfig;
  prepared: PreparedStudy;
  seeds: CalibrationSeeds;
  /** Int32 on a SharedArrayBuffer: the next shuffle to claim (Atomics.add). */
  next: Int32Array;
  /** ALDEx2's instances already drawn (in shared memory), for the worker's own cache. */
  aldex2?: Aldex2CacheContents;
}

/**
 * The contents with each instance in shared memory (copied there unless drawn there, as on ALDEx2's
 * worker threads), so workers read them without a copy.
 */
function shared(contents: Aldex2CacheContents | null): Aldex2CacheContents | undefined {
  if (contents === null) return undefined;
  const instances = contents.instances.map((y) => {
    if (y.buffer instanceof SharedArrayBuffer) return y;
    const copy = new Float64Array(new SharedArrayBuffer(y.length * 8));
    copy.set(y);
    return copy;
  });
  return { ...contents, instances };
}

/** Calibration workers started ahead (one per thread beyond the first), for calibrationShufflesParallel. */
export function calibrationTeam(threads: number): WorkerTeam {
  return WorkerTeam.start("calibration-worker", threads - 1);
}

/** The shuffles claimed from `next` until none is left, each with its calls. */
export function claimShuffles(
  task: Omit<CalibrationTask, "aldex2">,
  cache: Aldex2InstanceCache,
): [number, ShuffleCalls][] {
  const done: [number, ShuffleCalls][] = [];
  for (
    let s = Atomics.add(task.next, 0, 1);
    s < task.config.calibration.shuffles;
    s = Atomics.add(task.next, 0, 1)
  ) {
    done.push([s, shuffleCalls(task.config, task.prepared, task.seeds, s, cache)]);
  }
  return done;
}

/**
 * Starts the shuffles (on `seeds`) on `threads - 1` workers (those of `team` when given, else started
 * now), each claiming shuffles until none is left (see header); the main thread claims what is left
 * when `result` is called (not at all with `mainThreadClaims: false`, for tests), and `cancel` ends
 * the workers when the calls will not be asked for. `aldex2Cache`: ALDEx2's instances already drawn
 * (e.g. by the differential-abundance step); the main thread uses it and every worker starts with a
 * shared copy of what it holds instead of drawing its own.
 */
export function startCalibrationShuffles(
  config: CalibrationConfig,
  prepared: PreparedStudy,
  seeds: CalibrationSeeds,
  threads: number,
  {
    team = calibrationTeam(threads),
    aldex2Cache,
    mainThreadClaims = true,
  }: {
    team?: WorkerTeam;
    aldex2Cache?: Aldex2InstanceCache;
    /** false: only the workers compute (tests, so that the workers' path surely runs) */
    mainThreadClaims?: boolean;
  } = {},
): Pending<ShuffleCalls[]> {
  const cache = aldex2Cache ?? new Aldex2InstanceCache();
  const aldex2 = shared(cache.contents());
  const next = new Int32Array(new SharedArrayBuffer(4));
  const task: CalibrationTask = { config, prepared, seeds, next, ...(aldex2 ? { aldex2 } : {}) };
  const assemble = (pairs: [number, ShuffleCalls][]) => {
    const out = new Array<ShuffleCalls>(config.calibration.shuffles);
    for (const [s, calls] of pairs) out[s] = calls;
    return out;
  };
  return team.share(task, threads - 1, () => claimShuffles(task, cache), assemble, mainThreadClaims);
}

/** Every shuffle's calls on `threads` threads, as {@link startCalibrationShuffles} gives them. */
export function calibrationShufflesParallel(
  config: CalibrationConfig,
  prepared: PreparedStudy,
  seeds: CalibrationSeeds,
  threads: number,
  options: Parameters<typeof startCalibrationShuffles>[4] = {},
): Promise<ShuffleCalls[]> {
  return startCalibrationShuffles(config, prepared, seeds, threads, options).result();
}
