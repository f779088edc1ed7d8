/**
 * BIOM 2.1 (HDF5) tables, spec http://biom-format.org/documentation/format_versions/biom-2.1.html,
 * read and written with h5wasm (HDF5 compiled to WebAssembly).
 *
 * Layout used: root attributes `shape` [features, samples], `nnz`, `id`, `format-version` [2, 1];
 * `sample/ids`, `sample/matrix/{data,indices,indptr}` = the CSC form our FeatureTable holds (read
 * directly, no transpose); `observation/ids`, `observation/matrix/*` (CSR) is written for other
 * tools; `observation/metadata/taxonomy` is a 2-D string dataset (features x ranks; h5wasm returns
 * it flat) or 1-D `;`-joined strings.
 *
 * Loading h5wasm: its default ESM build embeds the wasm (~4 MB, ~1 MB gzipped) and works unchanged in
 * Node, browsers and Web Workers with its in-memory file system; we import it lazily (`await
 * import("h5wasm")`) on the first HDF5 file, so bundles that never see one never load it (bundlers
 * split it into its own chunk). Bytes are written to the in-memory FS under a unique name, read,
 * and unlinked. `readBiomHdf5From` reads from any open h5wasm file: the compiled CLI opens tables
 * in place with the Node build (src/node/h5-files.ts), the one it also writes matrices with. Integer attributes come back as BigInt and are converted with checks.
 * Declared shape and nnz are checked against the limits in limits.ts before any dataset is read.
 */
import { InputError, IssueCollector, ParseError } from "../core/errors.js";
import { createFeatureTable, type FeatureTable, nnz } from "../core/table/feature-table.js";
import { formatLineage, lineageMap, type Taxonomy } from "../core/table/taxonomy.js";
import { toCsr } from "./csr.js";
import { checkLimit, MAX_IDS, MAX_NONZEROS } from "./limits.js";
import { type TableRead, taxonomyFromTexts } from "./table-result.js";
import { abundanceIssue } from "./text.js";

type H5 = typeof import("h5wasm");
/** An HDF5 group of an open h5wasm file. */
export type H5Group = InstanceType<H5["Group"]>;

let h5Promise: Promise<H5> | undefined;
let fileCounter = 0;

/** The module object of an h5wasm build (ESM or Node), whose wasm loads asynchronously. */
export interface H5Build {
  /** Resolves once the wasm is loaded. */
  ready: Promise<H5Module>;
}

/** The loaded h5wasm module, as far as readyH5 uses it. */
export interface H5Module {
  /** Makes HDF5 errors exceptions instead of lines on stderr. */
  activate_throwing_error_handler(): void;
}

/**
 * Waits for an h5wasm build's wasm (the ESM build here, the Node build in src/node/dm-file.ts) and
 * makes HDF5 errors exceptions (summarised by hdf5Reason) instead of lines on stderr.
 */
export async function readyH5<T extends H5Build>(m: T): Promise<T> {
  (await m.ready).activate_throwing_error_handler();
  return m;
}

/** Loads h5wasm once (lazily) and waits for its wasm to be ready. */
export function loadH5wasm(): Promise<H5> {
  h5Promise ??= import("h5wasm").then(readyH5);
  return h5Promise;
}

/** The first HDF5 error of a diagnostic stack (`H5Fopen(): unable to open file`), or the first line. */
export function hdf5Reason(message: string): string {
  const m = /#000: .*? in (\w+\(\)): ([^\n]+)/.exec(message);
  return m ? `${m[1]}: ${m[2]}` : (message.split("\n")[0] ?? message);
}

/** True when the bytes start with the HDF5 signature. */
export function isHdf5(bytes: Uint8Array): boolean {
  const sig = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b);
}

function corrupt(source: string, message: string): ParseError {
  return ParseError.single({
    code: "corrupt_file",
    file: source,
    message: `BIOM HDF5: ${message}`,
    hint: "the file may be truncated or not a BIOM 2.1 table; re-export it (`biom convert --to-hdf5`)",
  });
}

function toNumber(v: unknown): number {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  return Number.NaN;
}

