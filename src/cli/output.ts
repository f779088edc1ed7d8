/**
 * One rule for every command's output files: `--out` is checked before any work (a folder, a path
 * under a file, an unwritable folder or an existing file without `--force` is an input error, exit
 * 2), parent folders are created when needed (and said so on stderr), and every file is written
 * atomically (node/files.ts), so a failed or interrupted write leaves nothing behind.
 */
import { constants } from "node:fs";
import { access, mkdir, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { InputError, type Issue } from "../core/errors.js";
import { writeFileAtomic } from "../node/files.js";
import type { CliContext } from "./command.js";

/** The file written next to a `--out F.tsv` table: F.PART.tsv (e.g. F.consensus.tsv). */
export function besideTsv(out: string, part: string): string {
  return out.replace(/(\.tsv)?$/i, `.${part}.tsv`);
}

function errnoCode(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException).code;
}

async function problemWith(path: string, force: boolean): Promise<Issue | null> {
  const target = resolve(path);
  const issue = (message: string, hint?: string): Issue => ({
    code: "cannot_write",
    file: path,
    message,
    ...(hint === undefined ? {} : { hint }),
  });
  try {
    const s = await stat(target);
    if (s.isDirectory()) {
      return issue(
        "is a folder; --out takes a file name here",
        `give a file name, e.g. ${path.replace(/\/+$/, "")}/result.tsv`,
      );
    }
    if (!force) return issue("exists", "pass --force to replace it, or choose another --out");
  } catch (e) {
    if (errnoCode(e) === "ENOTDIR") return issue("a folder on this path is a file");
    if (errnoCode(e) !== "ENOENT") return issue(`cannot be checked (${errnoCode(e) ?? String(e)})`);
  }
  // The nearest folder that exists must be a folder we may write in.
  let dir = dirname(target);
  for (;;) {
    try {
      if (!(await stat(dir)).isDirectory()) return issue(`'${dir}' is a file, not a folder`);
      break;
    } catch (e) {
      if (errnoCode(e) !== "ENOENT" || dirname(dir) === dir) return issue(`cannot use folder '${dir}'`);
      dir = dirname(dir);
    }
  }
  try {
    await access(dir, constants.W_OK);
  } catch {
    return issue(`cannot write in folder '${dir}' (permission denied)`, "choose a folder you can write in");
  }
  return null;
}

/**
 * Checks, before any work, that every path can be written; lists all problems at once.
 * `undefined` or "-" (standard output) is skipped.
 */
export async function checkOutputFiles(
  paths: readonly (string | undefined)[],
  force: boolean | undefined,
): Promise<void> {
  const issues: Issue[] = [];
  for (const p of paths) {
    if (p === undefined || p === "-") continue;
    const issue = await problemWith(p, force === true);
    if (issue) issues.push(issue);
  }
  if (issues.length > 0) throw new InputError(issues);
}

/** Writes one output file atomically, saying on stderr when its parent folders are created. */
export async function writeOutputFile(
  ctx: CliContext,
  command: string,
  path: string,
  data: string | Uint8Array,
): Promise<void> {
  await createParentFolder(ctx, command, path);
  await writeFileAtomic(path, data);
}

/** Creates the folder `path` goes into when it does not exist yet, and says so on stderr. */
export async function createParentFolder(ctx: CliContext, command: string, path: string): Promise<void> {
  const created = await mkdir(dirname(resolve(path)), { recursive: true });
  if (created !== undefined) ctx.stderr(`gutresponse ${command}: created folder ${created}\n`);
}

/**
 * For commands that write a results folder (node/output-dir.ts creates its parents): says on
 * stderr, before the work, when the folder's parent folders do not exist and will be created.
 */
export async function announceParentFolders(ctx: CliContext, command: string, dir: string): Promise<void> {
  const parent = dirname(resolve(dir));
  try {
    await stat(parent);
  } catch (e) {
    if (errnoCode(e) === "ENOENT") ctx.stderr(`gutresponse ${command}: will create folder ${parent}\n`);
  }
}
