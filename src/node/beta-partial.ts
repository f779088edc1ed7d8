/**
 * Stripe partial files: one `gutresponse beta --stripes I/N` job's distances, merged into the
 * matrix by `gutresponse beta-merge`. Self-describing, so the merge can refuse mismatched parts:
 *
 *   bytes 0-7    "GRSTRIPE"
 *   bytes 8-11   header length L (uint32, little-endian)
 *   bytes 12-    header: UTF-8 JSON (StripePartHeader), padded with spaces to a multiple of 8
 *   then         (stop - start) * n float64 (or float32, header `precision`) little-endian: distances of
 *                stripes [start, stop) in stripe layout, d[(k - start) * n + i] = pair (i, (i + k + 1)
 *                mod n) (stripes.ts)
 *
 * float32 parts (`beta --stripes I/N --float32`) hold each distance rounded once to the nearest
 * float32, as `beta --float32 --out F.h5` stores it, so their merge equals that single run bit for bit
 * at half the disk and I/O; the merge refuses to mix precisions.
 *
 * The header fingerprints the inputs (SHA-256 of the parsed table - sample IDs, feature IDs and
 * the sparse counts, so the same table as BIOM or TSV agrees - and of the tree), and holds the
 * metric and its parameters, n, N, I, the stripe range and the sample IDs. The file size must be
 * exactly header + values, so a truncated part is caught before anything is merged.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { open, stat } from "node:fs/promises";
import { checkMatrixSamples, type DistanceMatrix } from "../core/beta/distance-matrix.js";
import { mergeStripeDistances, stripeJobRange } from "../core/beta/stripe-chunks.js";
import { nStripes } from "../core/beta/stripes.js";
import { InputError, type Issue } from "../core/errors.js";
import type { Tree } from "../core/phylo/tree.js";
import type { FeatureTable } from "../core/table/feature-table.js";
import { withAtomicPath } from "./files.js";

const MAGIC = "GRSTRIPE";
const FORMAT = "gutresponse beta stripes";
const VERSION = 2;

/** How a partial stores its distances. */
export type PartPrecision = "float64" | "float32";

/** Bytes per stored distance. */
export const PART_BYTES: Record<PartPrecision, number> = { float64: 8, float32: 4 };

export interface StripePartHeader {
  format: string;
  version: number;
  metric: string;
  /** The options as given (null when not given). */
  alpha: number | null;
  pseudocount: number | null;
  table: { file: string; sha256: string };
  tree: { file: string; sha256: string } | null;
  n: number;
  stripes: number;
  job: number;
  jobs: number;
  start: number;
  stop: number;
  ids: string[];
  /** storage of the distances (version 2 on; version 1 parts were float64) */
  precision: PartPrecision;
}

type Fingerprinted = readonly (string | null)[] | Int32Array | Float64Array | Uint8Array;

