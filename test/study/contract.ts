/**
 * The results contract as users' scripts rely on it: each TSV's columns, read from the table of
 * docs/RESULTS.md (the one place they are written down) rather than restated here. A row there
 * reads "| `file.tsv` | col, col (note), col — note |": parenthesised notes and everything after
 * " — " are not columns.
 */
import { readFileSync } from "node:fs";

const RESULTS_MD = readFileSync(new URL("../../docs/RESULTS.md", import.meta.url), "utf8");

/** The files whose documented columns the tests check, in docs/RESULTS.md's order. */
const CONTRACT_FILES = [
  "alpha_tests.tsv",
  "permanova.tsv",
  "permdisp.tsv",
  "differential_abundance.tsv",
  "consensus.tsv",
  "associations.tsv",
  "hypotheses.tsv",
  "sensitivity.tsv",
  "sensitivity_variants.tsv",
  "calibration.tsv",
  "prediction.tsv",
] as const;

/** Text without its parenthesised parts (nested ones included). */
function withoutNotes(text: string): string {
  let depth = 0;
  let out = "";
  for (const ch of text) {
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

/** The columns docs/RESULTS.md lists for `file`. */
export function documentedColumns(file: string): string[] {
  const row = RESULTS_MD.split("\n").find((l) => l.startsWith(`| \`${file}\` |`));
  if (row === undefined) throw new Error(`docs/RESULTS.md has no row for ${file}`);
  const cell = row.split(" | ")[1]!;
  return withoutNotes(cell.split(" — ")[0]!)
    .split(",")
    .map((c) => c.replace(/\|$/, "").trim());
}

export const CONTRACT_COLUMNS: Record<string, string[]> = Object.fromEntries(
  CONTRACT_FILES.map((f) => [f, documentedColumns(f)]),
);
