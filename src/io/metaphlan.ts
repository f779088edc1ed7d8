/**
 * MetaPhlAn (2, 3, 4) merged relative-abundance profiles (`merge_metaphlan_tables.py` output):
 *
 *   #mpa_vJan21_CHOCOPhlAnSGB_202103              <- optional comment lines
 *   clade_name<TAB>[NCBI_tax_id<TAB>]S1<TAB>S2
 *   k__Bacteria<TAB>[2<TAB>]97.5<TAB>99.1
 *   k__Bacteria|p__Firmicutes|...|s__Bacteroides_vulgatus<TAB>...
 *
 * The rows form a hierarchy (every rank sums its children), so ONE rank is kept, `species` unless
 * another is asked: rows whose last clade component is that rank (`s__`, not `t__` strains).
 * Feature IDs are the clade names at that rank without prefix (`Bacteroides_vulgatus`); the lineage
 * becomes the Taxonomy. Values stay relative abundances in percent (not counts: count-only
 * methods such as rarefying refuse them). `UNKNOWN`/`UNCLASSIFIED` rows are dropped; the returned
 * `notes` say which rank was kept and how many rows.
 */
import { IssueCollector, ParseError } from "../core/errors.js";
import { parseLineage, type Rank, RANKS } from "../core/table/taxonomy.js";
import { headerLineIndex } from "./biom-tsv.js";
import type { TableRead } from "./table-result.js";
import { abundanceIssue, decodeText, parseNumber, splitCells, splitLines, type TextInput } from "./text.js";
import { tableFromTriplets } from "./triplets.js";

const RANK_PREFIX: Record<Rank, string> = {
  domain: "k",
  phylum: "p",
  class: "c",
  order: "o",
  family: "f",
  genus: "g",
  species: "s",
};

/**
 * Reads a merged MetaPhlAn profile, keeping one rank (species by default) as features with their
 * lineages; values stay relative abundances in percent.
 * @throws {InputError} `bad_header` (no `clade_name` header; a {@link ParseError}), `ragged_row`,
 *   bad cells (`non_numeric`, `non_finite`, `negative_value`).
 */
export function parseMetaphlan(input: TextInput, source: string, options: { rank?: Rank } = {}): TableRead {
  const rank = options.rank ?? "species";
  const prefix = `${RANK_PREFIX[rank]}__`;
  const lines = splitLines(decodeText(input, source));
  const h = headerLineIndex(lines);
  const header = splitCells(lines[h] ?? "");
  if (!/^#?\s*clade_name$/i.test(header[0]?.trim() ?? "")) {
    throw ParseError.single({
      code: "bad_header",
      file: source,
      line: h + 1,
      message: "a MetaPhlAn profile starts with a 'clade_name' header",
      hint: "merge per-sample profiles with merge_metaphlan_tables.py",
    });
  }
  const first = /^(NCBI_tax_id|clade_taxid)$/i.test(header[1]?.trim() ?? "") ? 2 : 1;
  const sampleIds = header.slice(first);
  const issues = new IssueCollector();
  const featureIds: string[] = [];
  const lineages: string[][] = [];
  const feature: number[] = [];
  const sample: number[] = [];
  const value: number[] = [];
  let total = 0;
  for (let i = h + 1; i < lines.length; i++) {
    const cells = splitCells(lines[i]!);
    if (cells[0]!.trim() === "" || cells[0]!.startsWith("#")) continue;
    total++;
    const clade = cells[0]!.trim();
    const leaf = clade.slice(clade.lastIndexOf("|") + 1);
    if (!leaf.startsWith(prefix)) continue;
    if (cells.length !== header.length) {
      issues.add({
        code: "ragged_row",
        file: source,
        line: i + 1,
        featureId: clade,
        message: `has ${cells.length} cells, the header has ${header.length}`,
      });
      continue;
    }
    const f = featureIds.length;
    featureIds.push(leaf.slice(prefix.length));
    lineages.push(parseLineage(clade));
    for (let s = 0; s < sampleIds.length; s++) {
      const text = cells[first + s]!;
      const v = parseNumber(text);
      const issue = abundanceIssue(v, text, {
        file: source,
        line: i + 1,
        column: first + s + 1,
        featureId: clade,
        sampleId: sampleIds[s]!,
      });
      if (issue) issues.add(issue);
      else if (v !== 0) {
        feature.push(f);
        sample.push(s);
        value.push(v!);
      }
    }
  }
  issues.throwIfAny();
  const table = tableFromTriplets(
    sampleIds,
    featureIds,
    {
      feature: Int32Array.from(feature),
      sample: Int32Array.from(sample),
      value: Float64Array.from(value),
      count: value.length,
    },
    source,
  );
  return {
    table,
    taxonomy: { featureIds: [...featureIds], lineages },
    format: "metaphlan",
    notes: [
      `MetaPhlAn profile: kept the ${featureIds.length} ${rank}-level rows of ${total} (rank ${RANKS.indexOf(rank) + 1} of ${RANKS.length}); values are relative abundances in percent`,
    ],
  };
}
