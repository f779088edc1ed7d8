/**
 * Checks on lists of IDs (sample, feature, tip names) shared by the table, tree and metadata
 * layers; kept out of both so neither imports the other for it.
 */
import { InputError, listIds } from "./errors.js";

/** Duplicate IDs in a list, each reported once, in first-seen order. */
export function duplicateIds(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) dup.add(id);
    else seen.add(id);
  }
  return [...dup];
}

/**
 * The position in `available` of each of `wanted`, in `wanted`'s order (for subsetting and
 * reordering rows of a table, metadata or distance matrix).
 * @throws InputError `id_mismatch` naming the wanted IDs `available` lacks ("N sample(s) not in
 *   the <where>: ..."), with `hint` as what to do.
 */
export function positionsOf(
  available: readonly string[],
  wanted: readonly string[],
  where: string,
  hint: string,
): number[] {
  const pos = new Map(available.map((id, i) => [id, i]));
  const absent = wanted.filter((id) => !pos.has(id));
  if (absent.length > 0) {
    throw InputError.single({
      code: "id_mismatch",
      message: `${absent.length} sample(s) not in the ${where}: ${listIds(absent)}`,
      hint,
    });
  }
  return wanted.map((id) => pos.get(id)!);
}
