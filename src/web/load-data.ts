/**
 * Turns a data source into the pipeline's StudyData, inside the worker: the user's files through
 * the same readers as the CLI (format sniffed from content; h5wasm loaded only for an HDF5 table),
 * or the demo cohort simulated from its seed exactly as `gutresponse demo` does. Every file is read even when an earlier
 * one failed, so the user sees all problems at once.
 */
import { InputError, type Issue } from "../core/errors.js";
import { type Tree, tips } from "../core/phylo/tree.js";
import { type StudyConfig, studyConfigSchema } from "../core/study/config.js";
import { resolveReference } from "../core/study/resolve-reference.js";
import type { StudyData } from "../core/study/pipeline.js";
import type { StudyInput } from "../core/study/results.js";
import { demoStudyConfig } from "../core/simulate/demo-study.js";
import { referenceDesign } from "../core/simulate/designs/index.js";
import { simulateCohort } from "../core/simulate/simulate-cohort.js";
import type { SampleMetadata } from "../core/table/metadata.js";
import type { Taxonomy } from "../core/table/taxonomy.js";
import { parseMetadata } from "../io/metadata.js";
import { readTable, readTaxonomy, readTree, type TableRead } from "../io/table.js";
import { summarizeColumns } from "./column-summary.js";
import type { DataSource, DatasetSummary, StudyFiles } from "./protocol.js";

const DEMO_SOURCES = { table: "table.biom", taxonomy: "taxonomy.tsv", metadata: "metadata.tsv" };

export interface LoadedStudy {
  data: StudyData;
  summary: DatasetSummary;
  inputs: StudyInput[];
  simulated: boolean;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function inputRecord(
  role: string,
  file: File,
  bytes: Uint8Array<ArrayBuffer>,
  dims: string,
): Promise<StudyInput> {
  return { role, path: file.name, sha256: await sha256Hex(bytes), dims };
}

/** Runs every reader, collecting the issues of all that fail. */
async function readAll<T extends readonly unknown[]>(
  readers: { [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(readers.map((read) => read()));
  const issues: Issue[] = [];
  for (const s of settled) {
    if (s.status === "fulfilled") continue;
    if (s.reason instanceof InputError) issues.push(...s.reason.issues);
    else throw s.reason;
  }
  if (issues.length > 0) throw new InputError(issues);
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

async function loadFiles(files: StudyFiles): Promise<LoadedStudy> {
  const bytesOf = async (f: File) => new Uint8Array(await f.arrayBuffer());
  const [tableBytes, metadataBytes, taxonomyBytes, treeBytes] = await Promise.all([
    bytesOf(files.table),
    bytesOf(files.metadata),
    files.taxonomy ? bytesOf(files.taxonomy) : undefined,
    files.tree ? bytesOf(files.tree) : undefined,
  ]);
  const [read, metadata, taxonomy, tree] = await readAll<
    [TableRead, SampleMetadata, Taxonomy | undefined, Tree | undefined]
  >([
    () => readTable(tableBytes, files.table.name),
    async () => parseMetadata(metadataBytes, files.metadata.name),
    async () =>
      files.taxonomy && taxonomyBytes ? readTaxonomy(taxonomyBytes, files.taxonomy.name) : undefined,
    async () => (files.tree && treeBytes ? readTree(treeBytes, files.tree.name) : undefined),
  ]);
  const table = read.table;
  const taxa = taxonomy ?? read.taxonomy;
  const data: StudyData = {
    table,
    metadata,
    sources: { table: files.table.name, metadata: files.metadata.name },
    ...(taxa ? { taxonomy: taxa } : {}),
    ...(tree ? { tree } : {}),
  };
  const dims = `${table.sampleIds.length} samples x ${table.featureIds.length} features`;
  const inputs = await Promise.all([
    inputRecord("table", files.table, tableBytes, dims),
    inputRecord("metadata", files.metadata, metadataBytes, `${metadata.ids.length} samples`),
    ...(files.taxonomy && taxonomyBytes
      ? [inputRecord("taxonomy", files.taxonomy, taxonomyBytes, `${taxa?.featureIds.length ?? 0} features`)]
      : []),
    ...(files.tree && treeBytes
      ? [inputRecord("tree", files.tree, treeBytes, `${tree ? tips(tree).names.length : 0} tips`)]
      : []),
  ]);
  const summary: DatasetSummary = {
    samples: table.sampleIds.length,
    features: table.featureIds.length,
    tableFormat: read.format,
    hasTaxonomy: taxa !== undefined,
    hasTree: tree !== undefined,
    columns: summarizeColumns(metadata),
    sources: {
      table: files.table.name,
      metadata: files.metadata.name,
      ...(files.taxonomy ? { taxonomy: files.taxonomy.name } : {}),
      ...(files.tree ? { tree: files.tree.name } : {}),
    },
    notes: read.notes ?? [],
  };
  return { data, summary, inputs, simulated: false };
}

function loadDemo(seed: number): LoadedStudy {
  const reference = referenceDesign("kratom");
  const design = reference.demo();
  const cohort = simulateCohort(design, { n: reference.defaultN, seed });
  const suggested: StudyConfig = resolveReference(
    studyConfigSchema.parse(demoStudyConfig(design, seed, DEMO_SOURCES)),
    cohort.metadata,
  ).config;
  const data: StudyData = {
    table: cohort.table,
    metadata: cohort.metadata,
    taxonomy: cohort.taxonomy,
    sources: { table: DEMO_SOURCES.table, metadata: DEMO_SOURCES.metadata },
  };
  const summary: DatasetSummary = {
    samples: cohort.table.sampleIds.length,
    features: cohort.table.featureIds.length,
    tableFormat: "simulated",
    hasTaxonomy: true,
    hasTree: false,
    columns: summarizeColumns(cohort.metadata),
    sources: DEMO_SOURCES,
    dataNote: `\`gutresponse demo --seed ${seed} --out demo\` writes the same files to demo/cohort/; put this file there.`,
    suggested,
    notes: [
      `simulated ${reference.name} cohort as in \`gutresponse demo\`: ${reference.defaultN} participants, seed ${seed}; no real participant data`,
    ],
  };
  return { data, summary, inputs: [], simulated: true };
}

export function loadSource(source: DataSource): Promise<LoadedStudy> {
  return source.kind === "demo" ? Promise.resolve(loadDemo(source.seed)) : loadFiles(source.files);
}
