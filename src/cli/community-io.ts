/**
 * Shared plumbing of the community-test commands (permanova, permdisp, anosim, mantel): reading the
 * distance matrix and metadata, aligning a metadata column with the matrix's samples, progress on
 * stderr, and writing a result table as TSV (io/tsv-format.ts: full precision, NA for missing).
 * `--permutations 0` is allowed, as in vegan: the statistics are computed without a permutation
 * test, p is NA, and a note on stderr says so.
 */
import type { DistanceMatrix } from "../core/beta/distance-matrix.js";
import { InputError, listIds } from "../core/errors.js";
import { getColumn, type SampleMetadata } from "../core/table/metadata.js";
import { type Cell, formatTsv } from "../io/tsv-format.js";
import { loadDistanceMatrix, loadMetadata } from "../node/load.js";
import type { CliContext, Invocation } from "./command.js";
import { checkOutputFiles, writeOutputFile } from "./output.js";
import type { GROUPING_OPTIONS } from "./specs/shared.js";

/** One label per sample of `dm` from metadata column `name` (null = missing). */
export function labelsFor(
  command: string,
  dm: DistanceMatrix,
  md: SampleMetadata,
  name: string,
  source: string,
): (string | null)[] {
  const col = getColumn(md, name);
  if (!col) {
    throw InputError.single({
      code: "missing_column",
      file: source,
      column: name,
      message: `no column '${name}' in the metadata (columns: ${md.columns.map((c) => c.name).join(", ")})`,
      hint: `run 'gutresponse ${command} --help'`,
    });
  }
  const row = new Map(md.ids.map((id, i) => [id, i]));
  const absent = dm.ids.filter((id) => !row.has(id));
  if (absent.length > 0) {
    throw InputError.single({
      code: "id_mismatch",
      file: source,
      message: `${absent.length} sample(s) of the distance matrix are not in the metadata: ${listIds(absent)}`,
      hint: "add them to the metadata, or subset the distance matrix",
    });
  }
  return dm.ids.map((id) => {
    const i = row.get(id)!;
    if (col.kind === "categorical") return col.values[i]!;
    const v = col.values[i]!;
    return Number.isNaN(v) ? null : String(v);
  });
}

/**
 * The permutation settings of a community test: its checked `--permutations` and `--seed`, with a
 * note on stderr when no permutation test will run, and a progress reporter.
 */
export function permutationSettings(
  command: string,
  values: { permutations: number; seed: number },
  ctx: CliContext,
): PermutationSettings {
  if (values.permutations === 0) {
    ctx.stderr(`gutresponse ${command}: note: --permutations 0 runs no permutation test; p is NA\n`);
  }
  return { permutations: values.permutations, seed: values.seed, onProgress: progressReporter(ctx, command) };
}

/** What a permutation test receives: counts, seed and a progress reporter. */
export interface PermutationSettings {
  permutations: number;
  seed: number;
  onProgress: (done: number, total: number) => void;
}

/** The one-row result of a one-grouping test: its statistic, p and permutations used. */
interface GroupingTestResult {
  statistic: number;
  p: number | null;
  permutations: number;
  warnings: readonly string[];
}

/**
 * Runs a one-grouping permutation test (permdisp, anosim): checks `--out`, loads the distance
 * matrix and the grouping column (every problem with the options and the files reported at once),
 * runs `test` and writes its row: term (the column), the statistic named `statistic`, p,
 * permutations.
 * @throws InputError listing every problem, or naming a missing column or sample
 */
export async function runGroupingTest(
  command: string,
  args: Invocation<typeof GROUPING_OPTIONS>,
  ctx: CliContext,
  statistic: string,
  test: (dm: DistanceMatrix, labels: (string | null)[], settings: PermutationSettings) => GroupingTestResult,
): Promise<number> {
  const { values, problems } = args;
  await problems.load(() => checkOutputFiles([values.out], values.force));
  const dm = await problems.loadPath(values.dm, loadDistanceMatrix);
  const md = await problems.loadPath(values.metadata, loadMetadata);
  const v = args.checked();
  const labels = labelsFor(command, dm!, md!, v.column, v.metadata);
  const result = test(dm!, labels, permutationSettings(command, v, ctx));
  await writeResult(
    ctx,
    command,
    result,
    v.out,
    ["term", statistic, "p", "permutations"],
    [[v.column, result.statistic, result.p, result.permutations]],
  );
  return 0;
}

/** Prints "permutations done/total" to stderr at every 10% of a long run. */
export function progressReporter(ctx: CliContext, label: string): (done: number, total: number) => void {
  let shown = -1;
  return (done, total) => {
    const tenth = Math.floor((10 * done) / total);
    if (total < 1000 || tenth === shown) return;
    shown = tenth;
    ctx.stderr(`${label}: ${done}/${total} permutations\n`);
  };
}

/**
 * Prints the result's warnings to stderr, then writes rows as TSV to `out` ("-" or absent: stdout).
 */
export async function writeResult(
  ctx: CliContext,
  command: string,
  result: { warnings: readonly string[] },
  out: string | undefined,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): Promise<void> {
  printWarnings(ctx, command, result.warnings);
  const text = formatTsv(header, rows);
  if (out === undefined || out === "-") ctx.stdout(text);
  else await writeOutputFile(ctx, command, out, text);
}

/** Prints each warning to stderr as "gutresponse COMMAND: warning: ...". */
export function printWarnings(ctx: CliContext, command: string, warnings: readonly string[]): void {
  for (const w of warnings) ctx.stderr(`gutresponse ${command}: warning: ${w}\n`);
}
