/**
 * Worker of beta-parallel.ts: answers requests until it is stopped — the lists of a range of
 * samples (UniFrac; their buffers transferred, not copied), or the stripes [start, stop) of one beta
 * metric, computed chunk by chunk and written into the shared output (answered `true`).
 */
import { parentPort } from "node:worker_threads";
import { type BetaTask, type ListsTask, listBuffers, runBetaTask, runListsTask } from "./beta-parallel.js";

parentPort!.on("message", (task: BetaTask | ListsTask) => {
  if (task.kind === "lists") {
    const lists = runListsTask(task);
    parentPort!.postMessage(lists, listBuffers(lists));
  } else {
    runBetaTask(task);
    parentPort!.postMessage(true);
  }
});