function datasetValue(g: H5Group, path: string, source: string): unknown {
  const d = g.get(path);
  if (!d || !(d instanceof Object) || !("value" in d)) throw corrupt(source, `dataset '${path}' is missing`);
  return (d as { value: unknown }).value;
}

function stringArray(v: unknown, path: string, source: string): string[] {
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v as string[];
  if (typeof v === "string") return [v];
  throw corrupt(source, `'${path}' is not a list of strings`);
}

function intArray(v: unknown, path: string, source: string): Int32Array {
  if (v instanceof Int32Array) return v;
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) return Int32Array.from(v, (x) => Number(x));
  if (ArrayBuffer.isView(v) && !(v instanceof DataView))
    return Int32Array.from(v as unknown as ArrayLike<number>);
  throw corrupt(source, `'${path}' is not an integer array`);
}

function floatArray(v: unknown, path: string, source: string): Float64Array {
  if (v instanceof Float64Array) return v;
  if (v instanceof BigInt64Array || v instanceof BigUint64Array)
    return Float64Array.from(v, (x) => Number(x));
  if (ArrayBuffer.isView(v) && !(v instanceof DataView))
    return Float64Array.from(v as unknown as ArrayLike<number>);
  throw corrupt(source, `'${path}' is not a numeric array`);
}

/**
 * Runs `use` on an h5wasm File opened from bytes in the in-memory FS, then closes and removes it.
 * `closeAndRead` (for writers) closes the file early and returns its bytes.
 */
export async function withH5File<T>(
  bytes: Uint8Array,
  mode: "r" | "w",
  use: (f: InstanceType<H5["File"]>, closeAndRead: () => Uint8Array) => T,
): Promise<T> {
  const h5 = await loadH5wasm();
  const FS = h5.FS!;
  const name = `/gutresponse-${++fileCounter}.h5`;
  // the in-memory FS takes the bytes as they are (canOwn: no copy; HDF5 only reads them)
  if (mode === "r")
    (FS.writeFile as (p: string, d: Uint8Array, o: { canOwn: boolean }) => void)(name, bytes, {
      canOwn: true,
    });
  let file: InstanceType<H5["File"]> | undefined;
  const closeAndRead = (): Uint8Array => {
    file?.close();
    file = undefined;
    return FS.readFile(name) as Uint8Array;
  };
  try {
    file = new h5.File(name, mode);
    return use(file, closeAndRead);
  } finally {
    file?.close();
    if (FS.analyzePath(name).exists) FS.unlink(name);
  }
}

/**
 * Reads a BIOM 2.1 (HDF5) table with its observation taxonomy, if any; h5wasm is loaded on first use.
 * `source` names the file in errors.
 * @throws {ParseError} `corrupt_file` (not HDF5, missing or inconsistent datasets).
 * @throws {InputError} `too_large` (declared shape or non-zeros above the limits), and the
 *   table's own checks (`non_finite`, `negative_value`, `duplicate_id`).
 */
export async function parseBiomHdf5(bytes: Uint8Array, source: string): Promise<TableRead> {
  return parseHdf5With(
    bytes,
    (f) => readBiomHdf5From(f, source),
    (m) => corrupt(source, m),
  );
}

/**
 * A failure while opening or reading a BIOM HDF5 file as ParseError `corrupt_file` naming `source`
 * (a ParseError or InputError is returned as it is).
 */
export function asBiomReadError(e: unknown, source: string): Error {
  return hdf5ReadError(e, (m) => corrupt(source, m));
}

/**
 * Reads HDF5 bytes with `read` (the frame every HDF5 reader shares): bytes without the HDF5
 * signature, and failures of the HDF5 library, become the reader's own `corrupt(message)` error.
 */
export async function parseHdf5With<T>(
  bytes: Uint8Array,
  read: (f: H5Group) => T,
  corrupt: (message: string) => Error,
): Promise<T> {
  if (!isHdf5(bytes)) throw corrupt("not an HDF5 file (signature missing)");
  return withH5File(bytes, "r", read).catch((e: unknown) => {
    throw hdf5ReadError(e, corrupt);
  });
}

