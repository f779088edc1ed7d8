/** `gutresponse run STUDY.yaml --out DIR`: every analysis of the study, into one results folder. */
import { runStudy } from "../../core/study/pipeline.js";
import { studyEngines } from "../../node/study-engines.js";
import { checkOutputDir } from "../../node/output-dir.js";
import { writeStudyOutput } from "../../node/study-output.js";
import { loadStudy } from "../../node/study-loader.js";
import { implement } from "../command.js";
import { announceParentFolders } from "../output.js";
import { spec } from "../specs/run.js";
import { stepProgress } from "../study-progress.js";

/** `gutresponse run`, run with its arguments checked against specs/run.ts. */
export const run = implement(spec, async ({ positionals, checked }, ctx) => {
  const { out, force, threads } = checked();
  const studyPath = positionals[0]!;
  await checkOutputDir(out, force);
  await announceParentFolders(ctx, "run", out);
  const { config, data, inputs } = await loadStudy(studyPath);
  const result = await runStudy(config, data, {
    command: ctx.commandLine,
    inputs,
    onProgress: stepProgress(ctx),
    ...studyEngines(threads),
  });
  const files = await writeStudyOutput(result, out, force);
  ctx.stdout(`${files.length} files written to ${out}/ — open ${out}/report.html\n`);
  for (const w of result.results.warnings) ctx.stderr(`  warning: ${w}\n`);
  return 0;
});
