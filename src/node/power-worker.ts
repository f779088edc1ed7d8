/** Worker entry of power-parallel.ts: runs one chunk of power replicates and posts their results. */
import { parentPort, workerData } from "node:worker_threads";
import { runPowerReplicate } from "../core/simulate/power-replicate.js";
import type { PowerChunk } from "./power-parallel.js";

const chunk = workerData as PowerChunk;
parentPort!.postMessage(chunk.tasks.map((task) => runPowerReplicate(chunk.config, task)));
