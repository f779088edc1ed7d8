/**
 * ReportModel: what the HTML report shows, built from StudyResults by `buildReportModel` and turned
 * into one HTML file by `renderReportHtml`. Plain data and plain text only (no markup): the renderer
 * escapes every string. Plots are Vega-Lite specs with their data inline.
 */
import type { TopLevelSpec } from "vega-lite";
import type { StudyMeta, StudyResults } from "../core/study/results.js";
import type { Cell, DataFile } from "./data-file.js";

/** ok: ran, nothing to flag; warn: a caveat applies (see detail); skipped: the analysis did not run. */
export type BadgeStatus = "ok" | "warn" | "skipped";

export interface StatusBadge {
  status: BadgeStatus;
  label: string;
  detail: string;
}

export type CellFormat = "text" | "mono" | "int" | "num" | "p" | "percent";

export interface TableColumn {
  key: string;
  label: string;
  format: CellFormat;
}

export interface ReportTable {
  id: string;
  caption: string;
  columns: TableColumn[];
  rows: Record<string, Cell>[];
  /** Show at most this many rows (the download holds them all). */
  maxRows?: number;
  download: DataFile;
}

export interface ReportPlot {
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
  data: DataFile;
}

export interface SectionHelp {
  howToRead: string;
  method: string;
  caveats: string;
}

export interface SectionNote {
  status: "warn" | "info";
  text: string;
}

export interface ReportSection {
  id: string;
  title: string;
  description: string;
  badge: StatusBadge;
  help: SectionHelp;
  notes: SectionNote[];
  plots: ReportPlot[];
  tables: ReportTable[];
}

export interface OverviewRow {
  sectionId: string;
  title: string;
  headline: string;
  badge: StatusBadge;
}

/** Run details: the results' meta, with the config pretty-printed as JSON. */
export type ReportHeader = Omit<StudyMeta, "config"> & { configJson: string };

export interface ReportModel {
  header: ReportHeader;
  warnings: string[];
  /** General summary: cohort table and one headline per analysis. */
  cohort: ReportTable;
  overview: OverviewRow[];
  sections: ReportSection[];
  methods: { paragraphs: string[]; references: string[] };
  caveats: string[];
  /** The full results, embedded as JSON for machine use. */
  results: StudyResults;
}
