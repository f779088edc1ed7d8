/**
 * Classic BIOM TSV (`biom convert --to-tsv`), one row per feature:
 *
 *   # Constructed from biom file            <- optional comment lines: start with '#', no tab
 *   #OTU ID<TAB>S1<TAB>S2[<TAB>taxonomy]      <- header; first cell any name ('#OTU ID', 'Feature ID')
 *   OTU_1<TAB>12.0<TAB>0.0[<TAB>k__...; p__...]
 *
 * A last column named `taxonomy`, `Taxon` or `Consensus Lineage` (any case) is read as the
 * lineage. Every bad cell is reported with its line, column and IDs (all at once, see
 * IssueCollector); rows with the wrong number of cells are `ragged_row`.
 */
import { IssueCollector } from "../core/errors.js";
import { type FeatureTable, nFeatures, nSamples } from "../core/table/feature-table.js";
import { formatLineage, lineageMap, type Taxonomy } from "../core/table/taxonomy.js";
import { type TableRead, taxonomyFromTexts } from "./table-result.js";
import {
  abundanceIssue,
  decodeText,
  noHeaderError,
  parseNumber,
  splitCells,
  splitLines,
  type TextInput,
} from "./text.js";
import { tableFromTriplets } from "./triplets.js";
import { toCsr } from "./csr.js";
import { formatCell } from "../core/table/tsv.js";

const TAXONOMY_HEADERS = new Set(["taxonomy", "taxon", "consensus lineage"]);

/** Index of the header line: the first line that is not a tab-free `#` comment or blank. */
export function headerLineIndex(lines: readonly string[]): number {
  let i = 0;
  while (
    i < lines.length &&
    (lines[i]!.trim() === "" || (lines[i]!.startsWith("#") && !lines[i]!.includes("\t")))
  )
    i++;
  return i;
}

/**
 * Reads a classic BIOM TSV table (one row per feature, optional taxonomy column), reporting every
 * bad cell with its line and column at once.
 * @throws {InputError} `empty_table` / `bad_header` (no header or no data), `ragged_row`, bad cells
 *   (`non_numeric`, `non_finite`, `negative_value`), `duplicate_id`.
 */
export function parseBiomTsv(input: TextInput, source: string): TableRead {
  const lines = splitLines(decodeText(input, source));
  const h = headerLineIndex(lines);
  if (h >= lines.length) {
    throw noHeaderError(
      source,
      "empty_table",
      "'#OTU ID<TAB>sample1<TAB>sample2...' as in `biom convert --to-tsv` output",
    );
  }
  const header = splitCells(lines[h]!);
  const hasTaxonomy =
    header.length > 2 && TAXONOMY_HEADERS.has(header[header.length - 1]!.trim().toLowerCase());
  const sampleIds = header.slice(1, hasTaxonomy ? -1 : undefined);
  const width = header.length;
  const nS = sampleIds.length;
  const issues = new IssueCollector();
  const featureIds: string[] = [];
  const taxa: (string | undefined)[] = [];
  let cap = 1024;
  let feature = new Int32Array(cap);
  let sample = new Int32Array(cap);
  let value = new Float64Array(cap);
  let count = 0;
  for (let i = h + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const cells = splitCells(line);
    const lineNo = i + 1;
    if (cells.length !== width) {
      issues.add({
        code: "ragged_row",
        file: source,
        line: lineNo,
        featureId: cells[0]!,
        message: `has ${cells.length} cells, the header has ${width}`,
        hint: "every row needs one value per sample (tabs, not spaces, between cells)",
      });
      continue;
    }
    const f = featureIds.length;
    featureIds.push(cells[0]!);
    if (hasTaxonomy) taxa.push(cells[width - 1]!);
    for (let s = 0; s < nS; s++) {
      const text = cells[s + 1]!;
      if (text === "0.0" || text === "0") continue;
      const v = parseNumber(text);
      const ok = v !== undefined && v >= 0 && v < Number.POSITIVE_INFINITY;
      const issue = ok
        ? undefined
        : abundanceIssue(v, text, {
            file: source,
            line: lineNo,
            column: s + 2,
            featureId: cells[0]!,
            sampleId: sampleIds[s]!,
          });
      if (issue) {
        issues.add(issue);
        continue;
      }
      if (v === 0) continue;
      if (count === cap) {
        cap *= 2;
        feature = grow(feature, cap);
        sample = grow(sample, cap);
        const nv = new Float64Array(cap);
        nv.set(value);
        value = nv;
      }
      feature[count] = f;
      sample[count] = s;
      value[count++] = v!;
    }
  }
  issues.throwIfAny();
  const table = tableFromTriplets(sampleIds, featureIds, { feature, sample, value, count }, source);
  const taxonomy = hasTaxonomy ? taxonomyFromTexts(featureIds, taxa) : undefined;
  return taxonomy ? { table, taxonomy, format: "tsv" } : { table, format: "tsv" };
}

function grow(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

/**
 * Writes classic BIOM TSV with values as biom-format prints them (`12.0`; non-integers with the
 * shortest round-trip text) and, when given, a trailing `taxonomy` column.
 */
export function formatTableTsv(table: FeatureTable, taxonomy?: Taxonomy): string {
  const nF = nFeatures(table);
  const nS = nSamples(table);
  const csr = toCsr(table);
  const lineageOf = lineageMap(taxonomy);
  const out: string[] = ["# Constructed from biom file"];
  out.push(["#OTU ID", ...table.sampleIds.map(formatCell), ...(taxonomy ? ["taxonomy"] : [])].join("\t"));
  const row: string[] = new Array(nS);
  for (let f = 0; f < nF; f++) {
    row.fill("0.0");
    for (let k = csr.indptr[f]!; k < csr.indptr[f + 1]!; k++) {
      const v = csr.data[k]!;
      row[csr.indices[k]!] = Number.isInteger(v) ? `${v}.0` : String(v);
    }
    const id = table.featureIds[f]!;
    const tail = taxonomy ? `\t${formatLineage(lineageOf.get(id) ?? [])}` : "";
    out.push(`${formatCell(id)}\t${row.join("\t")}${tail}`);
  }
  return `${out.join("\n")}\n`;
}
