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

/** A section's status badge: ok, warn (a caveat applies) or skipped, with a label and the detail. */
export interface StatusBadge {
  status: BadgeStatus;
  label: string;
  detail: string;
}

/**
 * How a table column's cells are shown: text, monospace, integer, number (3 significant digits), p-value, or
 * percent.
 */
export type CellFormat = "text" | "mono" | "int" | "num" | "p" | "percent";

/** A column of a report table: row key, header label and cell format. */
export interface TableColumn {
  key: string;
  label: string;
  format: CellFormat;
}

/** A table of the report: columns, rows (possibly shown truncated) and the full data as a download. */
export interface ReportTable {
  id: string;
  caption: string;
  columns: TableColumn[];
  rows: Record<string, Cell>[];
  /** Show at most this many rows (the download holds them all). */
  maxRows?: number;
  download: DataFile;
}

/** A plot of the report: a Vega-Lite spec, rendered to inline SVG, and its data as a download. */
export interface ReportPlot {
  id: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
  data: DataFile;
}

/** A section's help text: how to read it, the method, and its caveats. */
export interface SectionHelp {
  howToRead: string;
  method: string;
  caveats: string;
}

/** A note shown at the top of a section (a warning or information). */
export interface SectionNote {
  status: "warn" | "info";
  text: string;
}

/** One analysis section of the report: title, badge, help, notes, plots and tables. */
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

/** One line of the report's overview: a section's headline and badge. */
export interface OverviewRow {
  sectionId: string;
  title: string;
  headline: string;
  badge: StatusBadge;
}

/** Run details: the results' meta, with the config pretty-printed as JSON. */
export type ReportHeader = Omit<StudyMeta, "config"> & { configJson: string };

/**
 * Everything the HTML report shows, computed from StudyResults by {@link buildReportModel}: header,
 * cohort table, overview, sections, methods with references, caveats, and the results as JSON.
 */
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
