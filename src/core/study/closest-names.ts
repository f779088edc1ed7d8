/**
 * "Did you mean ...?" for a name that is not among the known ones: the known names closest in
 * Levenshtein distance (insertions, deletions and substitutions each cost 1; Levenshtein VI (1966)
 * Sov Phys Dokl 10:707), compared case-insensitively, plus names containing the query (a genus typed
 * without its "g__" prefix or suffix). Two-row dynamic programme, O(|a| |b|) per pair.
 */

/** Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/**
 * Up to `k` known names close to `query`: distance at most max(2, |query| / 3), or containing it
 * (either way case-insensitive), nearest first, ties in the known names' order.
 */
export function closestNames(query: string, known: readonly string[], k = 3): string[] {
  const q = query.toLowerCase();
  const limit = Math.max(2, Math.floor(q.length / 3));
  return known
    .map((name, i) => {
      const lower = name.toLowerCase();
      const contains = lower.includes(q) || (lower.length >= 4 && q.includes(lower));
      const d = contains ? 0.5 : editDistance(q, lower);
      return { name, d, i };
    })
    .filter((c) => c.d <= limit)
    .sort((x, y) => x.d - y.d || x.i - y.i)
    .slice(0, k)
    .map((c) => c.name);
}
