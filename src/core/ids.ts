/**
 * Checks on lists of IDs (sample, feature, tip names) shared by the table, tree and metadata
 * layers; kept out of both so neither imports the other for it.
 */

/** Duplicate IDs in a list, each reported once, in first-seen order. */
export function duplicateIds(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) dup.add(id);
    else seen.add(id);
  }
  return [...dup];
}
