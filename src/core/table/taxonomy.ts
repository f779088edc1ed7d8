/**
 * Taxonomy: one lineage per feature, split into the standard ranks.
 *
 * Lineage strings are accepted in the styles QIIME 2 users meet:
 * - Greengenes / QIIME 2: `k__Bacteria; p__Firmicutes; ...; g__; s__`
 * - SILVA (QIIME 2 SILVA 138 classifiers): `d__Bacteria; p__Firmicutes; ...`
 * - plain, unprefixed: `Bacteria;Firmicutes;Clostridia` (positional ranks)
 * - MetaPhlAn: `k__Bacteria|p__Firmicutes|...` (pipe separated)
 * Empty ranks (`g__`, `g__ `) and the placeholders `unassigned`, `uncultured`, `NA` are kept as
 * unassigned (the empty string), never dropped, so positions stay aligned with RANKS.
 */

/** The seven standard taxonomic ranks, in order from domain to species; lineages are indexed by it. */
export const RANKS = ["domain", "phylum", "class", "order", "family", "genus", "species"] as const;
/** One of {@link RANKS}. */
export type Rank = (typeof RANKS)[number];

const PREFIX_RANK: Record<string, Rank> = {
  k: "domain",
  d: "domain",
  p: "phylum",
  c: "class",
  o: "order",
  f: "family",
  g: "genus",
  s: "species",
};

const UNASSIGNED = new Set(["", "unassigned", "unclassified", "uncultured", "na", "none", "__"]);

/** A lineage per feature, split into the seven standard ranks, with optional classifier confidence. */
export interface Taxonomy {
  readonly featureIds: readonly string[];
  /** lineages[i][r] is feature i's name at RANKS[r], or "" when unassigned. */
  readonly lineages: readonly (readonly string[])[];
  /** Classifier confidence per feature (NaN when absent). */
  readonly confidence?: Float64Array;
}

/** Parses one lineage string into RANKS.length names ("" for unassigned ranks). */
export function parseLineage(text: string): string[] {
  const out: string[] = RANKS.map(() => "");
  const separator = text.includes("|") && !text.includes(";") ? "|" : ";";
  const parts = text
    .split(separator)
    .map((p) => p.trim())
    .filter((p, i, all) => p !== "" || i < all.length - 1);
  parts.forEach((part, position) => {
    const m = /^([a-zA-Z])__(.*)$/.exec(part);
    let rankIndex = position;
    let name = part;
    if (m) {
      const rank = PREFIX_RANK[m[1]!.toLowerCase()];
      if (rank === undefined) return;
      rankIndex = RANKS.indexOf(rank);
      name = m[2]!.trim();
    }
    if (rankIndex >= RANKS.length) return;
    out[rankIndex] = UNASSIGNED.has(name.toLowerCase()) ? "" : name;
  });
  return out;
}

/** Writes a lineage in QIIME 2 / Greengenes style (`d__...; p__...`), empty ranks as bare prefixes. */
export function formatLineage(lineage: readonly string[]): string {
  const prefixes = ["d", "p", "c", "o", "f", "g", "s"];
  let last = lineage.length - 1;
  while (last > 0 && lineage[last] === "") last--;
  return lineage
    .slice(0, last + 1)
    .map((name, r) => `${prefixes[r]}__${name}`)
    .join("; ");
}

/**
 * The label of a feature at a rank, for collapsing: the rank's name when assigned, otherwise
 * `Unassigned <rank> (<deepest assigned name>)` so that unassigned taxa of different parents do not
 * merge into one group.
 */
export function labelAtRank(lineage: readonly string[], rank: Rank): string {
  const r = RANKS.indexOf(rank);
  const name = lineage[r] ?? "";
  if (name !== "") return name;
  for (let up = r - 1; up >= 0; up--) {
    const parent = lineage[up] ?? "";
    if (parent !== "") return `Unassigned ${rank} (${RANKS[up]} ${parent})`;
  }
  return `Unassigned ${rank}`;
}

/** Feature ID -> lineage of a taxonomy (empty when there is none). */
export function lineageMap(taxonomy: Taxonomy | undefined): Map<string, readonly string[]> {
  const map = new Map<string, readonly string[]>();
  if (taxonomy)
    for (let i = 0; i < taxonomy.featureIds.length; i++)
      map.set(taxonomy.featureIds[i]!, taxonomy.lineages[i]!);
  return map;
}
