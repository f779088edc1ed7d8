/**
 * A grouping of samples for the one-factor community tests (PERMDISP, ANOSIM): labels aligned with
 * the distance matrix's IDs, coded 0..k-1 in R's factor level order (table/level-order.ts). Samples with a
 * missing label (null) are left out and reported; fewer than two groups, or a sample count that
 * leaves no within-group replication, is an InputError.
 */
import { InputError, listIds } from "../errors.js";
import { sortLevels } from "../table/level-order.js";

export interface Grouping {
  /** Sorted distinct labels. */
  readonly levels: readonly string[];
  /** Group index of each kept sample. */
  readonly codes: Int32Array;
  /** Indices (into the distance matrix) of the kept samples. */
  readonly rows: Int32Array;
  readonly sizes: Int32Array;
  readonly warnings: string[];
}

export function codeGroups(ids: readonly string[], labels: readonly (string | null)[]): Grouping {
  if (labels.length !== ids.length) {
    throw InputError.single({
      code: "id_mismatch",
      message: `grouping has ${labels.length} labels for ${ids.length} samples`,
      hint: "give one label per sample of the distance matrix, in its order",
    });
  }
  const rows: number[] = [];
  const missing: string[] = [];
  labels.forEach((l, i) => {
    if (l === null) missing.push(ids[i]!);
    else rows.push(i);
  });
  const levels = sortLevels(rows.map((i) => labels[i]!));
  const index = new Map(levels.map((l, i) => [l, i]));
  const codes = Int32Array.from(rows, (i) => index.get(labels[i]!)!);
  const sizes = new Int32Array(levels.length);
  for (const c of codes) sizes[c]!++;
  if (levels.length < 2 || rows.length <= levels.length) {
    throw InputError.single({
      code: "too_few_samples",
      message: `need at least two groups and more samples than groups (got ${levels.length} groups, ${rows.length} samples)`,
      hint: "check the grouping column",
    });
  }
  const warnings =
    missing.length > 0
      ? [`${missing.length} sample(s) without a group were left out: ${listIds(missing)}`]
      : [];
  return { levels, codes, rows: Int32Array.from(rows), sizes, warnings };
}
