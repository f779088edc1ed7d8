/**
 * Guesses which role each dropped file plays from its name (the readers then sniff the format
 * from the content): `*.nwk`/`*.tre`/"tree" -> tree, "taxonomy"/"taxa" -> taxonomy,
 * "metadata"/"mapping"/"sample" -> metadata, anything else -> the feature table. Each role gets
 * the first file that fits; the user can change any of them with its file picker.
 */
import type { StudyFiles } from "./protocol.js";

export type FileRole = keyof StudyFiles;

export function guessRole(name: string): FileRole {
  const n = name.toLowerCase();
  if (/\.(nwk|newick|tre|tree)$/.test(n) || /(^|[^a-z])tree/.test(n)) return "tree";
  if (/taxonomy|taxa/.test(n)) return "taxonomy";
  if (/metadata|mapping|sample[-_ ]?(data|info|sheet)|questionnaire/.test(n)) return "metadata";
  return "table";
}

export function assignFiles(current: Partial<StudyFiles>, dropped: readonly File[]): Partial<StudyFiles> {
  const next = { ...current };
  const taken = new Set<FileRole>();
  for (const file of dropped) {
    const role = guessRole(file.name);
    if (taken.has(role)) continue;
    taken.add(role);
    next[role] = file;
  }
  return next;
}
