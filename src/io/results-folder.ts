/**
 * Reads what `gutresponse meta` needs from one `gutresponse run` results folder (docs/RESULTS.md):
 * the resolved config in provenance.json (rank, DA methods, exposure and reference, covariates,
 * outcomes, dose columns, simulated flag) and the per-taxon estimates of
 * differential_abundance.tsv and associations.tsv. The contrast is read from a `contrast` column
 * when the file has one, else from `term` (DA) or left empty (associations). `NA` is a missing
 * value. Browser-safe: takes the files' text, names them by `folder/file` in every error.
 */
import { type Issue, InputError, ParseError } from "../core/errors.js";
import type {
  CohortEstimate,
  CohortResults,
  CohortSettings,
  MetaAnalysisKind,
} from "../core/meta/cohorts.js";
import { parseNumber, splitCells, splitLines } from "./text.js";

/** The provenance file of a results folder (its resolved config is read). */
export const PROVENANCE_FILE = "provenance.json";
/** The differential-abundance table of a results folder. */
export const DA_FILE = "differential_abundance.tsv";
/** The association table of a results folder. */
export const ASSOCIATIONS_FILE = "associations.tsv";
/** The scale of every DA estimate (docs/DA.md). */
export const DA_SCALE = "log2 fold change";

/** The text of a results folder's files: provenance.json, and the DA and association tables when present. */
export interface ResultsFolderText {
  provenance: string;
  differentialAbundance?: string;
  associations?: string;
}

const join = (folder: string, file: string) => `${folder.replace(/\/+$/, "")}/${file}`;

function notResults(folder: string, message: string): InputError {
  return ParseError.single({
    code: "corrupt_file",
    file: join(folder, PROVENANCE_FILE),
    message,
    hint: "give folders written by 'gutresponse run' (each holds provenance.json and the result TSV files)",
  });
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;
}

/**
 * The settings that decide poolability, from provenance.json's resolved config.
 * @throws {ParseError} `corrupt_file` when provenance.json is not JSON or lacks the resolved config.
 */
export function parseCohortSettings(text: string, folder: string): CohortSettings {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw notResults(folder, "is not valid JSON");
  }
  const p = json as { tool?: unknown; config?: unknown; simulated?: unknown };
  if (p?.tool !== "gutresponse" || typeof p.config !== "object" || p.config === null) {
    throw notResults(
      folder,
      "is not a gutresponse run's provenance (no 'tool: gutresponse' with a resolved 'config')",
    );
  }
  const c = p.config as {
    design?: { exposure?: unknown; reference?: unknown; covariates?: unknown };
    analysis?: { level?: unknown; da_methods?: unknown };
    outcomes?: unknown;
    dose?: unknown;
  };
  const outcomes = Array.isArray(c.outcomes)
    ? c.outcomes.map((o: { column?: unknown; type?: unknown }) => `${String(o?.column)} (${String(o?.type)})`)
    : undefined;
  const settings = {
    rank: c.analysis?.level,
    daMethods: strings(c.analysis?.da_methods),
    exposure: c.design?.exposure,
    reference: c.design?.reference,
    covariates: strings(c.design?.covariates) ?? [],
    outcomes,
    dose: strings(c.dose) ?? [],
    simulated: p.simulated === true,
  };
  const missing = Object.entries(settings)
    .filter(
      ([, v]) => v === undefined || (typeof v !== "string" && typeof v !== "boolean" && !Array.isArray(v)),
    )
    .map(([k]) => k);
  if (missing.length > 0) {
    throw notResults(
      folder,
      `the resolved config lacks ${missing.join(", ")} (written by another tool or version?)`,
    );
  }
  return settings as CohortSettings;
}

interface Columns {
  required: readonly string[];
  toEstimate: (cell: (name: string) => string, num: (name: string) => number | null) => CohortEstimate;
}

