/**
 * Loads a `gutresponse run` results folder for `gutresponse meta`: provenance.json (required: a
 * folder without it is not a results folder) and differential_abundance.tsv / associations.tsv
 * when present, parsed by src/io/results-folder.ts; every file read is listed with its sha256 for
 * the meta-analysis's provenance.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../core/errors.js";
import type { CohortResults } from "../core/meta/cohorts.js";
import type { StudyInput } from "../core/study/results.js";
import { ASSOCIATIONS_FILE, DA_FILE, PROVENANCE_FILE, parseResultsFolder } from "../io/results-folder.js";
import { readInput, sha256 } from "./files.js";

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export async function loadResultsFolder(
  dir: string,
): Promise<{ cohort: CohortResults; inputs: StudyInput[] }> {
  let isDir = false;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch {
    throw InputError.single({ code: "file_not_found", file: dir, message: "no such folder" });
  }
  if (!isDir || !(await isFile(join(dir, PROVENANCE_FILE)))) {
    throw InputError.single({
      code: "file_not_found",
      file: dir,
      message: isDir ? `is not a results folder (no ${PROVENANCE_FILE})` : "is not a folder",
      hint: "give the --out folders of 'gutresponse run' (one per cohort)",
    });
  }
  const inputs: StudyInput[] = [];
  const text = async (file: string): Promise<string | undefined> => {
    const path = join(dir, file);
    if (file !== PROVENANCE_FILE && !(await isFile(path))) return undefined;
    const bytes = await readInput(path);
    const content = new TextDecoder("utf-8").decode(bytes);
    const lines = content.split("\n").filter((l) => l !== "").length;
    inputs.push({
      role: file === PROVENANCE_FILE ? "provenance" : "results",
      path,
      sha256: sha256(bytes),
      dims: file === PROVENANCE_FILE ? `${bytes.length} bytes` : `${Math.max(0, lines - 1)} rows`,
    });
    return content;
  };
  const provenance = (await text(PROVENANCE_FILE))!;
  const differentialAbundance = await text(DA_FILE);
  const associations = await text(ASSOCIATIONS_FILE);
  return {
    cohort: parseResultsFolder(dir, {
      provenance,
      ...(differentialAbundance === undefined ? {} : { differentialAbundance }),
      ...(associations === undefined ? {} : { associations }),
    }),
    inputs,
  };
}
