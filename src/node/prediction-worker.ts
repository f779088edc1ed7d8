/** Worker entry of prediction-parallel.ts: the permutation statistics of its share of the fits. */
import { parentPort, workerData } from "node:worker_threads";
import { permutationStatistics } from "../core/models/train-model.js";
import type { PredictionTask } from "./prediction-parallel.js";

const task = workerData as PredictionTask;
parentPort!.postMessage(
  task.work.map(({ job, indices }) =>
    permutationStatistics(task.jobs[job]!.input, task.jobs[job]!.options, indices),
  ),
);
