/**
 * What the column picker shows about each metadata column: its type, missing count, and for a
 * categorical column each level with its number of samples (in the column's level order); for a
 * numeric column its range and number of distinct values.
 */
import type { MetadataColumn, SampleMetadata } from "../core/table/metadata.js";
import type { ColumnSummary } from "./protocol.js";

function summarizeColumn(col: MetadataColumn): ColumnSummary {
  if (col.kind === "categorical") {
    const counts = new Map<string, number>(col.levels.map((l) => [l, 0]));
    let missing = 0;
    for (const v of col.values) {
      if (v === null) missing++;
      else counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const levels = [...counts].map(([level, count]) => ({ level, count }));
    return { name: col.name, kind: "categorical", missing, levels };
  }
  let missing = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const distinct = new Set<number>();
  for (const v of col.values) {
    if (Number.isNaN(v)) {
      missing++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    distinct.add(v);
  }
  const range = distinct.size > 0 ? { min, max } : {};
  return { name: col.name, kind: "numeric", missing, levels: [], distinct: distinct.size, ...range };
}

export function summarizeColumns(md: SampleMetadata): ColumnSummary[] {
  return md.columns.map(summarizeColumn);
}
