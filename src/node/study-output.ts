/**
 * Writes a study run's results folder (the results contract, docs/RESULTS.md): every TSV/JSON file,
 * report.html and provenance.json, atomically (src/node/output-dir.ts).
 */
import type { StudyRun } from "../core/study/pipeline.js";
import { studyResultFiles } from "../io/study-files.js";
import { buildReportModel } from "../report/build-model.js";
import { renderReportHtml } from "../report/render-html.js";
import { type OutputFile, writeOutputDir } from "./output-dir.js";
import { buildProvenance } from "./provenance.js";

/** Every file of the results folder: the contract's TSV/JSON files, report.html, provenance.json. */
export async function studyOutputFiles(run: StudyRun): Promise<OutputFile[]> {
  const { results } = run;
  const html = await renderReportHtml(buildReportModel(results));
  const provenance = buildProvenance({
    command: results.meta.command,
    config: results.meta.config,
    seed: results.meta.seed,
    simulated: results.meta.simulated,
    inputs: results.meta.inputs,
    startedAt: results.meta.startedAt,
    finishedAt: results.meta.finishedAt,
    timings: run.timings,
    warnings: results.warnings,
  });
  return [
    ...studyResultFiles(run),
    { path: "report.html", content: html },
    { path: "provenance.json", content: `${JSON.stringify(provenance, null, 2)}\n` },
  ];
}

export async function writeStudyOutput(run: StudyRun, out: string, force: boolean): Promise<string[]> {
  const files = await studyOutputFiles(run);
  await writeOutputDir(out, files, force);
  return files.map((f) => f.path);
}
