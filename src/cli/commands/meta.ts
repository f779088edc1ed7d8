/**
 * `gutresponse meta`: random-effects meta-analysis of several cohorts' `gutresponse run` results
 * folders (src/core/meta): checks that the cohorts share rank, DA methods, exposure, contrast and
 * outcomes, pools each taxon's estimates (fixed effect, DerSimonian–Laird, REML), and writes
 * meta_analysis.tsv, cohort_estimates.tsv, not_pooled.tsv, report.html and provenance.json into
 * one folder, atomically; on any error nothing is written.
 */
import type { CohortResults } from "../../core/meta/cohorts.js";
import { poolCohorts } from "../../core/meta/pool-cohorts.js";
import type { StudyInput } from "../../core/study/results.js";
import { VERSION } from "../../core/version.js";
import { metaResultFiles } from "../../io/meta-files.js";
import { checkOutputDir, writeOutputDir } from "../../node/output-dir.js";
import { loadResultsFolder } from "../../node/results-folder.js";
import { renderMetaHtml } from "../../report/meta-html.js";
import { implement } from "../command.js";
import { spec } from "../specs/meta.js";

/** `gutresponse meta`, run with its arguments checked against specs/meta.ts. */
export const meta = implement(spec, async ({ positionals, checked }, ctx) => {
  const { out, force, fdr, top, "min-cohorts": minCohorts } = checked();
  await checkOutputDir(out, force);
  const startedAt = new Date().toISOString();
  const cohorts: CohortResults[] = [];
  const inputs: StudyInput[] = [];
  for (const dir of positionals) {
    const loaded = await loadResultsFolder(dir);
    cohorts.push(loaded.cohort);
    inputs.push(...loaded.inputs);
  }
  const results = poolCohorts(cohorts, { minCohorts, fdr });
  const finishedAt = new Date().toISOString();
  const html = await renderMetaHtml(
    results,
    { command: ctx.commandLine, version: VERSION, startedAt, finishedAt, inputs },
    { top },
  );
  const provenance = {
    tool: "gutresponse",
    version: VERSION,
    command: ctx.commandLine,
    settings: { min_cohorts: minCohorts, fdr, top },
    cohorts: results.cohorts.map((c) => ({ name: c.name, settings: c.settings })),
    simulated: results.cohorts.some((c) => c.settings.simulated),
    inputs,
    startedAt,
    finishedAt,
    warnings: results.warnings,
    node: process.version,
  };
  await writeOutputDir(
    out,
    [
      ...metaResultFiles(results),
      { path: "report.html", content: html },
      { path: "provenance.json", content: `${JSON.stringify(provenance, null, 2)}\n` },
    ],
    force,
  );
  for (const w of results.warnings) ctx.stderr(`warning: ${w}\n`);
  const hits = results.families.reduce((s, f) => s + f.remlHits, 0);
  ctx.stdout(
    `pooled ${results.rows.length} taxon x family results from ${cohorts.length} cohorts (${results.notPooled.length} not pooled); ${hits} at REML q < ${fdr}\nwrote ${out}/ — open ${out}/report.html\n`,
  );
  return 0;
});