/** SHA-256 of a sequence of string lists (each length-prefixed) and typed arrays (their bytes). */
function sha256Of(parts: readonly Fingerprinted[]): string {
  const h = createHash("sha256");
  for (const p of parts) {
    h.update(String(p.length));
    if (ArrayBuffer.isView(p)) h.update(new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
    else for (const x of p) h.update(x === null ? "\u0001" : `\u0000${x.length}:${x}`);
  }
  return h.digest("hex");
}

/** SHA-256 of a parsed table: sample IDs, feature IDs and the sparse columns (CSC arrays). */
export function tableFingerprint(t: FeatureTable): string {
  return sha256Of([t.sampleIds, t.featureIds, t.colPtr, t.featureIndex, t.values]);
}

/** SHA-256 of a parsed tree: parents, branch lengths, names and tip flags. */
export function treeFingerprint(t: Tree): string {
  return sha256Of([t.parent, t.length, t.names, t.isTip]);
}

/** The header of job `job` of `jobs` for these inputs (fingerprints computed here). */
export function stripePartHeader(inputs: {
  metric: string;
  alpha: number | undefined;
  pseudocount: number | undefined;
  table: FeatureTable;
  tableFile: string;
  tree: Tree | undefined;
  treeFile: string | undefined;
  job: number;
  jobs: number;
  precision?: PartPrecision;
}): StripePartHeader {
  const { table, tree } = inputs;
  const n = table.sampleIds.length;
  const [start, stop] = stripeJobRange(n, inputs.job, inputs.jobs);
  return {
    format: FORMAT,
    version: VERSION,
    metric: inputs.metric,
    alpha: inputs.alpha ?? null,
    pseudocount: inputs.pseudocount ?? null,
    table: { file: inputs.tableFile, sha256: tableFingerprint(table) },
    tree: tree === undefined ? null : { file: inputs.treeFile ?? "", sha256: treeFingerprint(tree) },
    n,
    stripes: nStripes(n),
    job: inputs.job,
    jobs: inputs.jobs,
    start,
    stop,
    ids: [...table.sampleIds],
    precision: inputs.precision ?? "float64",
  };
}

function headerBytes(header: StripePartHeader): Uint8Array {
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const padded = Math.ceil((12 + json.length) / 8) * 8 - 12;
  const out = Buffer.alloc(12 + padded, 0x20);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(padded, 8);
  json.copy(out, 12);
  return out;
}

/** Values converted to float32 per write (4 MB), so a K-thread job's block is never copied whole. */
const F32_SLICE = 1 << 20;

/**
 * Writes a partial atomically: the header, then whatever `compute` emits (chunks of distances in
 * stripe order, covering [start, stop)), straight to disk; float32 parts round each value once.
 */
export async function writeStripePart(
  path: string,
  header: StripePartHeader,
  compute: (emit: (k0: number, k1: number, d: Float64Array) => void) => Promise<void>,
): Promise<void> {
  await withAtomicPath(path, async (tmp) => {
    const fd = openSync(tmp, "w");
    try {
      writeSync(fd, headerBytes(header));
      let next = header.start;
      let f32: Float32Array | undefined;
      await compute((k0, k1, d) => {
        if (k0 !== next || d.length < (k1 - k0) * header.n)
          throw new Error(`stripe chunk [${k0}, ${k1}) out of order`);
        const length = (k1 - k0) * header.n;
        if (header.precision === "float32") {
          f32 ??= new Float32Array(Math.min(F32_SLICE, (header.stop - header.start) * header.n));
          for (let a = 0; a < length; a += f32.length) {
            const b = Math.min(length, a + f32.length);
            f32.set(d.subarray(a, b));
            writeSync(fd, new Uint8Array(f32.buffer, 0, (b - a) * 4));
          }
        } else writeSync(fd, new Uint8Array(d.buffer, d.byteOffset, length * 8));
        next = k1;
      });
      if (next !== header.stop) throw new Error(`stripes [${next}, ${header.stop}) were not computed`);
    } finally {
      closeSync(fd);
    }
  });
}

/** One checked partial file: where it is, what its header says, where its distances start. */
export interface StripePart {
  path: string;
  header: StripePartHeader;
  dataOffset: number;
}

const REMAKE = "re-run the `gutresponse beta --stripes I/N` job that writes it";

function partIssue(path: string, code: Issue["code"], message: string, hint = REMAKE): Issue {
  return { code, file: path, message, hint };
}

/** Reads and checks one partial's header and size. */
export async function readStripePartHeader(path: string): Promise<StripePart> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw InputError.single(partIssue(path, "file_not_found", "stripe partial not found", "check the path"));
  }
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(12);
    await handle.read(head, 0, 12, 0);
    if (size < 12 || head.toString("latin1", 0, 8) !== MAGIC) {
      throw InputError.single(
        partIssue(path, "unknown_format", "is not a gutresponse stripe partial (no GRSTRIPE signature)"),
      );
    }
    const length = head.readUInt32LE(8);
    if (12 + length > size) throw InputError.single(partIssue(path, "truncated_file", "header is cut short"));
    const json = Buffer.alloc(length);
    await handle.read(json, 0, length, 12);
    let header: StripePartHeader;
    try {
      header = JSON.parse(json.toString("utf8")) as StripePartHeader;
    } catch {
      throw InputError.single(partIssue(path, "corrupt_file", "header is not valid JSON"));
    }
    if (header.format !== FORMAT || header.version !== VERSION) {
      throw InputError.single(
        partIssue(
          path,
          "unknown_format",
          `format '${header.format}' version ${header.version} is not ${FORMAT} ${VERSION}`,
        ),
      );
    }
    const { n, start, stop, job, jobs, precision } = header;
    if (!(precision in PART_BYTES)) {
      throw InputError.single(
        partIssue(path, "corrupt_file", `precision '${precision}' is not float64 or float32`),
      );
    }
    if (!(Number.isInteger(jobs) && jobs >= 1 && Number.isInteger(job) && job >= 1 && job <= jobs)) {
      throw InputError.single(partIssue(path, "corrupt_file", `job ${job}/${jobs} is not 1 <= I <= N`));
    }
    const [wantStart, wantStop] = stripeJobRange(n, job, jobs);
    if (
      start !== wantStart ||
      stop !== wantStop ||
      header.ids.length !== n ||
      header.stripes !== nStripes(n)
    ) {
      throw InputError.single(
        partIssue(
          path,
          "corrupt_file",
          `stripes [${start}, ${stop}) are not job ${job}/${jobs}'s [${wantStart}, ${wantStop})`,
        ),
      );
    }
    const want = 12 + length + (stop - start) * n * PART_BYTES[precision];
    if (size !== want) {
      throw InputError.single(
        partIssue(
          path,
          size < want ? "truncated_file" : "corrupt_file",
          `is ${size} bytes; stripes [${start}, ${stop}) of ${n} samples make ${want}`,
        ),
      );
    }
    return { path, header, dataOffset: 12 + length };
  } finally {
    await handle.close();
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Checks that the parts are jobs 1..N of one computation, each once; lists every problem. */
export function checkStripeParts(parts: readonly StripePart[]): void {
  if (parts.length === 0) {
    throw InputError.single({
      code: "bad_argument",
      message: "no stripe partials given",
      hint: "pass every part-I.bin",
    });
  }
  const ref = parts[0]!;
  const r = ref.header;
  const issues: Issue[] = [];
  const seen = new Map<number, string>();
  for (const p of parts) {
    const h = p.header;
    const differs: string[] = [];
    if (h.table.sha256 !== r.table.sha256) differs.push(`table (${h.table.file} vs ${r.table.file})`);
    if (!sameJson(h.tree?.sha256 ?? null, r.tree?.sha256 ?? null)) differs.push("tree");
    if (h.metric !== r.metric) differs.push(`metric (${h.metric} vs ${r.metric})`);
    if (h.alpha !== r.alpha) differs.push(`alpha (${h.alpha} vs ${r.alpha})`);
    if (h.pseudocount !== r.pseudocount) differs.push(`pseudocount (${h.pseudocount} vs ${r.pseudocount})`);
    if (h.precision !== r.precision) differs.push(`precision (${h.precision} vs ${r.precision})`);
    if (h.jobs !== r.jobs) differs.push(`job count N (${h.jobs} vs ${r.jobs})`);
    if (h.n !== r.n || !sameJson(h.ids, r.ids)) differs.push("sample IDs");
    if (differs.length > 0) {
      issues.push(
        partIssue(
          p.path,
          "id_mismatch",
          `is from a different computation than ${ref.path}: ${differs.join(", ")} differ`,
          "merge only the parts of one `beta --stripes I/N` run (same table, tree, metric, options, precision and N)",
        ),
      );
      continue;
    }
    const before = seen.get(h.job);
    if (before !== undefined) {
      issues.push(
        partIssue(
          p.path,
          "bad_argument",
          `duplicates stripe job ${h.job}/${h.jobs} of ${before}`,
          "pass each part once",
        ),
      );
    }
    seen.set(h.job, p.path);
  }
  if (issues.length === 0) {
    const missing: number[] = [];
    for (let j = 1; j <= r.jobs; j++) if (!seen.has(j)) missing.push(j);
    if (missing.length > 0) {
      const ranges = missing.map((j) => {
        const [a, b] = stripeJobRange(r.n, j, r.jobs);
        return `${j}/${r.jobs} (stripes [${a}, ${b}))`;
      });
      issues.push({
        code: "bad_argument",
        message: `stripe job(s) ${ranges.slice(0, 10).join(", ")}${missing.length > 10 ? ` and ${missing.length - 10} more` : ""} missing (parts given: ${parts.length} of ${r.jobs})`,
        hint: `run \`gutresponse beta --stripes I/${r.jobs}\` for the missing I and pass every part`,
      });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
}

/**
 * Reads and checks every part's header and size (all problems listed at once): the parts of one
 * complete set of jobs, in the order given.
 * @throws InputError naming each part that is missing, duplicated, truncated or from other inputs
 */
export async function readCheckedParts(paths: readonly string[]): Promise<StripePart[]> {
  const parts: StripePart[] = [];
  const issues: Issue[] = [];
  for (const path of paths) {
    try {
      parts.push(await readStripePartHeader(path));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      issues.push(...e.issues);
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  checkStripeParts(parts);
  return parts;
}

/**
 * Reads and checks every part, then assembles the matrix: one condensed matrix, filled part by
 * part through a ~32 MB read buffer. float32 parts give the float32 values as doubles (exactly);
 * `header.precision` tells the caller to store them so. (An HDF5 output need not hold the matrix:
 * beta-part-rows.ts serves its rows from the parts.)
 */
export async function mergeStripeParts(
  paths: readonly string[],
): Promise<{ dm: DistanceMatrix; header: StripePartHeader }> {
  const parts = await readCheckedParts(paths);
  const { n, ids, precision } = parts[0]!.header;
  checkMatrixSamples(n, paths[0]!);
  const condensed = new Float64Array((n * (n - 1)) / 2);
  const stripesPerRead = Math.max(1, Math.floor((1 << 22) / Math.max(1, n)));
  const buffer = new Float64Array(Math.min(nStripes(n), stripesPerRead) * n);
  const f32 = precision === "float32" ? new Float32Array(buffer.length) : undefined;
  const bytes = new Uint8Array((f32 ?? buffer).buffer);
  const width = PART_BYTES[precision];
  for (const p of parts) {
    const handle = await open(p.path, "r");
    try {
      for (let k0 = p.header.start; k0 < p.header.stop; k0 += stripesPerRead) {
        const k1 = Math.min(p.header.stop, k0 + stripesPerRead);
        const values = (k1 - k0) * n;
        const length = values * width;
        const { bytesRead } = await handle.read(
          bytes,
          0,
          length,
          p.dataOffset + (k0 - p.header.start) * n * width,
        );
        if (bytesRead !== length)
          throw InputError.single(partIssue(p.path, "truncated_file", "ended while reading"));
        if (f32) buffer.set(f32.subarray(0, values));
        mergeStripeDistances(n, k0, k1, buffer.subarray(0, values), condensed);
      }
    } finally {
      await handle.close();
    }
  }
  return { dm: { ids, condensed }, header: parts[0]!.header };
}
