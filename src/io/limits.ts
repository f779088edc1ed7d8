/**
 * Size limits checked BEFORE allocating, so an absurd declared shape or a zip bomb is refused with
 * a clear error instead of exhausting memory (a browser tab has ~2-4 GB).
 *
 * - MAX_IDS: samples or features per table (50 million).
 * - MAX_NONZEROS: stored non-zero values per table (250 million: 3 GB as Float64 + Int32).
 * - MAX_DENSE_CELLS: cells of a dense matrix (BIOM JSON `dense`): 2^28 (2 GiB of Float64).
 * - MAX_UNPACKED_BYTES: the declared uncompressed size of one file inside a .qza (1 GiB), and
 *   of all files read from one archive together.
 */
import { InputError } from "../core/errors.js";

/** Most samples, or features, a table may declare. */
export const MAX_IDS = 50_000_000;
/** Most stored non-zero values a table may declare (≈3 GB as Float64 + Int32). */
export const MAX_NONZEROS = 250_000_000;
/** Most cells of a dense BIOM JSON matrix (2 GiB of Float64). */
export const MAX_DENSE_CELLS = 2 ** 28;
/** Most declared uncompressed bytes of one .qza entry, and of all entries read from one archive (1 GiB). */
export const MAX_UNPACKED_BYTES = 2 ** 30;

/**
 * Throws `too_large` when `value` exceeds `limit`.
 * @throws {InputError} `too_large`.
 */
export function checkLimit(value: number, limit: number, what: string, source: string): void {
  if (!(value <= limit)) {
    throw InputError.single({
      code: "too_large",
      file: source,
      message: `${what} is ${value}, above the limit of ${limit}`,
      hint: "the file declares an absurd size (corrupt, or a zip bomb); if it is real, split it",
    });
  }
}
