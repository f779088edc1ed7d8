/**
 * Output folders of commands that write several files (`simulate`, `demo`, `run`): the folder is
 * created when missing; an existing non-empty folder is refused unless `force` is set, so a
 * command never mixes its files with an earlier run's by accident.
 */
import { mkdir, readdir } from "node:fs/promises";
import { InputError } from "../core/errors.js";

export async function prepareOutputDir(dir: string, force: boolean): Promise<void> {
  let entries: string[] = [];
  try {
    entries = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") {
      throw InputError.single({ code: "bad_argument", file: dir, message: "exists and is not a directory" });
    }
    if (code !== "ENOENT") throw e;
  }
  if (entries.length > 0 && !force) {
    throw InputError.single({
      code: "bad_argument",
      file: dir,
      message: `output directory is not empty (${entries.length} entries)`,
      hint: "choose a new --out directory, or add --force to overwrite files in it",
    });
  }
  await mkdir(dir, { recursive: true });
}
