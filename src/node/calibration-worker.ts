/** Worker entry of calibration-parallel.ts: the calls of its share of the label shuffles. */
import { parentPort, workerData } from "node:worker_threads";
import { shuffleCalls } from "../core/study/steps/calibration-step.js";
import type { CalibrationTask } from "./calibration-parallel.js";
import { Aldex2InstanceCache } from "../core/da/aldex2.js";

const task = workerData as CalibrationTask;
const cache = new Aldex2InstanceCache();
if (task.aldex2) cache.keep(task.aldex2.counts, task.aldex2.seed, task.aldex2.instances);
parentPort!.postMessage(
  task.shuffles.map((s) => shuffleCalls(task.config, task.prepared, task.plan, s, cache)),
);
