/**
 * One request to a fresh study worker. Progress messages go to `onProgress`; the final reply
 * resolves the promise. Aborting the signal terminates the worker at once (the pipeline is
 * synchronous between progress steps, so a message could not interrupt it) and rejects with an
 * AbortError.
 */
import type { WorkerReply, WorkerRequest } from "./protocol.js";

export type FinalReply = Exclude<WorkerReply, { type: "progress" }>;
export type ProgressReply = Extract<WorkerReply, { type: "progress" }>;

export function runInWorker(
  request: WorkerRequest,
  options: { signal?: AbortSignal; onProgress?: (p: ProgressReply) => void } = {},
): Promise<FinalReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    const stop = () => {
      worker.terminate();
      reject(new DOMException("the run was cancelled", "AbortError"));
    };
    if (options.signal?.aborted) return stop();
    options.signal?.addEventListener("abort", stop, { once: true });
    const finish = () => {
      options.signal?.removeEventListener("abort", stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const message = event.data;
      if (message.type === "progress") return options.onProgress?.(message);
      finish();
      resolve(message);
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(event.message || "the study worker failed to start"));
    };
    worker.postMessage(request);
  });
}
