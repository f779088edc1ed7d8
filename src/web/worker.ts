/**
 * The study worker: reads the data (load-data.ts), runs the same pipeline as `gutresponse run`
 * (runStudy), renders the same report (buildReportModel + renderReportHtml) and zips every result
 * file, all off the page's thread. Progress goes back as messages; the page cancels by terminating
 * the worker. Errors come back as issues (InputError) or as one message (anything else).
 */
/// <reference lib="webworker" />
import { strToU8, zipSync } from "fflate";
import { GutresponseError, InputError } from "../core/errors.js";
import { runStudy, STUDY_STEPS } from "../core/study/pipeline.js";
import { buildReportModel } from "../report/build-model.js";
import { studyResultFiles } from "../io/study-files.js";
import { renderReportHtml } from "../report/render-html.js";
import { type LoadedStudy, loadSource } from "./load-data.js";
import type { DataSource, WorkerReply, WorkerRequest } from "./protocol.js";

declare const self: DedicatedWorkerGlobalScope;

/** The command line recorded in provenance, as the CLI would record it. */
const COMMAND = "gutresponse app (in-browser)";

/** The last source read, so that "inspect" then "run" on the same files parses them once. */
let cache: { key: string; loaded: Promise<LoadedStudy> } | undefined;

function sourceKey(source: DataSource): string {
  if (source.kind === "demo") return `demo:${source.seed}`;
  return JSON.stringify(
    Object.entries(source.files).map(([role, f]) => [role, f.name, f.size, f.lastModified]),
  );
}

function load(source: DataSource): Promise<LoadedStudy> {
  const key = sourceKey(source);
  if (cache?.key !== key) {
    const loaded = loadSource(source);
    cache = { key, loaded };
    loaded.catch(() => {
      if (cache?.loaded === loaded) cache = undefined;
    });
  }
  return cache.loaded;
}

/** The steps the progress bar counts: reading, the pipeline's steps, rendering the report. */
const RUN_STEPS: readonly string[] = ["reading the data", ...STUDY_STEPS, "rendering the report"];

function progress(step: string, done: number, total: number): WorkerReply {
  const index = Math.max(0, RUN_STEPS.indexOf(step));
  const within = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  return {
    type: "progress",
    step,
    index: index + 1,
    steps: RUN_STEPS.length,
    fraction: (index + within) / RUN_STEPS.length,
  };
}

function reply(message: WorkerReply, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

async function run(request: Extract<WorkerRequest, { type: "run" }>): Promise<void> {
  const started = performance.now();
  reply(progress("reading the data", 0, 1));
  const loaded = await load(request.source);
  const study = await runStudy(request.config, loaded.data, {
    onProgress: (step, done, total) => reply(progress(step, done, total)),
    simulated: loaded.simulated,
    command: COMMAND,
    inputs: loaded.inputs,
  });
  reply(progress("rendering the report", 0, 1));
  const reportStart = performance.now();
  const reportHtml = await renderReportHtml(buildReportModel(study.results));
  const timings = { ...study.timings, report: (performance.now() - reportStart) / 1000 };
  const files = studyResultFiles(study);
  const entries = Object.fromEntries(files.map((f) => [f.path, strToU8(f.content)]));
  const zip = zipSync(entries, { level: 6 });
  reply(
    {
      type: "result",
      reportHtml,
      zip,
      files: files.map((f) => ({ path: f.path, bytes: entries[f.path]!.length })),
      warnings: study.results.warnings,
      seconds: (performance.now() - started) / 1000,
      timings,
    },
    [zip.buffer],
  );
}

async function handle(request: WorkerRequest): Promise<void> {
  try {
    if (request.type === "inspect") {
      reply({ type: "summary", summary: (await load(request.source)).summary });
    } else {
      await run(request);
    }
  } catch (e) {
    if (e instanceof InputError) reply({ type: "failed", issues: [...e.issues] });
    else {
      const kind = e instanceof GutresponseError ? "" : "internal error: ";
      reply({ type: "failed", issues: [], message: `${kind}${(e as Error).message ?? String(e)}` });
    }
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  void handle(event.data);
};
