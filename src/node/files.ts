/**
 * Node file adapters: read inputs with clear errors, write outputs atomically (temporary file in the
 * same directory, then rename), never touch input files.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../core/errors.js";

/** How a relative path was resolved, for the hint of a file that cannot be read. */
const FROM_CURRENT_DIRECTORY = "check the path (relative paths are taken from the current directory)";

/** Runs `read` on an input file, turning a missing file, a directory or a read failure into an InputError. */
async function readChecked<T>(
  path: string,
  read: () => Promise<T>,
  hint = FROM_CURRENT_DIRECTORY,
): Promise<T> {
  try {
    const s = await stat(path);
    if (s.isDirectory()) {
      throw InputError.single({
        code: "bad_argument",
        file: path,
        message: "is a directory, expected a file",
      });
    }
    return await read();
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

export function readInput(path: string, hint = FROM_CURRENT_DIRECTORY): Promise<Uint8Array> {
  return readChecked(path, async () => new Uint8Array(await readFile(path)), hint);
}

/** The first `length` bytes of an input file (fewer when it is shorter), to sniff its format. */
export function readInputHead(path: string, length: number): Promise<Uint8Array> {
  return readChecked(path, async () => {
    const handle = await open(path, "r");
    try {
      const buf = new Uint8Array(length);
      const { bytesRead } = await handle.read(buf, 0, length, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  });
}

export async function readInputText(path: string): Promise<string> {
  return new TextDecoder("utf-8").decode(await readInput(path));
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Writes a file atomically: `write` fills a temporary sibling (an absolute path), which is then
 * renamed over the target; on failure the temporary file is removed and the target left untouched.
 */
export async function withAtomicPath(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const target = resolve(path);
  await mkdir(dirname(target), { recursive: true });
  const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await write(tmp);
    await rename(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return withAtomicPath(path, (tmp) => writeFile(tmp, data));
}

/** Writes text pieces atomically through one file handle, in ~1 MB writes (never one big string). */
export function writeLinesAtomic(path: string, pieces: Iterable<string>): Promise<void> {
  return withAtomicPath(path, async (tmp) => {
    const handle = await open(tmp, "w");
    try {
      let pending: string[] = [];
      let size = 0;
      for (const piece of pieces) {
        pending.push(piece);
        size += piece.length;
        if (size >= 1 << 20) {
          await handle.write(pending.join(""));
          pending = [];
          size = 0;
        }
      }
      if (pending.length > 0) await handle.write(pending.join(""));
    } finally {
      await handle.close();
    }
  });
}
