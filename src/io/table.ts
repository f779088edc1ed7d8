/**
 * `readTable`: one entry for every table format, chosen from the content (never the extension):
 *
 *   bytes start with            format
 *   \x89HDF\r\n\x1a\n           BIOM 2.1 HDF5 (h5wasm, loaded lazily)
 *   PK\x03\x04                  QIIME 2 artifact (.qza, FeatureTable[Frequency])
 *   { (after BOM/whitespace)    BIOM 1.0 JSON
 *   text with header clade_name MetaPhlAn merged profile
 *   other text                  classic BIOM TSV
 */
import { ParseError } from "../core/errors.js";
import { isHdf5, parseBiomHdf5 } from "./biom-hdf5.js";
import { parseBiomJson } from "./biom-json.js";
import { headerLineIndex, parseBiomTsv } from "./biom-tsv.js";
import type { TableRead } from "./table-result.js";
import { decodeText, splitLines } from "./text.js";

export type { TableFormat, TableRead } from "./table-result.js";

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

function unsupported(source: string, what: string): ParseError {
  return ParseError.single({
    code: "unknown_format",
    file: source,
    message: `${what} are not readable yet`,
    hint: "export the table as BIOM (HDF5 or JSON) or classic TSV",
  });
}

export async function readTable(bytes: Uint8Array, source: string): Promise<TableRead> {
  if (bytes.length === 0) {
    throw ParseError.single({ code: "empty_table", file: source, message: "the file is empty" });
  }
  if (isHdf5(bytes)) return parseBiomHdf5(bytes, source);
  if (isZip(bytes)) {
    throw unsupported(source, "QIIME 2 artifacts (.qza)");
  }
  if (firstNonSpaceChar(bytes) === "{") return parseBiomJson(bytes, source);
  const text = decodeText(bytes, source);
  const lines = splitLines(text);
  const header = lines[headerLineIndex(lines)] ?? "";
  if (/^#?\s*clade_name\t/i.test(header)) {
    throw unsupported(source, "MetaPhlAn profiles");
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