const DA_COLUMNS: Columns = {
  required: ["taxon", "method", "log2_fold_change", "se"],
  toEstimate: (cell, num) => ({
    analysis: "differential_abundance",
    method: cell("method"),
    contrast: cell("contrast") || cell("term"),
    outcome: null,
    scale: DA_SCALE,
    taxon: cell("taxon"),
    estimate: num("log2_fold_change"),
    se: num("se"),
  }),
};

const ASSOCIATION_COLUMNS: Columns = {
  required: ["outcome", "taxon", "method", "estimate", "estimate_scale", "se"],
  toEstimate: (cell, num) => ({
    analysis: "association",
    method: cell("method"),
    contrast: cell("contrast"),
    outcome: cell("outcome"),
    scale: cell("estimate_scale"),
    taxon: cell("taxon"),
    estimate: num("estimate"),
    se: num("se"),
  }),
};

function parseEstimates(text: string, source: string, columns: Columns): CohortEstimate[] {
  const lines = splitLines(text.replace(/^\uFEFF/, ""));
  const header = lines[0] === undefined ? [] : splitCells(lines[0]);
  const index = new Map(header.map((h, i) => [h, i]));
  const absent = columns.required.filter((c) => !index.has(c));
  if (!index.has("term") && !index.has("contrast") && columns === DA_COLUMNS) absent.push("term");
  if (absent.length > 0) {
    throw ParseError.single({
      code: "bad_header",
      file: source,
      line: 1,
      message: `missing column(s) ${absent.join(", ")}`,
      hint: "use the file exactly as 'gutresponse run' wrote it (docs/RESULTS.md)",
    });
  }
  const issues: Issue[] = [];
  const out: CohortEstimate[] = [];
  for (let l = 1; l < lines.length; l++) {
    const cells = splitCells(lines[l]!);
    if (cells.length !== header.length) {
      issues.push({
        code: "ragged_row",
        file: source,
        line: l + 1,
        message: `${cells.length} cells, the header has ${header.length}`,
      });
      continue;
    }
    /** A text cell; absent columns and `NA` read as "". */
    const cell = (name: string) => {
      const i = index.get(name);
      return i === undefined || cells[i] === "NA" ? "" : cells[i]!;
    };
    const num = (name: string): number | null => {
      const text = cell(name);
      if (text === "") return null;
      const v = parseNumber(text);
      if (v === undefined) {
        issues.push({
          code: "non_numeric",
          file: source,
          line: l + 1,
          column: name,
          message: `'${text}' is not a number`,
        });
        return null;
      }
      return v;
    };
    out.push(columns.toEstimate(cell, num));
  }
  if (issues.length > 0) throw new InputError(issues);
  return out;
}

/**
 * One cohort from its results folder's files (`folder` names it and its files in errors).
 * @throws {InputError} `file_not_found` (neither result table; a {@link ParseError}), `bad_header`,
 *   `ragged_row`, `non_numeric`, and those of {@link parseCohortSettings}.
 */
export function parseResultsFolder(folder: string, files: ResultsFolderText): CohortResults {
  const settings = parseCohortSettings(files.provenance, folder);
  const has: Record<MetaAnalysisKind, boolean> = {
    differential_abundance: files.differentialAbundance !== undefined,
    association: files.associations !== undefined,
  };
  if (!has.differential_abundance && !has.association) {
    throw ParseError.single({
      code: "file_not_found",
      file: folder,
      message: `holds neither ${DA_FILE} nor ${ASSOCIATIONS_FILE}: nothing to pool`,
      hint: "run the study with differential abundance and/or outcomes, then pool its results folder",
    });
  }
  const estimates = [
    ...(files.differentialAbundance === undefined
      ? []
      : parseEstimates(files.differentialAbundance, join(folder, DA_FILE), DA_COLUMNS)),
    ...(files.associations === undefined
      ? []
      : parseEstimates(files.associations, join(folder, ASSOCIATIONS_FILE), ASSOCIATION_COLUMNS)),
  ];
  const name = folder.replace(/\/+$/, "") || folder;
  return { name, settingsFile: join(folder, PROVENANCE_FILE), settings, has, estimates };
}
