/**
 * Loads a study folder for `run`, `validate` and `model train`: study.yaml, then every file it
 * names (paths relative to the YAML file's folder), each checksummed for provenance.
 */
import { dirname, isAbsolute, join } from "node:path";
import type { StudyConfig } from "../core/study/config.js";
import { parseStudyConfig } from "../core/study/config.js";
import type { StudyData } from "../core/study/pipeline.js";
import type { StudyInput } from "../core/study/results.js";
import { parseDataDictionary } from "../io/data-dictionary.js";
import { parseMetadata } from "../io/metadata.js";
import { readTable, readTaxonomy, readTree } from "../io/table.js";
import { readInput, sha256 } from "./files.js";

export interface LoadedStudy {
  config: StudyConfig;
  data: StudyData;
  inputs: StudyInput[];
}

export async function loadStudy(configPath: string): Promise<LoadedStudy> {
  const configBytes = await readInput(configPath);
  const config = parseStudyConfig(new TextDecoder().decode(configBytes), configPath);
  const base = dirname(configPath);
  const resolve = (p: string) => (isAbsolute(p) ? p : join(base, p));
  const inputs: StudyInput[] = [
    { role: "config", path: configPath, sha256: sha256(configBytes), dims: `${configBytes.length} bytes` },
  ];
  const read = async (role: string, path: string) => {
    const full = resolve(path);
    const bytes = await readInput(full);
    const record: StudyInput = { role, path: full, sha256: sha256(bytes), dims: "" };
    inputs.push(record);
    return { bytes, full, record };
  };

  const t = await read("table", config.data.table);
  const { table, taxonomy: biomTaxonomy } = await readTable(t.bytes, t.full);
  t.record.dims = `${table.sampleIds.length} samples x ${table.featureIds.length} features`;
  const m = await read("metadata", config.data.metadata);
  const metadata = parseMetadata(m.bytes, m.full);
  m.record.dims = `${metadata.ids.length} rows x ${metadata.columns.length} columns`;
  const data: StudyData = { table, metadata, sources: { table: t.full, metadata: m.full } };

  if (config.data.taxonomy) {
    const x = await read("taxonomy", config.data.taxonomy);
    data.taxonomy = await readTaxonomy(x.bytes, x.full);
    x.record.dims = `${data.taxonomy.featureIds.length} features`;
  } else if (biomTaxonomy) {
    data.taxonomy = biomTaxonomy;
  }
  if (config.data.tree) {
    const x = await read("tree", config.data.tree);
    data.tree = await readTree(x.bytes, x.full);
    x.record.dims = `${data.tree.parent.length} nodes`;
  }
  if (config.data.dictionary) {
    const x = await read("dictionary", config.data.dictionary);
    data.dictionary = parseDataDictionary(new TextDecoder().decode(x.bytes), x.full);
    data.sources.dictionary = x.full;
    x.record.dims = `${data.dictionary.length} columns`;
  }
  return { config, data, inputs };
}
