/**
 * `readTable`: one entry for every table format, chosen from the content (never the extension):
 *
 *   bytes start with            format
 *   \x89HDF\r\n\x1a\n           BIOM 2.1 HDF5 (h5wasm, loaded lazily)
 *   PK\x03\x04                  QIIME 2 artifact (.qza, FeatureTable[Frequency])
 *   { (after BOM/whitespace)    BIOM 1.0 JSON
 *   text with header clade_name MetaPhlAn merged profile
 *   other text                  classic BIOM TSV
 * `readTree` and `readTaxonomy` likewise accept their text format or a .qza.
 */
import { InputError, ParseError } from "../core/errors.js";
import { nFeatures, nSamples } from "../core/table/feature-table.js";
import type { Tree } from "../core/phylo/tree.js";
import type { Rank, Taxonomy } from "../core/table/taxonomy.js";
import { isHdf5, parseBiomHdf5 } from "./biom-hdf5.js";
import { parseBiomJson } from "./biom-json.js";
import { headerLineIndex, parseBiomTsv } from "./biom-tsv.js";
import { parseNewick } from "./newick.js";
import type { TableRead } from "./table-result.js";
import { parseTaxonomy } from "./taxonomy.js";
import { decodeText, splitLines } from "./text.js";

export type { TableFormat, TableRead } from "./table-result.js";

/** True when the bytes start with the zip signature (a .qza). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

function firstNonSpaceChar(bytes: Uint8Array): string {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return i < bytes.length ? String.fromCharCode(bytes[i]!) : "";
}

/**
 * Reads a feature table in any supported format, chosen from the content, never the extension: BIOM
 * 2.1 (HDF5), a QIIME 2 .qza, BIOM 1.0 (JSON), a MetaPhlAn merged profile (keeping `rank`, species by
 * default) or classic BIOM TSV. `source` names the file in every error.
 * @throws {InputError} `empty_table` / `unknown_format` (a {@link ParseError}), and those of the
 *   format's reader ({@link parseBiomHdf5}, {@link readQzaTable}, {@link parseBiomJson},
 *   {@link parseMetaphlan}, {@link parseBiomTsv}).
 */
export async function readTable(
  bytes: Uint8Array,
  source: string,
  options: { rank?: Rank } = {},
): Promise<TableRead> {
  return checkedTableRead(source, () => sniffAndRead(bytes, source, options));
}

/**
 * Runs a table reader as {@link readTable} does: issues raised without a file (by the core, e.g.
 * duplicate IDs) get `source`, and a table without samples or features is rejected. For readers
 * that do not start from bytes (BIOM HDF5 opened on disk: src/node/h5-files.ts).
 * @throws {InputError} `empty_table`, and those of `read`.
 */
export async function checkedTableRead(source: string, read: () => Promise<TableRead>): Promise<TableRead> {
  let result: TableRead;
  try {
    result = await read();
  } catch (e) {
    // issues raised by the core (duplicate IDs) do not know the file: add it
    if (e instanceof InputError && e.issues.some((i) => i.file === undefined)) {
      throw new InputError(e.issues.map((i) => (i.file === undefined ? { ...i, file: source } : i)));
    }
    throw e;
  }
  if (nSamples(result.table) === 0 || nFeatures(result.table) === 0) {
    throw InputError.single({
      code: "empty_table",
      file: source,
      message: `the table has ${nFeatures(result.table)} features and ${nSamples(result.table)} samples`,
      hint: "a table needs at least one sample and one feature",
    });
  }
  return result;
}

async function sniffAndRead(bytes: Uint8Array, source: string, options: { rank?: Rank }): Promise<TableRead> {
  if (bytes.length === 0) {
    throw ParseError.single({ code: "empty_table", file: source, message: "the file is empty" });
  }
  if (isHdf5(bytes)) return parseBiomHdf5(bytes, source);
  if (isZip(bytes)) {
    const { readQzaTable } = await import("./qza.js");
    return readQzaTable(bytes, source);
  }
  if (firstNonSpaceChar(bytes) === "{") return parseBiomJson(bytes, source);
  const text = decodeText(bytes, source);
  const lines = splitLines(text);
  const header = lines[headerLineIndex(lines)] ?? "";
  if (/^#?\s*clade_name\t/i.test(header)) {
    const { parseMetaphlan } = await import("./metaphlan.js");
    return parseMetaphlan(text, source, options);
  }
  if (!header.includes("\t")) {
    throw ParseError.single({
      code: "unknown_format",
      file: source,
      message: "not a recognised table format (BIOM HDF5 or JSON, QIIME 2 .qza, TSV, MetaPhlAn)",
      hint: "TSV tables need tab-separated cells: '#OTU ID<TAB>sample1<TAB>...'",
    });
  }
  return parseBiomTsv(text, source);
}

/**
 * A tree from Newick text or a Phylogeny[Rooted] .qza.
 * @throws {InputError} as {@link parseNewick} or {@link readQzaTree}.
 */
export async function readTree(bytes: Uint8Array, source: string): Promise<Tree> {
  if (!isZip(bytes)) return parseNewick(bytes, source);
  const { readQzaTree } = await import("./qza.js");
  return readQzaTree(bytes, source);
}

/**
 * A taxonomy from QIIME 2 taxonomy TSV or a FeatureData[Taxonomy] .qza.
 * @throws {InputError} as {@link parseTaxonomy} or {@link readQzaTaxonomy}.
 */
export async function readTaxonomy(bytes: Uint8Array, source: string): Promise<Taxonomy> {
  if (!isZip(bytes)) return parseTaxonomy(bytes, source);
  const { readQzaTaxonomy } = await import("./qza.js");
  return readQzaTaxonomy(bytes, source);
}
