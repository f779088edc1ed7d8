/** `gutresponse run STUDY.yaml --out DIR`: every analysis of the study, into one results folder. */
import { calibrationShufflesParallel } from "../../node/calibration-parallel.js";
import { predictionPermutationsParallel } from "../../node/prediction-parallel.js";
import { runStudy } from "../../core/study/pipeline.js";
import { betaDiversityParallel } from "../../node/beta-parallel.js";
import { checkOutputDir } from "../../node/output-dir.js";
import { writeStudyOutput } from "../../node/study-output.js";
import { loadStudy } from "../../node/study-loader.js";
import { intOption, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { announceParentFolders } from "../output.js";
import { stepProgress } from "../study-progress.js";

export const run: Command = {
  name: "run",
  summary: "run every analysis of a study (study.yaml) into one results folder with report.html",
  help: `gutresponse run STUDY.yaml [--out DIR] [--force] [--threads N]

Reads study.yaml and the files it names, checks them (as 'validate' does), then runs: filtering and
rarefaction, alpha diversity and tests, beta diversity (UniFrac only with a tree), PCoA, PERMANOVA
and PERMDISP, differential abundance by several methods with a consensus, taxon–outcome
associations and dose–response, the pre-registered hypotheses (study.yaml 'hypotheses:', Holm
across the list), the sensitivity panel (findings re-checked under other analysis choices; off with
'sensitivity: false'), and prediction when configured. Writes the results contract
(docs/RESULTS.md): TSV files, report.html and provenance.json. The folder appears only when
complete (Ctrl-C leaves nothing half-written); a non-empty --out is refused unless --force.

  --out DIR   results folder (default: results)
  --force     replace a non-empty results folder
  --threads N worker threads for the distance kernels, calibration shuffles and prediction permutation tests
              (default 1); results are identical for any N

Example:
  gutresponse run study.yaml --out results`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      "run",
      argv,
      { out: { type: "string" }, force: { type: "boolean" }, threads: { type: "string" } },
      true,
    );
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const studyPath = requireOption("run", positionals[0], "STUDY.yaml (first argument)");
    const out = values.out ?? "results";
    const force = values.force === true;
    await checkOutputDir(out, force);
    await announceParentFolders(ctx, "run", out);
    const { config, data, inputs } = await loadStudy(studyPath);
    const threads = intOption("run", values.threads, "threads", 1, 1);
    const result = await runStudy(config, data, {
      command: ctx.commandLine,
      inputs,
      onProgress: stepProgress(ctx),
      ...(threads > 1
        ? {
            distances: (t, m, o) => betaDiversityParallel(t, m, { ...o, threads }),
            predictionPermutations: (jobs) => predictionPermutationsParallel(jobs, threads),
            calibrationShuffles: (c, prepared, plan) =>
              calibrationShufflesParallel(c, prepared, plan, threads),
          }
        : {}),
    });
    const files = await writeStudyOutput(result, out, force);
    ctx.stdout(`${files.length} files written to ${out}/ — open ${out}/report.html\n`);
    for (const w of result.results.warnings) ctx.stderr(`  warning: ${w}\n`);
    return 0;
  },
};
