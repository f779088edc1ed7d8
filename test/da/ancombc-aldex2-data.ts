/**
 * The data sets of the ANCOM-BC / ALDEx2 golden tests, read exactly as the R scripts in
 * test/fixtures/extra/da-reference/ read them: GlobalPatterns genera (globalpatterns_genus.json with
 * GlobalPatterns/metadata.tsv), the simulated kratom cohort (da-reference/kratom65, made by
 * `gutresponse simulate --design kratom --n 65 --seed 1`) and dune.
 */
import { readFileSync } from "node:fs";
import { parseBiomTsv } from "../../src/io/biom-tsv.js";
import { parseMetadata } from "../../src/io/metadata.js";
import { type FeatureTable, fromDense } from "../../src/core/table/feature-table.js";
import type { SampleMetadata } from "../../src/core/table/metadata.js";

export interface ReferenceData {
  table: FeatureTable;
  metadata: SampleMetadata;
}

function tsvData(dir: string): ReferenceData {
  const tablePath = `${dir}/table.tsv`;
  const metadataPath = `${dir}/metadata.tsv`;
  return {
    table: parseBiomTsv(readFileSync(tablePath, "utf8"), tablePath).table,
    metadata: parseMetadata(readFileSync(metadataPath, "utf8"), metadataPath),
  };
}

export function referenceData(name: "globalpatterns" | "kratom65" | "dune"): ReferenceData {
  if (name === "kratom65") return tsvData("test/fixtures/extra/da-reference/kratom65");
  if (name === "dune") return tsvData("test/fixtures/dune");
  const g = JSON.parse(readFileSync("test/fixtures/extra/globalpatterns_genus.json", "utf8")) as {
    feature_ids: string[];
    sample_ids: string[];
    counts: number[][];
  };
  const dense = g.sample_ids.flatMap((_, i) => g.counts.map((row) => row[i]!));
  const metadataPath = "test/fixtures/GlobalPatterns/metadata.tsv";
  return {
    table: fromDense(g.sample_ids, g.feature_ids, dense),
    metadata: parseMetadata(readFileSync(metadataPath, "utf8"), metadataPath),
  };
}
