/**
 * The column picker's state and its translation to a study config. The form becomes study.yaml
 * text first (the `yaml` package), and that text is parsed by the CLI's own `parseStudyConfig`:
 * the config the worker runs is exactly the one the downloaded study.yaml gives `gutresponse run`,
 * and config errors read as they do on the command line (key + line).
 */
import { stringify } from "yaml";
import type { OutcomeType } from "../core/assoc/outcome-vector.js";
import { parseStudyConfig, type RANK_LEVELS, type StudyConfig } from "../core/study/config.js";
import { MIN_GROUP_SIZE } from "../core/study/steps/select-samples.js";
import type { ColumnSummary, DatasetSummary } from "./protocol.js";

export type Role = "none" | "exposure" | "covariate" | "outcome" | "dose" | "strata" | "subject" | "time";

/** Roles that at most one column can have. */
const UNIQUE_ROLES: readonly Role[] = ["exposure", "strata", "subject", "time"];
export type RankLevel = (typeof RANK_LEVELS)[number];

export interface ColumnChoice {
  role: Role;
  outcomeType: OutcomeType;
  /** Binary outcome: the level counted as the event. */
  positive: string;
}

/**
 * One pre-registered hypothesis as the design screen edits it: a taxon, a target column (the
 * exposure or an outcome) and a direction ("" = two-sided). Written as study.yaml `hypotheses:`.
 */
export interface HypothesisDraft {
  taxon: string;
  target: string;
  direction: "" | "positive" | "negative" | "up" | "down";
}

export interface StudyForm {
  name: string;
  /** Exposure reference level (the first group of every comparison). */
  reference: string;
  choices: Record<string, ColumnChoice>;
  level: RankLevel;
  permutations: number;
  seed: number;
  /**
   * Predict each outcome from the microbiome (nested cross-validation). Off by default: it is the
   * slowest step by far (about a minute for the demo's settings on a laptop).
   */
  predict: boolean;
  /** Leave out exposure groups smaller than MIN_GROUP_SIZE (study.yaml design.drop_small_groups). */
  dropSmallGroups: boolean;
  /** Confirmatory hypotheses, in order (Holm across this list). */
  hypotheses: HypothesisDraft[];
}

/** A categorical column fit to be an exposure: 2+ levels, not an ID-like column. */
export function canBeExposure(col: ColumnSummary, samples: number): boolean {
  return col.kind === "categorical" && col.levels.length >= 2 && col.levels.length < samples;
}

/**
 * An exposure `run` accepts as it is: every group has at least MIN_GROUP_SIZE samples. Only such a
 * column is pre-selected; others can still be chosen, with "drop small groups" if need be.
 */
export function runnableExposure(col: ColumnSummary, samples: number): boolean {
  return canBeExposure(col, samples) && col.levels.every((l) => l.count >= MIN_GROUP_SIZE);
}

function defaultChoice(col: ColumnSummary): ColumnChoice {
  const binary = col.kind === "categorical" && col.levels.length === 2;
  return {
    role: "none",
    outcomeType: binary ? "binary" : "continuous",
    positive: binary ? col.levels[1]!.level : "",
  };
}

/** The form for a freshly loaded dataset; the demo's (or any suggested) design fills it in. */
export function initialForm(summary: DatasetSummary): StudyForm {
  const choices: Record<string, ColumnChoice> = {};
  for (const col of summary.columns) choices[col.name] = defaultChoice(col);
  const s = summary.suggested;
  if (s) {
    const set = (name: string, patch: Partial<ColumnChoice>) => {
      if (choices[name]) choices[name] = { ...choices[name], ...patch };
    };
    set(s.design.exposure, { role: "exposure" });
    for (const c of s.design.covariates) set(c, { role: "covariate" });
    for (const d of s.dose) set(d, { role: "dose" });
    if (s.design.strata) set(s.design.strata, { role: "strata" });
    if (s.design.subject) set(s.design.subject, { role: "subject" });
    if (s.design.time) set(s.design.time, { role: "time" });
    for (const o of s.outcomes)
      set(o.column, { role: "outcome", outcomeType: o.type, positive: o.positive ?? "" });
    return {
      name: s.name,
      reference: s.design.reference,
      choices,
      level: s.analysis.level,
      permutations: s.analysis.permutations,
      seed: s.seed,
      predict: false,
      dropSmallGroups: s.design.drop_small_groups,
      hypotheses: s.hypotheses.map((h) => ({
        taxon: h.taxon,
        target: h.outcome ?? h.exposure ?? "",
        direction: h.direction ?? "",
      })),
    };
  }
  const exposure = summary.columns.find((c) => runnableExposure(c, summary.samples));
  if (exposure) choices[exposure.name] = { ...choices[exposure.name]!, role: "exposure" };
  return {
    name: "My study",
    reference: exposure?.levels[0]?.level ?? "",
    choices,
    level: summary.hasTaxonomy ? "genus" : "feature",
    permutations: 999,
    seed: 42,
    predict: false,
    dropSmallGroups: false,
    hypotheses: [],
  };
}

