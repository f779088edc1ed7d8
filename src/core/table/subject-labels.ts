/**
 * Repeated-measures designs: the subject (participant) label of each sample, read from a metadata
 * column of either kind (numeric IDs become their decimal text), and the per-subject sample counts
 * the study checks use. Missing labels are null.
 */
import { InputError } from "../errors.js";
import { getColumn, type SampleMetadata } from "./metadata.js";

/** Subject label per ID of `ids` (null where missing); InputError when the column is absent. */
export function subjectLabels(md: SampleMetadata, column: string, ids: readonly string[]): (string | null)[] {
  const col = getColumn(md, column);
  if (!col) {
    throw InputError.single({
      code: "missing_column",
      key: "design.subject",
      message: `no column '${column}' in the metadata`,
    });
  }
  const row = new Map(md.ids.map((id, i) => [id, i]));
  return ids.map((id) => {
    const i = row.get(id);
    if (i === undefined) return null;
    if (col.kind === "numeric") return Number.isNaN(col.values[i]!) ? null : String(col.values[i]);
    return col.values[i] ?? null;
  });
}

/** Number of samples per subject (missing labels skipped). */
export function samplesPerSubject(labels: readonly (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of labels) if (s !== null) counts.set(s, (counts.get(s) ?? 0) + 1);
  return counts;
}