/** Our own errors (ParseError, InputError) as they are; an HDF5 library error as `corrupt(reason)`. */
export function hdf5ReadError(e: unknown, corrupt: (message: string) => Error): Error {
  if (e instanceof ParseError || (e as { name?: string }).name === "InputError") return e as Error;
  return corrupt(`cannot be read (${hdf5Reason((e as Error).message ?? String(e))})`);
}

/** Options of {@link readBiomHdf5From}. */
export interface BiomReadOptions {
  /**
   * Read the taxonomy of the observation metadata (default true); false skips it, e.g. when a
   * separate taxonomy file will be used (a 19,216-feature table's lineages take ~0.3 s to read).
   */
  taxonomy?: boolean;
}

/**
 * Reads a BIOM 2.1 table from an open h5wasm file (the in-memory one of {@link parseBiomHdf5}, or a
 * file opened on disk by h5wasm's Node build: src/node/h5-files.ts). Errors as {@link parseBiomHdf5}
 * (HDF5 failures still raw: see {@link asBiomReadError}).
 */
export function readBiomHdf5From(
  f: H5Group,
  source: string,
  { taxonomy: withTaxonomy = true }: BiomReadOptions = {},
): TableRead {
  const attrs = f.attrs;
  const shapeValue = attrs.shape?.value;
  const shape =
    shapeValue && typeof shapeValue === "object"
      ? Array.from(shapeValue as ArrayLike<unknown>, toNumber)
      : [];
  if (shape.length !== 2 || !shape.every((x) => Number.isInteger(x) && x >= 0)) {
    throw corrupt(source, "root attribute 'shape' [features, samples] is missing or invalid");
  }
  const [nF, nS] = shape as [number, number];
  checkLimit(nF, MAX_IDS, "declared number of features", source);
  checkLimit(nS, MAX_IDS, "declared number of samples", source);
  const declaredNnz = toNumber(attrs.nnz?.value);
  if (Number.isFinite(declaredNnz))
    checkLimit(declaredNnz, MAX_NONZEROS, "declared number of non-zeros", source);
  const dataDs = f.get("sample/matrix/data");
  const size = dataDs && "shape" in dataDs ? Number((dataDs.shape as number[] | null)?.[0] ?? 0) : 0;
  checkLimit(size, MAX_NONZEROS, "stored number of non-zeros", source);
  const sampleIds = stringArray(datasetValue(f, "sample/ids", source), "sample/ids", source);
  const featureIds = stringArray(datasetValue(f, "observation/ids", source), "observation/ids", source);
  if (sampleIds.length !== nS || featureIds.length !== nF) {
    throw corrupt(
      source,
      `ids (${featureIds.length} features, ${sampleIds.length} samples) do not match shape [${nF}, ${nS}]`,
    );
  }
  const colPtr = intArray(datasetValue(f, "sample/matrix/indptr", source), "sample/matrix/indptr", source);
  const featureIndex = intArray(
    datasetValue(f, "sample/matrix/indices", source),
    "sample/matrix/indices",
    source,
  );
  const values = floatArray(datasetValue(f, "sample/matrix/data", source), "sample/matrix/data", source);
  if (colPtr.length !== nS + 1 || colPtr[nS] !== values.length || featureIndex.length !== values.length) {
    throw corrupt(source, "sample/matrix indptr, indices and data have inconsistent lengths");
  }
  const issues = new IssueCollector();
  for (let s = 0; s < nS; s++) {
    for (let k = colPtr[s]!; k < colPtr[s + 1]!; k++) {
      const v = values[k]!;
      if (Number.isFinite(v) && v >= 0) continue;
      const issue = abundanceIssue(v, String(v), {
        file: source,
        sampleId: sampleIds[s]!,
        featureId: featureIds[featureIndex[k]!] ?? "?",
      });
      if (issue) issues.add(issue);
    }
  }
  issues.throwIfAny();
  let table: FeatureTable;
  try {
    table = createFeatureTable({ sampleIds, featureIds, colPtr, featureIndex, values });
  } catch (e) {
    // a broken CSC layout in the file (not the user's counts): the file is corrupt
    const layout = e instanceof InputError && e.issues[0]?.code === "bad_value" ? e.issues[0] : undefined;
    if (layout) throw corrupt(source, layout.message);
    throw e;
  }
  const taxonomy = withTaxonomy ? readTaxonomy(f, featureIds, nF, source) : undefined;
  return taxonomy
    ? { table, taxonomy, format: "biom-hdf5" as const }
    : { table, format: "biom-hdf5" as const };
}

