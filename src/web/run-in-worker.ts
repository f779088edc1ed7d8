/**
 * Requests to the study worker. One worker serves the page's requests one after another (it keeps
 * the last data source read, so "inspect" then "run" parses the files once). Progress messages go
 * to `onProgress`; the final reply resolves the promise. Aborting the signal terminates the worker
 * at once (the pipeline is synchronous between progress steps, so a message could not interrupt
 * it) and rejects with an AbortError; the next request starts a fresh worker.
 */
import type { WorkerReply, WorkerRequest } from "./protocol.js";

export type FinalReply = Exclude<WorkerReply, { type: "progress" }>;
export type ProgressReply = Extract<WorkerReply, { type: "progress" }>;

let current: Worker | null = null;

function studyWorker(): Worker {
  current ??= new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
  return current;
}

function dropWorker(worker: Worker): void {
  worker.terminate();
  if (current === worker) current = null;
}

export function runInWorker(
  request: WorkerRequest,
  options: { signal?: AbortSignal; onProgress?: (p: ProgressReply) => void } = {},
): Promise<FinalReply> {
  return new Promise((resolve, reject) => {
    const worker = studyWorker();
    const stop = () => {
      dropWorker(worker);
      reject(new DOMException("the run was cancelled", "AbortError"));
    };
    if (options.signal?.aborted) return stop();
    options.signal?.addEventListener("abort", stop, { once: true });
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const message = event.data;
      if (message.type === "progress") return options.onProgress?.(message);
      options.signal?.removeEventListener("abort", stop);
      resolve(message);
    };
    worker.onerror = (event) => {
      options.signal?.removeEventListener("abort", stop);
      dropWorker(worker);
      reject(new Error(event.message || "the study worker failed"));
    };
    worker.postMessage(request);
  });
}
