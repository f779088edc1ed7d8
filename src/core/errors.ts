/**
 * Errors are data (as in zod): a closed set of issue codes, where each issue happened (file, line,
 * column, sample or feature ID), and a hint. One place, `formatIssue`, turns them into text.
 *
 * - `InputError`: the user's input is wrong; carries every issue found (validation collects all
 *   issues before throwing). The CLI exits 2.
 * - `ParseError`: a file could not be parsed at all (corrupt, truncated, wrong format). Exit 2.
 * - `NumericalError`: a computation cannot proceed (singular design, no convergence). Exit 1.
 */

/**
 * The closed set of problem kinds an {@link Issue} can report; tests and the CLI match on these, never on
 * message text.
 */
export type IssueCode =
  | "negative_value"
  | "fractional_count"
  | "non_numeric"
  | "non_finite"
  | "duplicate_id"
  | "empty_table"
  | "all_zero_sample"
  | "id_mismatch"
  | "missing_tips"
  | "missing_branch_length"
  | "corrupt_file"
  | "truncated_file"
  | "unknown_format"
  | "too_large"
  | "wrong_artifact_type"
  | "file_not_found"
  | "bad_header"
  | "ragged_row"
  | "bad_config"
  | "missing_column"
  | "bad_level"
  | "out_of_range"
  | "bad_formula"
  | "bad_argument"
  | "too_few_samples"
  | "not_symmetric"
  | "bad_value"
  | "cannot_write";

/**
 * Where an issue happened, as precisely as known: input file, 1-based line, column (name or
 * 1-based index), sample or feature ID, or config key path. Every field is optional.
 */
export interface IssueLocation {
  file?: string;
  line?: number;
  column?: string | number;
  sampleId?: string;
  featureId?: string;
  key?: string;
}

/**
 * One problem with the input: its code, a sentence saying what is wrong, and optionally what to do about it.
 */
export interface Issue extends IssueLocation {
  code: IssueCode;
  message: string;
  hint?: string;
}

/** Base class of every error gutresponse throws on purpose (as opposed to a bug). */
export class GutresponseError extends Error {
  override name = "GutresponseError";
}

/** How many offending IDs to list before summarising with a count. */
export const MAX_LISTED_IDS = 5;

/**
 * One issue as one line of text: `[code] file, line 3, sample 'S1': message`, then the hint on an
 * indented `hint:` line. The only place issues become text.
 */
export function formatIssue(issue: Issue): string {
  const where: string[] = [];
  if (issue.file !== undefined) where.push(issue.file);
  if (issue.line !== undefined) where.push(`line ${issue.line}`);
  if (issue.column !== undefined) where.push(`column ${issue.column}`);
  if (issue.key !== undefined) where.push(`key '${issue.key}'`);
  if (issue.sampleId !== undefined) where.push(`sample '${issue.sampleId}'`);
  if (issue.featureId !== undefined) where.push(`feature '${issue.featureId}'`);
  const head = where.length > 0 ? `${where.join(", ")}: ` : "";
  const hint = issue.hint ? `\n    hint: ${issue.hint}` : "";
  return `[${issue.code}] ${head}${issue.message}${hint}`;
}

/** Lists the first few IDs and the total, e.g. `'a', 'b', 'c' and 12 more (15 in all)`. */
export function listIds(ids: readonly string[], max = MAX_LISTED_IDS): string {
  const shown = ids
    .slice(0, max)
    .map((id) => `'${id}'`)
    .join(", ");
  return ids.length > max ? `${shown} and ${ids.length - max} more (${ids.length} in all)` : shown;
}

/**
 * The user's input is wrong (bad values, missing columns, mismatched IDs, bad options). Carries every
 * issue found, so one run reports all of them; the CLI prints them and exits 2.
 */
export class InputError extends GutresponseError {
  override name = "InputError";
  readonly issues: readonly Issue[];
  /** An error carrying every issue found; its message is the issues formatted one per line. */
  constructor(issues: readonly Issue[]) {
    super(issues.map(formatIssue).join("\n"));
    this.issues = issues;
  }
  /** An error carrying one issue. */
  static single(issue: Issue): InputError {
    return new InputError([issue]);
  }
}

/** A file could not be parsed at all (corrupt, truncated, unknown format); an {@link InputError}, exit 2. */
export class ParseError extends InputError {
  override name = "ParseError";
}

/**
 * A computation cannot proceed on valid input (singular design, no convergence); the CLI exits 1.
 */
export class NumericalError extends GutresponseError {
  override name = "NumericalError";
}

/** Collects issues during validation and throws them all at once. */
export class IssueCollector {
  readonly issues: Issue[] = [];
  /** Stop collecting past this many issues of one code, so a huge bad file stays readable. */
  constructor(private readonly maxPerCode = 20) {}
  /** Records an issue (dropped once `maxPerCode` issues of its code are held). */
  add(issue: Issue): void {
    const sameCode = this.issues.filter((i) => i.code === issue.code).length;
    if (sameCode < this.maxPerCode) this.issues.push(issue);
  }
  /** Number of issues collected so far. */
  get size(): number {
    return this.issues.length;
  }
  /**
   * Throws the collected issues as one error; does nothing when none were collected.
   * @throws {InputError} when at least one issue was added.
   */
  throwIfAny(): void {
    if (this.issues.length > 0) throw new InputError(this.issues);
  }
}
