/**
 * Shared plumbing of the community-test commands (permanova, permdisp, anosim, mantel): reading the
 * distance matrix and metadata, aligning a metadata column with the matrix's samples, progress on
 * stderr, and writing a result table as TSV (io/tsv-format.ts: full precision, NA for missing).
 * `--permutations 0` is allowed, as in vegan: the statistics are computed without a permutation
 * test, p is NA, and a note on stderr says so.
 */
import type { DistanceMatrix } from "../../core/beta/distance-matrix.js";
import { InputError, listIds } from "../../core/errors.js";
import { getColumn, type SampleMetadata } from "../../core/table/metadata.js";
import { type Cell, formatTsv } from "../../io/tsv-format.js";
import type { CliContext } from "../command.js";
import { loadDistanceMatrix, loadMetadata } from "../../node/load.js";
import { intOption, Problems, requireOption } from "../args.js";
import { OUT_FILE_ARGS, writeOutputFile } from "../output.js";

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

/** Options every community command takes. */
export const PERMUTATION_ARGS = {
  permutations: { type: "string" },
  seed: { type: "string" },
  ...OUT_FILE_ARGS,
} as const;

/** Options of the one-grouping commands (permdisp, anosim). */
export const GROUPING_ARGS = {
  dm: { type: "string" },
  metadata: { type: "string" },
  column: { type: "string" },
  ...PERMUTATION_ARGS,
} as const;

/** permutations, seed and a progress reporter from the parsed options. */
export function permutationSettings(
  command: string,
  values: { permutations?: string; seed?: string },
  ctx: CliContext,
): { permutations: number; seed: number; onProgress: (done: number, total: number) => void } {
  const permutations = intOption(command, values.permutations, "permutations", 999, 0);
  if (permutations === 0) {
    ctx.stderr(`gutresponse ${command}: note: --permutations 0 runs no permutation test; p is NA\n`);
  }
  return {
    permutations,
    seed: intOption(command, values.seed, "seed", 42),
    onProgress: progressReporter(ctx, command),
  };
}

/** The distance matrix and the grouping labels (aligned with it) of a one-grouping command. */
export async function loadGrouping(
  command: string,
  values: { dm?: string; metadata?: string; column?: string },
): Promise<{ dm: DistanceMatrix; column: string; labels: (string | null)[] }> {
  const p = new Problems();
  const mdPath = p.check(() => requireOption(command, values.metadata, "metadata"));
  const column = p.check(() => requireOption(command, values.column, "column"));
  const dmPath = p.check(() => requireOption(command, values.dm, "dm"));
  const dm = dmPath === undefined ? undefined : await p.load(() => loadDistanceMatrix(dmPath));
  const md = mdPath === undefined ? undefined : await p.load(() => loadMetadata(mdPath));
  p.throwIfAny();
  return { dm: dm!, column: column!, labels: labelsFor(command, dm!, md!, column!, mdPath!) };
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

export function printWarnings(ctx: CliContext, command: string, warnings: readonly string[]): void {
  for (const w of warnings) ctx.stderr(`gutresponse ${command}: warning: ${w}\n`);
}
