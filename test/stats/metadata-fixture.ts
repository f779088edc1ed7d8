// Reads a fixture's QIIME 2 metadata TSV with the io reader.
import { readFileSync } from "node:fs";
import { parseMetadata } from "../../src/io/metadata.js";
import type { SampleMetadata } from "../../src/core/table/metadata.js";

export function readMetadataFixture(path: string): SampleMetadata {
  return parseMetadata(readFileSync(path), path);
}