function readTaxonomy(
  f: H5Group,
  featureIds: readonly string[],
  nF: number,
  source: string,
): Taxonomy | undefined {
  const ds = f.get("observation/metadata/taxonomy");
  if (!ds || !("value" in ds)) return undefined;
  const shape = (ds as { shape: number[] | null }).shape ?? [];
  const flat = stringArray((ds as { value: unknown }).value, "observation/metadata/taxonomy", source);
  const width = shape.length === 2 ? shape[1]! : 1;
  if (flat.length !== nF * width)
    throw corrupt(source, "observation/metadata/taxonomy does not have one entry per feature");
  const texts = featureIds.map((_, i) =>
    flat
      .slice(i * width, (i + 1) * width)
      .filter((r) => r !== "")
      .join("; "),
  );
  return taxonomyFromTexts(featureIds, texts);
}

/**
 * Writes a BIOM 2.1 HDF5 file (bytes) that biom-format 2.1 reads: both CSR (`observation/`) and CSC
 * (`sample/`) groups, float64 data, int32 indices, taxonomy as a features x 7 string dataset.
 */
export async function writeBiomHdf5(
  table: FeatureTable,
  options: { taxonomy?: Taxonomy; id?: string; generatedBy?: string; date?: string } = {},
): Promise<Uint8Array> {
  return withH5File(new Uint8Array(), "w", (f, closeAndRead) => {
    const nF = table.featureIds.length;
    const nS = table.sampleIds.length;
    f.create_attribute("id", options.id ?? "No Table ID");
    f.create_attribute("type", "OTU table");
    f.create_attribute("format-url", "http://biom-format.org");
    f.create_attribute("format-version", new Int32Array([2, 1]), [2], "<i");
    f.create_attribute("generated-by", options.generatedBy ?? "gutresponse");
    f.create_attribute("creation-date", options.date ?? new Date().toISOString());
    f.create_attribute("shape", new Int32Array([nF, nS]), [2], "<i");
    f.create_attribute("nnz", nnz(table), null, "<i");
    const csr = toCsr(table);
    const writeAxis = (
      axis: "observation" | "sample",
      ids: readonly string[],
      m: { indptr: Int32Array; indices: Int32Array; data: Float64Array },
    ) => {
      const g = f.create_group(axis);
      g.create_dataset({ name: "ids", data: [...ids] });
      const mg = g.create_group("matrix");
      mg.create_dataset({ name: "data", data: m.data, shape: [m.data.length], dtype: "<d" });
      mg.create_dataset({ name: "indices", data: m.indices, shape: [m.indices.length], dtype: "<i" });
      mg.create_dataset({ name: "indptr", data: m.indptr, shape: [m.indptr.length], dtype: "<i" });
      const md = g.create_group("metadata");
      g.create_group("group-metadata");
      return md;
    };
    const obsMeta = writeAxis("observation", table.featureIds, csr);
    writeAxis("sample", table.sampleIds, {
      indptr: table.colPtr,
      indices: table.featureIndex,
      data: table.values,
    });
    if (options.taxonomy) {
      const lineageOf = lineageMap(options.taxonomy);
      const width = 7;
      const flat: string[] = [];
      for (const id of table.featureIds) {
        const ranks = formatLineage(lineageOf.get(id) ?? []).split("; ");
        for (let r = 0; r < width; r++) flat.push(ranks[r] ?? `${"dpcofgs"[r]}__`);
      }
      obsMeta.create_dataset({ name: "taxonomy", data: flat, shape: [nF, width] });
    }
    return closeAndRead();
  });
}
