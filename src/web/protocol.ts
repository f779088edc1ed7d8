/**
 * The messages between the page and the study worker (worker.ts). The page sends a data source
 * (the user's files, or the demo cohort's seed) with every request, so the worker keeps no state
 * and Cancel can simply terminate it.
 */
import type { Issue } from "../core/errors.js";
import type { StudyConfig } from "../core/study/config.js";

/** The files the user picked (browser File objects). */
export interface StudyFiles {
  table: File;
  metadata: File;
  taxonomy?: File;
  tree?: File;
}

/** What the worker analyses: the picked files, or the simulated demo cohort. */
export type DataSource = { kind: "files"; files: StudyFiles } | { kind: "demo"; seed: number };

/** One level of a categorical column and how many samples have it. */
export interface LevelCount {
  level: string;
  count: number;
}

/** One metadata column as the column picker shows it. */
export interface ColumnSummary {
  name: string;
  kind: "categorical" | "numeric";
  missing: number;
  /** Categorical: levels in their declared/first-seen order with sample counts. */
  levels: LevelCount[];
  /** Numeric: range and number of distinct values. */
  min?: number;
  max?: number;
  distinct?: number;
}

/** What the worker read: sizes and a summary of every metadata column, for the design screen. */
export interface DatasetSummary {
  samples: number;
  features: number;
  tableFormat: string;
  hasTaxonomy: boolean;
  hasTree: boolean;
  columns: ColumnSummary[];
  /** Source names as they will appear in study.yaml (`data:`). */
  sources: { table: string; metadata: string; taxonomy?: string; tree?: string };
  /** Where the data files named in study.yaml come from, when not from the user (the demo). */
  dataNote?: string;
  /** The demo's own design, to prefill the picker. */
  suggested?: StudyConfig;
  notes: string[];
}

/** A message from the app to the study worker. */
export type WorkerRequest =
  | { type: "inspect"; source: DataSource }
  | { type: "run"; source: DataSource; config: StudyConfig };

/** One file of the results folder, for the report screen's downloads. */
export interface ResultFile {
  path: string;
  bytes: number;
}

/** What a finished run in the worker hands back: the report, the results zip and its files. */
export interface StudyRunResult {
  reportHtml: string;
  zip: Uint8Array;
  files: ResultFile[];
  warnings: string[];
  seconds: number;
  /** Seconds per pipeline step, and for rendering the report. */
  timings: Record<string, number>;
}

/** A message from the study worker to the app. */
export type WorkerReply =
  | { type: "summary"; summary: DatasetSummary }
  /** `index` of `steps` (1-based) is running; `fraction` of the whole run is done. */
  | { type: "progress"; step: string; index: number; steps: number; fraction: number }
  | ({ type: "result" } & StudyRunResult)
  | { type: "failed"; issues: Issue[]; message?: string };
