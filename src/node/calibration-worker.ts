/** Worker entry of calibration-parallel.ts: claims label shuffles until none is left, with their calls. */
import { Aldex2InstanceCache } from "../core/da/aldex2.js";
import { type CalibrationTask, claimShuffles } from "./calibration-parallel.js";
import { serveOneTask } from "./worker-team.js";

serveOneTask((task: CalibrationTask) => {
  const cache = new Aldex2InstanceCache();
  if (task.aldex2) cache.keep(task.aldex2.counts, task.aldex2.seed, task.aldex2.instances);
  return claimShuffles(task, cache);
});
