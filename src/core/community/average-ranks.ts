/**
 * Ranks 1..n with ties given their average rank (R `rank(x, ties.method = "average")`,
 * scipy `rankdata(x, "average")`). Exact equality defines a tie. NaN is not allowed (RangeError).
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) if (Number.isNaN(values[i]!)) throw new RangeError(`NaN at position ${i}`);
  order.sort((a, b) => values[a]! - values[b]! || a - b);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && values[order[j]!] === values[order[i]!]) j++;
    const r = (i + 1 + j) / 2; // mean of ranks i+1..j
    for (let t = i; t < j; t++) ranks[order[t]!] = r;
    i = j;
  }
  return ranks;
}
