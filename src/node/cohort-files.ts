/**
 * A simulated cohort as the files of a ready study folder: table.biom (BIOM 2.1 HDF5), table.tsv,
 * taxonomy.tsv, metadata.tsv (QIIME 2, #q2:types), truth.json (the planted effects) and study.yaml.
 * Used by `simulate` and by `demo` (which keeps the cohort beside its results).
 */
import { stringify } from "yaml";
import type { SimulatedCohort } from "../core/simulate/simulate-cohort.js";
import { writeBiomHdf5 } from "../io/biom-hdf5.js";
import { formatTableTsv } from "../io/biom-tsv.js";
import { formatMetadata } from "../io/metadata.js";
import { formatTaxonomy } from "../io/taxonomy.js";
import { VERSION } from "../version.js";
import type { OutputFile } from "./output-dir.js";

export const COHORT_FILES = {
  table: "table.biom",
  taxonomy: "taxonomy.tsv",
  metadata: "metadata.tsv",
} as const;

export async function cohortFiles(
  cohort: SimulatedCohort,
  description: string,
  config: object,
  prefix = "",
): Promise<OutputFile[]> {
  const { table, taxonomy, metadata, truth } = cohort;
  const biom = await writeBiomHdf5(table, {
    taxonomy,
    id: description,
    generatedBy: `gutresponse ${VERSION}`,
  });
  return [
    { path: `${prefix}${COHORT_FILES.table}`, content: biom },
    { path: `${prefix}table.tsv`, content: formatTableTsv(table) },
    { path: `${prefix}${COHORT_FILES.taxonomy}`, content: formatTaxonomy(taxonomy) },
    { path: `${prefix}${COHORT_FILES.metadata}`, content: formatMetadata(metadata) },
    { path: `${prefix}truth.json`, content: `${JSON.stringify(truth, null, 2)}\n` },
    // YAML 1.1 quoting ("yes"), so YAML 1.1 readers (PyYAML) do not read booleans.
    { path: `${prefix}study.yaml`, content: stringify(config, { version: "1.1", lineWidth: 0 }) },
  ];
}
