/**
 * Writes a whole results folder atomically: every file goes into a hidden temporary sibling folder,
 * which is renamed into place only when all files are written. An interrupted run (Ctrl-C, crash)
 * leaves no half-written results folder; the temporary folder is removed on SIGINT/SIGTERM.
 * A non-empty target is refused unless `force` is set (then it is replaced as a whole).
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../core/errors.js";

export interface OutputFile {
  /** Path relative to the results folder, with `/` separators. */
  path: string;
  content: string | Uint8Array;
}

async function isNonEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length > 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return false;
    if ((e as NodeJS.ErrnoException).code === "ENOTDIR") {
      throw InputError.single({
        code: "bad_argument",
        file: dir,
        message: "--out names a file, not a folder",
      });
    }
    throw e;
  }
}

/** Fails early (before any work) when `dir` cannot be written as a results folder. */
export async function checkOutputDir(dir: string, force: boolean): Promise<void> {
  if (!force && (await isNonEmptyDir(dir))) {
    throw InputError.single({
      code: "bad_argument",
      file: dir,
      message: "the output folder exists and is not empty",
      hint: "choose a new --out folder, or pass --force to replace it",
    });
  }
}

export async function writeOutputDir(
  dir: string,
  files: readonly OutputFile[],
  force: boolean,
): Promise<void> {
  const target = resolve(dir);
  await checkOutputDir(target, force);
  await mkdir(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.partial`);
  // A signal handler replaces Node's default exit, so it removes the partial folder and exits itself.
  const cleanup = (signal: NodeJS.Signals) => {
    rmSync(tmp, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", cleanup);
  process.once("SIGTERM", cleanup);
  try {
    for (const file of files) {
      const path = join(tmp, ...file.path.split("/"));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.content);
    }
    if (await isNonEmptyDir(target)) {
      const old = `${tmp}.old`;
      await rename(target, old);
      await rename(tmp, target);
      await rm(old, { recursive: true, force: true });
    } else {
      await rm(target, { recursive: true, force: true });
      await rename(tmp, target);
    }
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  } finally {
    process.removeListener("SIGINT", cleanup);
    process.removeListener("SIGTERM", cleanup);
  }
}
