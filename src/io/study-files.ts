/**
 * The results contract of a study run (docs/RESULTS.md): StudyRun -> the TSV/JSON files of the
 * results folder, except report.html and provenance.json (written by the caller, which knows the
 * inputs' paths and the clock). Browser-safe: the web app zips the same files.
 */
import { ASSOCIATION_COLUMNS } from "../core/assoc/types.js";
import { CONSENSUS_COLUMNS, DA_ROW_COLUMNS } from "../core/da/types.js";
import { HYPOTHESIS_COLUMNS } from "../core/study/hypotheses.js";
import type { StudyRun } from "../core/study/pipeline.js";
import { SENSITIVITY_COLUMNS, SENSITIVITY_VARIANT_COLUMNS } from "../core/study/results.js";
import { CALIBRATION_COLUMNS } from "../core/study/steps/calibration-step.js";
import { formatLsmat } from "./lsmat.js";
import { formatRecords, formatTsv } from "./tsv-format.js";

/** One file of a results folder: its path inside the folder and its text. */
export interface ResultFile {
  /** Path inside the results folder, `/`-separated. */
  path: string;
  content: string;
}

export function studyResultFiles(run: StudyRun): ResultFile[] {
  const { results } = run;
  const files: ResultFile[] = [];
  const add = (path: string, content: string) => files.push({ path, content });

  if (results.alpha) {
    const { metrics, values, tests } = results.alpha;
    add(
      "alpha.tsv",
      formatTsv(
        ["sample-id", ...metrics],
        values.map((v) => [v.sampleId, ...metrics.map((m) => v.values[m] ?? null)]),
      ),
    );
    add("alpha_tests.tsv", formatRecords(["metric", "term", "test", "statistic", "p", "q"], tests));
  }
  for (const { metric, dm } of run.distances) add(`beta/${metric}.tsv`, formatLsmat(dm));
  for (const { metric, pcoa } of run.ordinations) {
    const k = pcoa.axes.length;
    add(
      `ordination/${metric}.tsv`,
      formatTsv(
        ["sample-id", ...pcoa.axes],
        pcoa.ids.map((id, i) => [id, ...Array.from(pcoa.coordinates.subarray(i * k, (i + 1) * k))]),
      ),
    );
    add(
      `ordination/${metric}.eigen.tsv`,
      formatTsv(
        ["axis", "eigenvalue", "proportion"],
        Array.from(pcoa.eigenvalues, (e, i) => [`PC${i + 1}`, e, pcoa.proportionExplained[i]!]),
      ),
    );
  }
  if (results.beta) {
    add(
      "permanova.tsv",
      formatTsv(
        ["metric", "term", "df", "sum_of_squares", "r2", "F", "p", "permutations"],
        results.beta.flatMap((b) =>
          b.permanova.map((r) => [b.metric, r.term, r.df, r.sum_of_squares, r.r2, r.F, r.p, r.permutations]),
        ),
      ),
    );
    add(
      "permdisp.tsv",
      formatTsv(
        ["metric", "term", "F", "p", "permutations"],
        results.beta.flatMap((b) =>
          b.permdisp
            ? [[b.metric, b.permdisp.term, b.permdisp.F, b.permdisp.p, b.permdisp.permutations]]
            : [],
        ),
      ),
    );
  }
  const da = results.differentialAbundance;
  if (da) {
    add("differential_abundance.tsv", formatRecords([...DA_ROW_COLUMNS], da.rows));
    add("consensus.tsv", formatRecords([...CONSENSUS_COLUMNS], da.consensus));
  }
  if (results.associations) {
    add("associations.tsv", formatRecords([...ASSOCIATION_COLUMNS], results.associations.rows));
  }
  if (results.hypotheses)
    add("hypotheses.tsv", formatRecords([...HYPOTHESIS_COLUMNS], results.hypotheses.rows));
  if (results.sensitivity) {
    add("sensitivity.tsv", formatRecords([...SENSITIVITY_COLUMNS], results.sensitivity.rows));
    add(
      "sensitivity_variants.tsv",
      formatRecords([...SENSITIVITY_VARIANT_COLUMNS], results.sensitivity.variants),
    );
  }
  if (results.calibration) {
    add("calibration.tsv", formatRecords([...CALIBRATION_COLUMNS], results.calibration.rows));
  }
  if (results.prediction) {
    add(
      "prediction.tsv",
      formatRecords(
        ["target", "model", "metric", "estimate", "ci_low", "ci_high", "null_p"],
        results.prediction.rows,
      ),
    );
  }
  for (const model of run.models) add(`models/${model.target}.json`, `${JSON.stringify(model, null, 2)}\n`);
  return files;
}
