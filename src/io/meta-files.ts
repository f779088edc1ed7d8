/**
 * The TSV files of a `gutresponse meta` folder (docs/META.md): meta_analysis.tsv (one row per
 * family, taxon and model: fixed, DL, REML), cohort_estimates.tsv (the per-cohort inputs of each
 * pooled taxon, with their REML and DL weights) and not_pooled.tsv (taxa estimated in too few
 * cohorts). Full precision, `NA` for missing values (src/io/tsv-format.ts). Browser-safe.
 */
import type { MetaResults, MetaRow } from "../core/meta/pool-cohorts.js";
import type { PooledEstimate } from "../core/meta/random-effects.js";
import { type Cell, formatTsv } from "./tsv-format.js";
import type { ResultFile } from "./study-files.js";

const FAMILY = ["analysis", "outcome", "method", "contrast", "scale", "taxon"] as const;

/** Columns of meta_analysis.tsv, in order. */
export const META_ANALYSIS_COLUMNS = [
  ...FAMILY,
  "model",
  "k",
  "estimate",
  "se",
  "z",
  "p",
  "q",
  "ci_low",
  "ci_high",
  "tau2",
  "i2",
  "h2",
  "cochran_q",
  "cochran_q_df",
  "cochran_q_p",
  "cohorts",
  "note",
] as const;

/** Columns of cohort_estimates.tsv, in order. */
export const COHORT_ESTIMATE_COLUMNS = [
  ...FAMILY,
  "cohort",
  "estimate",
  "se",
  "weight_reml",
  "weight_dl",
] as const;

/** Columns of not_pooled.tsv, in order. */
export const NOT_POOLED_COLUMNS = [...FAMILY, "cohorts_with_estimate", "cohorts", "reason"] as const;

function family(r: Pick<MetaRow, (typeof FAMILY)[number]>): Cell[] {
  return [r.analysis, r.outcome, r.method, r.contrast, r.scale, r.taxon];
}

function modelCells(est: PooledEstimate | null, q: number): Cell[] {
  if (est === null) return Array<Cell>(10).fill(null);
  return [est.estimate, est.se, est.z, est.p, q, est.ciLow, est.ciHigh, est.tau2, est.i2, est.h2];
}

function metaRows(r: MetaRow): Cell[][] {
  const het: Cell[] = [r.meta.q, r.meta.qDf, r.meta.qP, r.inputs.map((i) => i.cohort).join(",")];
  const models = [
    ["fixed", r.meta.fixed, r.q.fixed, null],
    ["DL", r.meta.dl, r.q.DL, null],
    [
      "REML",
      r.meta.reml.pooled,
      r.q.REML,
      r.meta.reml.pooled === null
        ? `REML did not converge in ${r.meta.reml.iterations - 1} Fisher scoring steps`
        : r.meta.reml.note,
    ],
  ] as const;
  const unstable = r.meta.unstable ? "sampling variances differ by a factor >= 1e7: may not be stable" : null;
  return models.map(([name, est, q, note]) => [
    ...family(r),
    name,
    r.meta.k,
    ...modelCells(est, q),
    ...het,
    [note, unstable].filter((n) => n).join("; ") || null,
  ]);
}

/**
 * The TSV files of a `gutresponse meta` folder (meta_analysis.tsv, cohort_estimates.tsv, not_pooled.tsv), as
 * path and content.
 */
export function metaResultFiles(results: MetaResults): ResultFile[] {
  return [
    { path: "meta_analysis.tsv", content: formatTsv(META_ANALYSIS_COLUMNS, results.rows.flatMap(metaRows)) },
    {
      path: "cohort_estimates.tsv",
      content: formatTsv(
        COHORT_ESTIMATE_COLUMNS,
        results.rows.flatMap((r) =>
          r.inputs.map((i, c) => [
            ...family(r),
            i.cohort,
            i.estimate,
            i.se,
            r.meta.reml.pooled?.weights[c] ?? null,
            r.meta.dl.weights[c]!,
          ]),
        ),
      ),
    },
    {
      path: "not_pooled.tsv",
      content: formatTsv(
        NOT_POOLED_COLUMNS,
        results.notPooled.map((n) => [...family(n), n.cohorts.length, n.cohorts.join(","), n.reason]),
      ),
    },
  ];
}
