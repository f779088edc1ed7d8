/**
 * `gutresponse meta`: random-effects meta-analysis of several cohorts' `gutresponse run` results
 * folders (src/core/meta): checks that the cohorts share rank, DA methods, exposure, contrast and
 * outcomes, pools each taxon's estimates (fixed effect, DerSimonian–Laird, REML), and writes
 * meta_analysis.tsv, cohort_estimates.tsv, not_pooled.tsv, report.html and provenance.json into
 * one folder, atomically; on any error nothing is written.
 */
import { InputError } from "../../core/errors.js";
import type { CohortResults } from "../../core/meta/cohorts.js";
import { poolCohorts } from "../../core/meta/pool-cohorts.js";
import type { StudyInput } from "../../core/study/results.js";
import { VERSION } from "../../core/version.js";
import { metaResultFiles } from "../../io/meta-files.js";
import { checkOutputDir, writeOutputDir } from "../../node/output-dir.js";
import { loadResultsFolder } from "../../node/results-folder.js";
import { renderMetaHtml } from "../../report/meta-html.js";
import { fractionOption, intOption, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";

const HELP = `gutresponse meta RESULTS_A RESULTS_B [RESULTS_C ...] --out DIR [--min-cohorts 2] [--fdr 0.1] [--top 10] [--force]

Pools several cohorts' results (folders written by 'gutresponse run') taxon by taxon: fixed-effect,
DerSimonian–Laird and REML random-effects meta-analysis (as R metafor::rma) of each DA method's
log2 fold changes and of each outcome's association estimates, with heterogeneity (Cochran's Q, tau²,
I², H²) and Benjamini–Hochberg q-values across taxa per method and outcome. The cohorts must share
the analysis rank, DA methods, exposure, reference level and contrast, and outcomes; otherwise an
error names the cohort and the setting, and nothing is written. Observational data: pooled
estimates are associations, not causes.

  --out DIR          output folder (must be empty or new, unless --force)
  --min-cohorts K    pool a taxon only when at least K cohorts estimate it (default 2); the others
                     are listed in not_pooled.tsv
  --fdr Q            q threshold for the report's highlights (default 0.1)
  --top N            pooled taxa shown first in the report, each with a forest plot (default 10)

Writes: DIR/meta_analysis.tsv, DIR/cohort_estimates.tsv, DIR/not_pooled.tsv, DIR/report.html,
DIR/provenance.json (see docs/META.md)

Examples:
  gutresponse meta study_a/results study_b/results --out meta/
  gutresponse meta a/results b/results c/results --min-cohorts 3 --out meta3/`;

export const meta: Command = {
  name: "meta",
  summary: "meta-analysis of several cohorts' results (DL and REML random effects, heterogeneity)",
  help: HELP,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      "meta",
      argv,
      {
        out: { type: "string" },
        "min-cohorts": { type: "string" },
        fdr: { type: "string" },
        top: { type: "string" },
        force: { type: "boolean" },
      },
      true,
    );
    if (values.help) {
      ctx.stdout(`${HELP}\n`);
      return 0;
    }
    const out = requireOption("meta", values.out, "out");
    const minCohorts = intOption("meta", values["min-cohorts"], "min-cohorts", 2, 2);
    const fdr = fractionOption("meta", values.fdr, "fdr", 0.1);
    const top = intOption("meta", values.top, "top", 10, 0);
    if (positionals.length < 2) {
      throw InputError.single({
        code: "bad_argument",
        ...(positionals[0] === undefined ? {} : { file: positionals[0] }),
        message: `a meta-analysis needs at least 2 cohorts' results folders, got ${positionals.length}`,
        hint: "gutresponse meta study_a/results study_b/results --out meta/",
      });
    }
    const force = values.force === true;
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
  },
};
