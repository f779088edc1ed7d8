/** Worker entry of prediction-parallel.ts: claims permutation statistics until none is left. */
import { claimStatistics, type PredictionTask } from "./prediction-parallel.js";
import { serveOneTask } from "./worker-team.js";

serveOneTask((task: PredictionTask) => claimStatistics(task));
