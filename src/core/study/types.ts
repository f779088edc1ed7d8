/**
 * The study's input data, as the pipeline, its validation and its steps share it. Kept apart from
 * pipeline.ts and validate-study.ts so the steps depend on it alone (no import circle).
 */
import type { Tree } from "../phylo/tree.js";
import type { FeatureTable } from "../table/feature-table.js";
import type { SampleMetadata } from "../table/metadata.js";
import type { Taxonomy } from "../table/taxonomy.js";
import type { DataDictionary } from "./dictionary.js";

export interface StudyData {
  table: FeatureTable;
  metadata: SampleMetadata;
  taxonomy?: Taxonomy;
  tree?: Tree;
  dictionary?: DataDictionary;
  /** File names used in messages. */
  sources: { table: string; metadata: string; dictionary?: string };
}
