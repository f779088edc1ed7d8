/**
 * The calibration step's label shuffles on several threads. Shuffle s runs on its own RNG stream
 * and depends on nothing else (shuffleCalls, src/core/study/steps/calibration-step.ts), so the
 * shuffles are dealt round-robin to `threads` lanes: the main thread runs the first lane while each
 * worker (calibration-worker.ts) runs another, and calibrationStep takes the calls back in shuffle
 * order - the same calibration table bit for bit whatever the number of threads.
 */
import {
  type CalibrationConfig,
  type CalibrationPlan,
  type ShuffleCalls,
  shuffleCalls,
} from "../core/study/steps/calibration-step.js";
import type { PreparedStudy } from "../core/study/steps/shared.js";
import { runOnWorkers } from "./pool.js";
import { type Aldex2CacheContents, Aldex2InstanceCache } from "../core/da/aldex2.js";

/** One worker's share: the shuffles it computes, with what they read. */
export interface CalibrationTask {
  config: CalibrationConfig;
  prepared: PreparedStudy;
  plan: CalibrationPlan;
  shuffles: number[];
  /** ALDEx2's instances already drawn (in shared memory), for the worker's own cache. */
  aldex2?: Aldex2CacheContents;
}

/** The contents with each instance copied into shared memory, so workers read them without a copy. */
function shared(contents: Aldex2CacheContents | null): Aldex2CacheContents | undefined {
  if (contents === null) return undefined;
  const instances = contents.instances.map((y) => {
    const copy = new Float64Array(new SharedArrayBuffer(y.length * 8));
    copy.set(y);
    return copy;
  });
  return { ...contents, instances };
}

/**
 * Every shuffle's calls of `plan`, dealt round-robin to `threads` lanes (see header). `aldex2Cache`:
 * ALDEx2's instances already drawn (e.g. by the differential-abundance step); the main thread
 * uses it and every worker starts with a shared copy of what it holds instead of drawing its own.
 */
export async function calibrationShufflesParallel(
  config: CalibrationConfig,
  prepared: PreparedStudy,
  plan: CalibrationPlan,
  threads: number,
  { signal, aldex2Cache }: { signal?: AbortSignal; aldex2Cache?: Aldex2InstanceCache } = {},
): Promise<ShuffleCalls[]> {
  const cache = aldex2Cache ?? new Aldex2InstanceCache();
  const aldex2 = shared(cache.contents());
  const total = config.calibration.shuffles;
  const lanes = Array.from({ length: threads }, (_, t) =>
    Array.from({ length: total }, (_, s) => s).filter((s) => s % threads === t),
  );
  const tasks: CalibrationTask[] = lanes
    .slice(1)
    .filter((shuffles) => shuffles.length > 0)
    .map((shuffles) => ({ config, prepared, plan, shuffles, ...(aldex2 ? { aldex2 } : {}) }));
  const others = runOnWorkers<CalibrationTask, ShuffleCalls[]>("calibration-worker", tasks, tasks.length, {
    signal,
  });
  const out = new Array<ShuffleCalls>(total);
  for (const s of lanes[0]!) out[s] = shuffleCalls(config, prepared, plan, s, cache);
  (await others).forEach((calls, t) => {
    tasks[t]!.shuffles.forEach((s, i) => {
      out[s] = calls[i]!;
    });
  });
  return out;
}
