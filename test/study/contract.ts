/**
 * The results contract as users read it: each TSV's columns from the table of docs/RESULTS.md (the
 * one place they are written down), so the tests that check the files a run writes check them
 * against the documentation, not against the code's own column lists.
 */
import { readFileSync } from "node:fs";

/** Result files whose columns depend on the study (one per alpha metric), so the table gives no list. */
const FREE_FORM = new Set(["alpha.tsv"]);

/** A cell's text without its parenthesised remarks (nested ones included). */
function withoutRemarks(text: string): string {
  let out = text;
  for (let previous = ""; previous !== out; ) {
    previous = out;
    out = out.replace(/\([^()]*\)/g, "");
  }
  return out;
}

/**
 * `file.tsv` -> its columns, from the rows of docs/RESULTS.md's table naming a top-level TSV: the
 * comma-separated names before the first " — ", remarks in parentheses dropped.
 * @throws Error when a row's columns do not read as a list of names (the table changed shape).
 */
function contractColumns(markdown: string): Record<string, string[]> {
  const contract: Record<string, string[]> = {};
  for (const line of markdown.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const file = /^`([a-z_]+\.tsv)`$/.exec(cells[1] ?? "")?.[1];
    if (file === undefined || FREE_FORM.has(file)) continue;
    const names = withoutRemarks(cells[2] ?? "")
      .split(" — ")[0]!
      .split(",")
      .map((c) => c.trim());
    if (!names.every((c) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(c)))
      throw new Error(
        `docs/RESULTS.md: the columns of ${file} do not read as a list of names: ${names.join(" | ")}`,
      );
    contract[file] = names;
  }
  return contract;
}

/** The results contract (docs/RESULTS.md): each TSV's columns, as users' scripts rely on them. */
export const CONTRACT_COLUMNS: Record<string, string[]> = contractColumns(
  readFileSync(new URL("../../docs/RESULTS.md", import.meta.url), "utf8"),
);