/** Directions that fit a hypothesis on `target`: up/down for the exposure, else positive/negative. */
export function directionsFor(form: StudyForm, target: string): HypothesisDraft["direction"][] {
  return columnsWithRole(form, "exposure").includes(target)
    ? ["", "up", "down"]
    : ["", "positive", "negative"];
}

/** Targets a hypothesis can name: the exposure column, then the outcome columns. */
export function hypothesisTargets(form: StudyForm): string[] {
  return [...columnsWithRole(form, "exposure"), ...columnsWithRole(form, "outcome")];
}

/** The `hypotheses:` list of study.yaml; rows without a taxon are left out. */
function hypothesesObject(form: StudyForm): Record<string, string>[] {
  const exposure = columnsWithRole(form, "exposure")[0];
  return form.hypotheses
    .filter((h) => h.taxon.trim() !== "")
    .map((h) => ({
      taxon: h.taxon.trim(),
      [h.target === exposure ? "exposure" : "outcome"]: h.target,
      ...(h.direction === "" ? {} : { direction: h.direction }),
    }));
}

export function columnsWithRole(form: StudyForm, role: Role): string[] {
  return Object.entries(form.choices)
    .filter(([, c]) => c.role === role)
    .map(([name]) => name);
}

/**
 * Gives `column` the role; an exposure, strata, subject or time column is unique, so the previous
 * one is cleared.
 */
export function assignRole(form: StudyForm, summary: DatasetSummary, column: string, role: Role): StudyForm {
  const choices = { ...form.choices };
  if (UNIQUE_ROLES.includes(role)) {
    for (const name of columnsWithRole(form, role)) choices[name] = { ...choices[name]!, role: "none" };
  }
  choices[column] = { ...choices[column]!, role };
  let reference = form.reference;
  if (role === "exposure") {
    reference = summary.columns.find((c) => c.name === column)?.levels[0]?.level ?? "";
  }
  return { ...form, choices, reference };
}

/** The study config as plain data, in the documented study.yaml layout (DESIGN.md §6). */
export function formToConfigObject(form: StudyForm, summary: DatasetSummary): Record<string, unknown> {
  const base = summary.suggested;
  const outcomes = columnsWithRole(form, "outcome").map((column) => {
    const c = form.choices[column]!;
    return c.outcomeType === "binary"
      ? { column, type: c.outcomeType, positive: c.positive }
      : { column, type: c.outcomeType };
  });
  const analysis = { ...(base?.analysis ?? {}), level: form.level, permutations: form.permutations };
  const hypotheses = hypothesesObject(form);
  return {
    name: form.name,
    data: summary.sources,
    design: {
      exposure: columnsWithRole(form, "exposure")[0] ?? "",
      reference: form.reference,
      covariates: columnsWithRole(form, "covariate"),
      strata: columnsWithRole(form, "strata")[0] ?? null,
      subject: columnsWithRole(form, "subject")[0] ?? null,
      time: columnsWithRole(form, "time")[0] ?? null,
      ...(form.dropSmallGroups ? { drop_small_groups: true } : {}),
    },
    outcomes,
    dose: columnsWithRole(form, "dose"),
    analysis,
    ...(form.predict && outcomes.length > 0
      ? { prediction: { ...(base?.prediction ?? {}), targets: outcomes.map((o) => o.column) } }
      : {}),
    ...(hypotheses.length > 0 ? { hypotheses } : {}),
    seed: form.seed,
  };
}

export interface FormConfig {
  yaml: string;
  config: StudyConfig;
}

/** study.yaml text and the config parsed from it; throws InputError (bad_config) like the CLI. */
export function formToConfig(form: StudyForm, summary: DatasetSummary): FormConfig {
  const data = `# ${summary.dataNote ?? "Put the data files named under `data:` next to this file."}\n`;
  const header =
    "# Written by the gutresponse in-browser app. Rerun with: gutresponse run study.yaml --out results\n" +
    data;
  const yaml = header + stringify(formToConfigObject(form, summary), { lineWidth: 0 });
  const parsed = parseStudyConfig(yaml, "study.yaml");
  // The form always names the reference (its first level by default), so the config is resolved.
  return { yaml, config: { ...parsed, design: { ...parsed.design, reference: form.reference } } };
}
