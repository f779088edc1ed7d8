/**
 * Small builders shared by the section modules: tables and plots with their downloads, badges,
 * significance calls and the note for an analysis that did not run.
 */
import type { TopLevelSpec } from "vega-lite";
import { type Cell, type DataFile, tsvFile } from "../data-file.js";
import type {
  CellFormat,
  ReportPlot,
  ReportSection,
  ReportTable,
  SectionHelp,
  StatusBadge,
  TableColumn,
} from "../model.js";

export type Rows = Record<string, Cell>[];

/** Column spec: [key, label, format]. */
export type ColumnSpec = readonly [string, string, CellFormat];

export function columns(specs: readonly ColumnSpec[]): TableColumn[] {
  return specs.map(([key, label, format]) => ({ key, label, format }));
}

/** A table whose download holds every row and column, at full precision. */
export function table(
  id: string,
  caption: string,
  specs: readonly ColumnSpec[],
  rows: Rows,
  maxRows?: number,
): ReportTable {
  const cols = columns(specs);
  const download = tsvFile(
    `${id}.tsv`,
    cols.map((c) => c.key),
    rows,
  );
  return maxRows === undefined
    ? { id, caption, columns: cols, rows, download }
    : { id, caption, columns: cols, rows, download, maxRows };
}

export function plot(
  id: string,
  title: string,
  caption: string,
  spec: TopLevelSpec,
  data: DataFile,
): ReportPlot {
  return { id, title, caption, spec, data };
}

export function badge(status: StatusBadge["status"], label: string, detail: string): StatusBadge {
  return { status, label, detail };
}

export function isSignificant(q: number | null, fdr: number): boolean {
  return q !== null && q < fdr;
}

/** Ascending by a nullable number, nulls last; stable. */
export function byNullable<T>(key: (row: T) => number | null): (a: T, b: T) => number {
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null) return y === null ? 0 : 1;
    if (y === null) return -1;
    return x - y;
  };
}

/** Unique values in first-seen order. */
export function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** A section and its one-line headline for the general summary. */
export interface BuiltSection {
  section: ReportSection;
  headline: string;
}

export interface SectionText {
  id: string;
  title: string;
  description: string;
  help: SectionHelp;
}

export function skippedSection(text: SectionText): ReportSection {
  return {
    ...text,
    badge: badge("skipped", "not run", "This analysis did not run in this study."),
    notes: [
      {
        status: "info",
        text: "This analysis did not run in this study (see the warnings at the top for the reason).",
      },
    ],
    plots: [],
    tables: [],
  };
}

/** "a, b, c and 2 more": the first `k` items, then a count of the rest. */
export function listSome(items: readonly string[], k = 3, separator = ", "): string {
  const shown = items.slice(0, k).join(separator);
  return items.length > k ? `${shown} and ${items.length - k} more` : shown;
}
