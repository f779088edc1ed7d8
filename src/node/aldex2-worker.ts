/** Worker entry of aldex2-parallel.ts: says it has started, then serves one ALDEx2 call after another. */
import { parentPort } from "node:worker_threads";
import { type Aldex2Task, serveAldex2Task } from "./aldex2-parallel.js";

parentPort!.on("message", (task: Aldex2Task) => serveAldex2Task(task));
parentPort!.postMessage("started");
