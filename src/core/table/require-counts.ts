/**
 * Checks that a table holds counts (non-negative integers), as rarefaction, Chao1 and count models
 * need. Every offending cell is reported (up to the collector's cap) with its sample and feature.
 */
import { IssueCollector } from "../errors.js";
import type { FeatureTable } from "./feature-table.js";

/**
 * Checks that every value is a non-negative integer (a count); `source` names the file in issues.
 * @throws {InputError} `negative_value` / `fractional_count` for each offending cell (sample, feature).
 */
export function requireCounts(t: FeatureTable, source?: string): void {
  const issues = new IssueCollector();
  for (let s = 0; s < t.sampleIds.length; s++) {
    for (let k = t.colPtr[s]!; k < t.colPtr[s + 1]!; k++) {
      const v = t.values[k]!;
      if (v >= 0 && Number.isInteger(v)) continue;
      issues.add({
        code: v < 0 ? "negative_value" : "fractional_count",
        ...(source !== undefined ? { file: source } : {}),
        sampleId: t.sampleIds[s]!,
        featureId: t.featureIds[t.featureIndex[k]!]!,
        message: `${v} is not a count`,
        hint: "this step needs raw integer counts, not relative abundances or normalised values",
      });
    }
  }
  issues.throwIfAny();
}
