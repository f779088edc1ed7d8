/**
 * The per-cohort inputs of a meta-analysis (what one `gutresponse run` results folder holds, read
 * by src/io/results-folder.ts) and the check that the cohorts can be pooled: the same analysis
 * rank, the same differential-abundance methods, the same exposure, reference level and contrast,
 * and, when associations are pooled, the same outcomes (column and type) and dose columns. Every
 * mismatch becomes one InputError issue naming the cohort folder, the setting and both values.
 * Different covariates are allowed (each cohort adjusts for what it measured) and reported as a
 * warning.
 */
import { type Issue, InputError } from "../errors.js";

/** Which result file an estimate comes from: differential abundance or host-outcome associations. */
export type MetaAnalysisKind = "differential_abundance" | "association";

/** The settings of a run that decide whether its estimates can be pooled with another's. */
export interface CohortSettings {
  rank: string;
  daMethods: string[];
  exposure: string;
  reference: string;
  covariates: string[];
  /** Outcomes as `column (type)`. */
  outcomes: string[];
  dose: string[];
  simulated: boolean;
}

/** One taxon's estimate in one cohort (a row of differential_abundance.tsv or associations.tsv). */
export interface CohortEstimate {
  analysis: MetaAnalysisKind;
  /** DA method, or the association model (ols, logistic, poisson, ...). */
  method: string;
  /** The contrast (DA: the `contrast` column, else the `term`; associations: `contrast` or ""). */
  contrast: string;
  /** Association outcome (or dose column); null for DA. */
  outcome: string | null;
  /** The scale of the estimate (DA: log2 fold change; associations: `estimate_scale`). */
  scale: string;
  taxon: string;
  /** null when missing (NA). */
  estimate: number | null;
  se: number | null;
}

/**
 * One cohort's results folder as the meta-analysis reads it: its name, run settings, which files it has, and
 * its estimates.
 */
export interface CohortResults {
  /** The results folder as given on the command line (names the cohort everywhere). */
  name: string;
  /** The file the settings came from, for error messages. */
  settingsFile: string;
  settings: CohortSettings;
  /** Which result files the folder holds. */
  has: Record<MetaAnalysisKind, boolean>;
  estimates: CohortEstimate[];
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

const show = (values: readonly string[]) => (values.length === 0 ? "(none)" : values.join(", "));

/** The DA contrasts a cohort's rows name. */
function contrasts(c: CohortResults, analysis: MetaAnalysisKind): string[] {
  return [...new Set(c.estimates.filter((e) => e.analysis === analysis).map((e) => e.contrast))];
}

/**
 * Throws an InputError listing every way the cohorts differ from the first one; returns warnings
 * for differences that do not prevent pooling (covariates).
 * @throws {InputError} `bad_argument` (fewer than 2 cohorts, a folder twice), `bad_config` /
 *   `missing_column` (settings that prevent pooling), all collected into one error.
 */
export function checkCohorts(cohorts: readonly CohortResults[]): string[] {
  if (cohorts.length < 2) {
    throw InputError.single({
      code: "bad_argument",
      ...(cohorts[0] ? { file: cohorts[0].name } : {}),
      message: `a meta-analysis needs at least 2 cohorts' results folders, got ${cohorts.length}`,
      hint: "pass two or more folders written by 'gutresponse run', e.g. gutresponse meta a/results b/results --out meta/",
    });
  }
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const c of cohorts) {
    if (seen.has(c.name)) {
      issues.push({
        code: "bad_argument",
        file: c.name,
        message: "this results folder is given twice",
        hint: "each cohort must be given once",
      });
    }
    seen.add(c.name);
  }
  const first = cohorts[0]!;
  const a = first.settings;
  const warnings: string[] = [];
  for (const c of cohorts.slice(1)) {
    const b = c.settings;
    const differ = (key: string, what: string, mine: string, theirs: string, hint: string) =>
      issues.push({
        code: "bad_config",
        file: c.settingsFile,
        key,
        message: `${what}: ${mine} here, but ${theirs} in '${first.name}'`,
        hint,
      });
    if (a.rank !== b.rank) {
      differ(
        "analysis.level",
        "analysis rank",
        `'${b.rank}'`,
        `'${a.rank}'`,
        "estimates at different ranks describe different taxa; rerun the cohorts at one rank (analysis.level)",
      );
    }
    if (a.exposure !== b.exposure || a.reference !== b.reference) {
      differ(
        "design.exposure",
        "exposure (reference level)",
        `'${b.exposure}' ('${b.reference}')`,
        `'${a.exposure}' ('${a.reference}')`,
        "pooled effects must compare the same groups; use the same exposure column and reference level",
      );
    }
    for (const kind of ["differential_abundance", "association"] as const) {
      if (first.has[kind] !== c.has[kind]) {
        const file = kind === "differential_abundance" ? "differential_abundance.tsv" : "associations.tsv";
        issues.push({
          code: "missing_column",
          file: c.name,
          message: `${file} is ${c.has[kind] ? "present" : "missing"} here but ${first.has[kind] ? "present" : "missing"} in '${first.name}'`,
          hint: "every cohort must have run the same analyses",
        });
      }
    }
    // a list that must hold the same members in every cohort
    const differSets = (
      key: string,
      what: string,
      mine: readonly string[],
      theirs: readonly string[],
      hint: string,
    ) => {
      if (!sameSet(theirs, mine)) differ(key, what, show(mine), show(theirs), hint);
    };
    if (first.has.differential_abundance && c.has.differential_abundance) {
      differSets(
        "analysis.da_methods",
        "differential-abundance methods",
        b.daMethods,
        a.daMethods,
        "rerun the cohorts with the same analysis.da_methods",
      );
      differSets(
        "design.exposure",
        "differential-abundance contrasts",
        contrasts(c, "differential_abundance"),
        contrasts(first, "differential_abundance"),
        "the exposure must have the same levels and reference in every cohort",
      );
    }
    if (first.has.association && c.has.association) {
      differSets(
        "outcomes",
        "outcomes",
        b.outcomes,
        a.outcomes,
        "use the same outcome columns and types in every cohort",
      );
      differSets("dose", "dose columns", b.dose, a.dose, "use the same dose columns in every cohort");
    }
    if (!sameSet(a.covariates, b.covariates)) {
      warnings.push(
        `'${c.name}' adjusts for ${show(b.covariates)}, '${first.name}' for ${show(a.covariates)}: pooled estimates mix differently adjusted effects`,
      );
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  return warnings;
}
