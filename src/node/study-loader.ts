/**
 * Loads a study folder for `run`, `validate` and `model train`: study.yaml, then every file it
 * names (paths relative to the YAML file's folder), each checksummed for provenance.
 */
import { dirname, isAbsolute, join } from "node:path";
import { InputError, type Issue } from "../core/errors.js";
import type { StudyConfig } from "../core/study/config.js";
import { parseStudyConfig } from "../core/study/config.js";
import { resolveReference } from "../core/study/resolve-reference.js";
import type { StudyData } from "../core/study/pipeline.js";
import type { StudyInput } from "../core/study/results.js";
import { parseDataDictionary } from "../io/data-dictionary.js";
import { parseMetadata } from "../io/metadata.js";
import { readTaxonomy, readTree } from "../io/table.js";
import { readInput, sha256 } from "./files.js";
import { readTableFile } from "./load.js";
import { restoreWasmTierUp } from "./wasm-tier-up.js";
import { parse as parseYaml } from "yaml";

export interface LoadedStudy {
  /** The config with its reference level resolved (resolve-reference.ts). */
  config: StudyConfig;
  /** The reference level chosen because study.yaml named none; null when it named one. */
  referenceChosen: string | null;
  data: StudyData;
  inputs: StudyInput[];
}

/** The `data:` paths of a study.yaml that does not validate, so its files can still be checked. */
function looseDataPaths(text: string): Partial<Record<keyof StudyConfig["data"], string>> {
  try {
    const data = (parseYaml(text) as { data?: Record<string, unknown> } | null)?.data ?? {};
    return Object.fromEntries(Object.entries(data).filter(([, v]) => typeof v === "string"));
  } catch {
    return {};
  }
}

export async function loadStudy(configPath: string): Promise<LoadedStudy> {
  const configBytes = await readInput(configPath);
  const text = new TextDecoder().decode(configBytes);
  // Every file is read even when the config or an earlier file failed, so all their problems are
  // listed at once.
  const problems: Issue[] = [];
  const attempt = async <T>(step: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await step();
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.issues);
      return undefined;
    }
  };
  const config = await attempt(async () => parseStudyConfig(text, configPath));
  const paths = config?.data ?? looseDataPaths(text);
  const base = dirname(configPath);
  const resolve = (p: string) => (isAbsolute(p) ? p : join(base, p));
  const inputs: StudyInput[] = [
    { role: "config", path: configPath, sha256: sha256(configBytes), dims: `${configBytes.length} bytes` },
  ];
  const hint = `check the path in ${configPath} (relative paths there are taken from its folder, ${base === "." ? "the current directory" : base})`;
  const read = async (role: string, path: string) => {
    const full = resolve(path);
    const bytes = await readInput(full, hint);
    const record: StudyInput = { role, path: full, sha256: sha256(bytes), dims: "" };
    inputs.push(record);
    return { bytes, full, record };
  };
  // one input: read (recorded with its checksum), parsed, and its dimensions noted for provenance
  const load = <T>(
    role: keyof StudyConfig["data"],
    parse: (bytes: Uint8Array, full: string) => T | Promise<T>,
    dims: (parsed: T) => string,
  ) =>
    attempt(async () => {
      const path = paths[role];
      if (path === undefined) return undefined;
      const x = await read(role, path);
      const parsed = await parse(x.bytes, x.full);
      x.record.dims = dims(parsed);
      return { parsed, full: x.full };
    });
  // a separate taxonomy file replaces the table's own, which is then not read
  const loadedTable = await load(
    "table",
    (bytes, full) => readTableFile(bytes, full, { taxonomy: paths.taxonomy === undefined }),
    (t) => `${t.table.sampleIds.length} samples x ${t.table.featureIds.length} features`,
  );
  const loadedMetadata = await load(
    "metadata",
    parseMetadata,
    (m) => `${m.ids.length} rows x ${m.columns.length} columns`,
  );
  const taxonomy = paths.taxonomy
    ? (await load("taxonomy", readTaxonomy, (t) => `${t.featureIds.length} features`))?.parsed
    : loadedTable?.parsed.taxonomy;
  const tree = paths.tree
    ? (await load("tree", readTree, (t) => `${t.parent.length} nodes`))?.parsed
    : undefined;
  const dictionary = paths.dictionary
    ? await load(
        "dictionary",
        (bytes, full) => parseDataDictionary(new TextDecoder().decode(bytes), full),
        (d) => `${d.length} columns`,
      )
    : undefined;
  if (problems.length > 0 || !config || !loadedTable || !loadedMetadata) throw new InputError(problems);
  const data: StudyData = {
    table: loadedTable.parsed.table,
    metadata: loadedMetadata.parsed,
    sources: { table: loadedTable.full, metadata: loadedMetadata.full },
  };
  if (taxonomy) data.taxonomy = taxonomy;
  if (tree) data.tree = tree;
  if (dictionary) {
    data.dictionary = dictionary.parsed;
    data.sources.dictionary = dictionary.full;
  }
  const { config: resolved, chosen } = resolveReference(config, data.metadata);
  // the study's HDF5 reading is over: WebAssembly compiled from here on (the elastic net's kernels,
  // here and on worker threads) tiers up again, as it does in a process that read no HDF5
  await restoreWasmTierUp();
  return { config: resolved, referenceChosen: chosen, data, inputs };
}
