/**
 * Turns per-taxon estimates of one design column into DA rows, adding BH q values across the
 * tested taxa (Benjamini & Hochberg 1995, J R Stat Soc B 57:289-300, doi:10.1111/j.2517-6161.1995.tb02031.x)
 * and each taxon's prevalence and mean relative abundance from the prepared input.
 *
 * A statistic that cannot be formed (a taxon with zero residual variance: se = 0) is reported as
 * statistic 0 and p = 1, and counted in `degenerate` so the method can warn; never as NaN.
 */
import { adjustPValues } from "../stats/p-adjust.js";
import type { DaInput } from "./prepare.js";
import type { DaMethodName, DaRow } from "./types.js";

export interface ColumnEstimates {
  /** log2 scale. */
  estimate: Float64Array;
  se: Float64Array;
  statistic: Float64Array;
  p: Float64Array;
  /** When omitted, BH q values of `p` are computed. */
  q?: Float64Array;
}

/**
 * Rows for the taxa `taxa` (indices into input.taxa; default all), whose estimates are stored at
 * positions 0..taxa.length-1 of `est`.
 */
export function columnRows(
  input: DaInput,
  method: DaMethodName,
  term: number,
  est: ColumnEstimates,
  taxa?: ArrayLike<number>,
): DaRow[] {
  const q = est.q ?? adjustPValues(est.p, "bh");
  const rows: DaRow[] = [];
  const count = taxa === undefined ? input.nTaxa : taxa.length;
  for (let k = 0; k < count; k++) {
    const j = taxa === undefined ? k : taxa[k]!;
    rows.push({
      taxon: input.taxa[j]!,
      method,
      term: input.termNames[term]!,
      contrast: input.termContrasts[term]!,
      log2_fold_change: est.estimate[k]!,
      se: est.se[k]!,
      statistic: est.statistic[k]!,
      p: est.p[k]!,
      q: q[k]!,
      prevalence: input.prevalence[j]!,
      mean_relative_abundance: input.meanRelativeAbundance[j]!,
    });
  }
  return rows;
}

/** Empty estimate buffers for m taxa. */
export function emptyEstimates(m: number): Required<Omit<ColumnEstimates, "q">> {
  return {
    estimate: new Float64Array(m),
    se: new Float64Array(m),
    statistic: new Float64Array(m),
    p: new Float64Array(m),
  };
}

/**
 * Fills statistic = estimate / se and p = pValue(statistic) for taxon j; a zero or non-finite se
 * gives statistic 0 and p = 1. Returns whether the taxon was degenerate.
 */
export function setWaldTest(
  est: Required<Omit<ColumnEstimates, "q">>,
  j: number,
  pValue: (stat: number) => number,
): boolean {
  const se = est.se[j]!;
  if (!(se > 0) || !Number.isFinite(se)) {
    est.statistic[j] = 0;
    est.p[j] = 1;
    return true;
  }
  const stat = est.estimate[j]! / se;
  est.statistic[j] = stat;
  est.p[j] = pValue(stat);
  return false;
}
