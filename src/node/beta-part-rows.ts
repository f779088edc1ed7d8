/**
 * Rows of the square distance matrix read straight from the checked parts of `beta --stripes I/N`
 * jobs, so `beta-merge --out F.h5` never holds the matrix: its memory is a window of rows, whatever
 * n is (and n may exceed what one typed array holds, distance-matrix.ts MAX_MATRIX_SAMPLES).
 *
 * Stripe k (0 <= k < T = floor(n/2)) holds at slot i the pair (i, (i + k + 1) mod n) (stripes.ts).
 * For rows [w0, w1) every stripe is read twice, each time a run of w1 - w0 slots (two when it wraps):
 *   slots [w0, w1):                    row i, column (i + k + 1) mod n
 *   slots [w0 - k - 1, w1 - k - 1) mod n: slot s is row (s + k + 1) mod n, column s
 * Every off-diagonal entry (i, j) of the window is one of these: with k = (j - i - 1) mod n, the
 * first when k < T, else the second for k' = n - 2 - k < T. Values are copied, never recomputed,
 * so the rows equal those of the merged condensed matrix bit for bit.
 */
import { closeSync, openSync, readSync } from "node:fs";
import { nStripes } from "../core/beta/stripes.js";
import { InputError } from "../core/errors.js";
import type { SquareRows } from "../io/dm-hdf5.js";
import { PART_BYTES, type StripePart } from "./beta-partial.js";

/** About how many doubles the window of rows may hold (256 MB). */
const WINDOW_VALUES = 1 << 25;

/** Square rows served from open parts; `close` releases the files. */
export interface PartRows {
  rows: SquareRows;
  close(): void;
}

/**
 * Opens the parts (checked by readCheckedParts) and serves rows of their matrix, filling a
 * window of at least `windowRows` rows at a time (default: n/8 rows up to ~256 MB, at least 64),
 * more when a request spans more.
 */
export function partRows(parts: readonly StripePart[], windowRows?: number): PartRows {
  const { n, precision } = parts[0]!.header;
  const width = PART_BYTES[precision];
  const stripes = nStripes(n);
  const fdOf = new Int32Array(stripes);
  const offsetOf = new Float64Array(stripes);
  const fds: number[] = [];
  try {
    for (const p of parts) {
      const fd = openSync(p.path, "r");
      fds.push(fd);
      for (let k = p.header.start; k < p.header.stop; k++) {
        fdOf[k] = fd;
        offsetOf[k] = p.dataOffset + (k - p.header.start) * n * width;
      }
    }
  } catch (e) {
    for (const fd of fds) closeSync(fd);
    throw e;
  }
  // at most ~256 MB, and at most an eighth of the square matrix (smaller than the condensed
  // matrix the merge would otherwise hold), but at least 64 rows
  const height =
    windowRows ?? Math.max(64, Math.min(Math.floor(WINDOW_VALUES / Math.max(1, n)), Math.ceil(n / 8)));
  let window = new Float64Array(0);
  let w0 = 0;
  let w1 = 0;
  const run = new Float64Array(n);
  const runBytes = new Uint8Array(n * width);
  const run32 = new Float32Array(runBytes.buffer);
  const runView = precision === "float32" ? run32 : new Float64Array(runBytes.buffer);

  /** Slots [s, s + count) of stripe k (no wrap) into run[0 .. count). */
  const readSlots = (k: number, s: number, count: number): void => {
    const length = count * width;
    const got = readSync(fdOf[k]!, runBytes, 0, length, offsetOf[k]! + s * width);
    if (got !== length) {
      throw InputError.single({
        code: "truncated_file",
        message: `stripe ${k} ended while reading`,
        hint: "re-run the `gutresponse beta --stripes I/N` job that writes it",
      });
    }
    for (let x = 0; x < count; x++) run[x] = runView[x]!;
  };
  /** Slots [s0, s0 + count) mod n of stripe k, each handed to `put(slot, value)`. */
  const eachSlot = (k: number, s0: number, count: number, put: (s: number, v: number) => void): void => {
    let s = s0;
    let left = count;
    while (left > 0) {
      const take = Math.min(left, n - s);
      readSlots(k, s, take);
      for (let x = 0; x < take; x++) put(s + x, run[x]!);
      left -= take;
      s = (s + take) % n;
    }
  };
  const fill = (from: number, to: number): void => {
    w0 = from;
    w1 = Math.min(n, Math.max(to, from + height));
    const h = w1 - w0;
    if (window.length !== h * n) window = new Float64Array(h * n);
    else window.fill(0);
    for (let k = 0; k < stripes; k++) {
      eachSlot(k, w0, h, (i, v) => {
        window[(i - w0) * n + ((i + k + 1) % n)] = v;
      });
      eachSlot(k, (((w0 - k - 1) % n) + n) % n, h, (s, v) => {
        window[(((s + k + 1) % n) - w0) * n + s] = v;
      });
    }
  };
  const rows: SquareRows = (i0, i1, out) => {
    if (i0 < w0 || i1 > w1) fill(i0, i1);
    out.set(window.subarray((i0 - w0) * n, (i1 - w0) * n));
  };
  return {
    rows,
    close: () => {
      for (const fd of fds) closeSync(fd);
    },
  };
}
