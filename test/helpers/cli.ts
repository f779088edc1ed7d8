/**
 * Running the CLI in process for tests: `gutresponse <args>` through src/cli/main.ts with stdout and
 * stderr captured, a scratch folder removed after the test file, and TSV output read back as rows.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { main } from "../../src/cli/main.js";

/** One CLI call's exit code and what it wrote to stdout and stderr. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `gutresponse <args>` in process and captures its output. */
export async function runCli(args: readonly string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await main([...args], { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

/** A new folder under the system temp folder, removed with its contents after this test file. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A TSV text (header line, then rows) as one record per row, keyed by the header's columns. */
export function parseTsv(text: string): Record<string, string>[] {
  const [head = "", ...rows] = text.trimEnd().split("\n");
  const columns = head.split("\t");
  return rows.map((r) => Object.fromEntries(r.split("\t").map((v, i) => [columns[i] ?? String(i), v])));
}
