/**
 * `gutresponse demo`: simulates a reference cohort (kratom by default: 65 participants, demo effect sizes)
 * and runs the whole study on it, writing the results folder plus the simulated cohort itself
 * (cohort/, with its study.yaml, to rerun with `gutresponse run`).
 */
import { relativeTo } from "../../core/stats/contrast-words.js";
import { referenceDesign } from "../../core/simulate/designs/index.js";
import { simulateCohort } from "../../core/simulate/simulate-cohort.js";
import { demoStudyConfig } from "../../core/simulate/demo-study.js";
import { studyConfigSchema } from "../../core/study/config.js";
import { isConsensusCall } from "../../core/da/consensus.js";
import { resolveReference } from "../../core/study/resolve-reference.js";
import { runStudy } from "../../core/study/pipeline.js";
import type { StudyResults } from "../../core/study/results.js";
import { COHORT_FILES, cohortFiles } from "../../node/cohort-files.js";
import { sha256 } from "../../node/files.js";
import { checkOutputDir, writeOutputDir } from "../../node/output-dir.js";
import { studyEngines } from "../../node/study-engines.js";
import { studyOutputFiles } from "../../node/study-output.js";
import { implement } from "../command.js";
import { announceParentFolders } from "../output.js";
import { spec } from "../specs/demo.js";
import { stepProgress } from "../study-progress.js";

/** "confirmatory hypotheses: 2 of 2 confirmed (...)" and the sensitivity panel's cost, when run. */
function confirmatoryLine(results: StudyResults): string {
  const h = results.hypotheses;
  const s = results.sensitivity;
  const confirmed = h?.rows.filter((r) => r.confirmed === "yes").map((r) => `${r.taxon} ~ ${r.target}`) ?? [];
  return (
    (h
      ? `  confirmatory hypotheses: ${confirmed.length} of ${h.rows.length} confirmed${confirmed.length > 0 ? ` (${confirmed.join("; ")})` : ""}\n`
      : "") +
    (s
      ? `  sensitivity panel: ${s.rows.filter((r) => r.held === r.variants).length} of ${s.rows.length} findings hold in every variant (${s.variantLabels.length} variants, ${s.seconds.toFixed(1)} s)\n`
      : "")
  );
}

/** `gutresponse demo`, run with its arguments checked against specs/demo.ts. */
export const demo = implement(spec, async ({ checked }, ctx) => {
  const values = checked();
  const { out, force, seed, threads } = values;
  const reference = referenceDesign(values.design);
  const n = reference.defaultN;
  await checkOutputDir(out, force);
  await announceParentFolders(ctx, "demo", out);
  ctx.stderr(`gutresponse demo: simulating ${n} participants (seed ${seed}) — a SIMULATED cohort\n`);
  const design = reference.demo();
  const cohort = simulateCohort(design, { n, seed });
  const rawConfig = demoStudyConfig(design, seed, COHORT_FILES);
  const config = resolveReference(studyConfigSchema.parse(rawConfig), cohort.metadata).config;
  const description = `gutresponse demo${values.design ? ` --design ${reference.name}` : ""} --seed ${seed}`;
  const cohortOutput = await cohortFiles(cohort, description, rawConfig, "cohort/");
  // The report's Inputs table lists the cohort files as written, with their checksums.
  const dims: Record<string, string> = {
    [COHORT_FILES.table]: `${cohort.table.sampleIds.length} samples x ${cohort.table.featureIds.length} features`,
    [COHORT_FILES.metadata]: `${cohort.metadata.ids.length} rows x ${cohort.metadata.columns.length} columns`,
    [COHORT_FILES.taxonomy]: `${cohort.taxonomy.featureIds.length} features`,
  };
  const roles: [string, string][] = [
    ["config", "study.yaml"],
    ["table", COHORT_FILES.table],
    ["metadata", COHORT_FILES.metadata],
    ["taxonomy", COHORT_FILES.taxonomy],
  ];
  const inputs = roles.map(([role, name]) => {
    const content = cohortOutput.find((f) => f.path === `cohort/${name}`)!.content;
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    return {
      role,
      path: `${out}/cohort/${name}`,
      sha256: sha256(bytes),
      dims: dims[name] ?? `${bytes.length} bytes`,
    };
  });
  const run = await runStudy(
    config,
    {
      ...cohort,
      sources: {
        table: `${out}/cohort/${COHORT_FILES.table}`,
        metadata: `${out}/cohort/${COHORT_FILES.metadata}`,
      },
    },
    {
      command: ctx.commandLine,
      simulated: true,
      onProgress: stepProgress(ctx),
      inputs,
      ...studyEngines(threads),
    },
  );
  const files = [...(await studyOutputFiles(run)), ...cohortOutput];
  await writeOutputDir(out, files, force);
  const hits =
    run.results.differentialAbundance?.consensus
      .filter(isConsensusCall)
      .map((c) => `${c.taxon} ${c.direction} ${relativeTo(c.contrast)}`) ?? [];
  ctx.stdout(
    `Simulated cohort of ${n}: ${files.length} files written to ${out}/\n` +
      `  consensus differential-abundance hits: ${hits.join(", ") || "none"}\n` +
      confirmatoryLine(run.results) +
      `  open ${out}/report.html; rerun the analysis with: gutresponse run ${out}/cohort/study.yaml\n`,
  );
  return 0;
});
