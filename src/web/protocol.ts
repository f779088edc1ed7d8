/**
 * The messages between the page and the study worker (worker.ts). The page sends a data source
 * (the user's files, or the demo cohort's seed) with every request, so the worker keeps no state
 * and Cancel can simply terminate it.
 */
import type { Issue } from "../core/errors.js";
import type { StudyConfig } from "../core/study/config.js";

export interface StudyFiles {
  table: File;
  metadata: File;
  taxonomy?: File;
  tree?: File;
}

export type DataSource = { kind: "files"; files: StudyFiles } | { kind: "demo"; seed: number };

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

export type WorkerRequest =
  | { type: "inspect"; source: DataSource }
  | { type: "run"; source: DataSource; config: StudyConfig };

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

export type WorkerReply =
  | { type: "summary"; summary: DatasetSummary }
  /** `index` of `steps` (1-based) is running; `fraction` of the whole run is done. */
  | { type: "progress"; step: string; index: number; steps: number; fraction: number }
  | ({ type: "result" } & StudyRunResult)
  | { type: "failed"; issues: Issue[]; message?: string };
