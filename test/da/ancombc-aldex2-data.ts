/**
 * The data sets of the ANCOM-BC / ALDEx2 golden tests, read exactly as the R scripts in
 * test/fixtures/extra/da-reference/ read them: GlobalPatterns genera (globalpatterns_genus.json with
 * GlobalPatterns/metadata.tsv), the simulated kratom cohort (da-reference/kratom65, made by
 * `gutresponse simulate --design kratom --n 65 --seed 1`) and dune.
 */
import { readFileSync } from "node:fs";
import { type DaInput, prepareDaInput } from "../../src/core/da/prepare.js";
import type { DaRow } from "../../src/core/da/types.js";
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

/** Data set, tested term and R's reference level (the first sorted level) of each golden case. */
const CASES: Record<
  string,
  { data: "globalpatterns" | "kratom65" | "dune"; term: string; reference: string }
> = {
  globalpatterns_human: { data: "globalpatterns", term: "human_associated", reference: "no" },
  globalpatterns_human_depth: { data: "globalpatterns", term: "human_associated", reference: "no" },
  kratom65: { data: "kratom65", term: "kratom_use", reference: "non_user" },
  kratom65_glm: { data: "kratom65", term: "kratom_use", reference: "non_user" },
  dune_management: { data: "dune", term: "Management", reference: "BF" },
  dune_management_conserve: { data: "dune", term: "Management", reference: "BF" },
  dune_nature: { data: "dune", term: "nature_management", reference: "no" },
  dune_glm: { data: "dune", term: "nature_management", reference: "no" },
};

/** The prepared DA input of golden case `name` with `formula`. */
export function referenceInput(name: string, formula: string): DaInput {
  const c = CASES[name]!;
  const d = referenceData(c.data);
  return prepareDaInput(d.table, d.metadata, { formula, term: c.term, reference: c.reference });
}

export function rowsByTaxon(rows: readonly DaRow[], term: string): Map<string, DaRow> {
  return new Map(rows.filter((r) => r.term === term).map((r) => [r.taxon, r]));
}
