/**
 * Node file adapters: read inputs with clear errors, write outputs atomically (temporary file in the
 * same directory, then rename), never touch input files.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../core/errors.js";

/** How a relative path was resolved, for the hint of a file that cannot be read. */
const FROM_CURRENT_DIRECTORY = "check the path (relative paths are taken from the current directory)";

export async function readInput(path: string, hint = FROM_CURRENT_DIRECTORY): Promise<Uint8Array> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) {
      throw InputError.single({
        code: "bad_argument",
        file: path,
        message: "is a directory, expected a file",
      });
    }
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw InputError.single({
      code: "file_not_found",
      file: path,
      message: code === "ENOENT" ? "no such file" : `cannot read (${code ?? String(e)})`,
      hint,
    });
  }
}

export async function readInputText(path: string): Promise<string> {
  return new TextDecoder("utf-8").decode(await readInput(path));
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Writes a file atomically: a temporary sibling is written first, then renamed over the target. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const target = resolve(path);
  await mkdir(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
