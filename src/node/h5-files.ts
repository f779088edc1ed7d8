/**
 * HDF5 files on disk through h5wasm's Node build (its file system is the real one), so a run loads
 * one h5wasm build, not two: BIOM 2.1 tables are opened in place (the file's bytes are never held
 * in memory; datasets are read straight from disk) and distance matrices (dm-file.ts) are read and
 * written in row blocks. The browser-safe readers of src/io do the parsing on the open file.
 */
import { resolve } from "node:path";
import { asBiomReadError, type BiomReadOptions, readBiomHdf5From, readyH5 } from "../io/biom-hdf5.js";
import { checkedTableRead, type TableRead } from "../io/table.js";

type H5Node = typeof import("h5wasm/node");
let h5NodePromise: Promise<H5Node> | undefined;

/**
 * The V8 flag under which h5wasm's WebAssembly is compiled: Liftoff (V8's baseline wasm compiler)
 * only, no tier-up to TurboFan. A CLI run uses HDF5 briefly, and tiering its hot functions up
 * (compiled on background threads, which compete with the main thread on a small machine) cost
 * more CPU than it saved: 0.1-0.3 s per run at n = 1,000 (docs/PERFORMANCE.md, "h5wasm start-up and
 * the CLI's fixed costs"). The flag is set just before h5wasm is imported and cleared once it is
 * ready (measured the same as leaving it on), so other WebAssembly in the process tiers up as usual.
 */
export const H5_WASM_V8_FLAG = "--liftoff-only";

/**
 * h5wasm's Node build (real file system), loaded once on first use, its wasm compiled under
 * {@link H5_WASM_V8_FLAG} (left on when Node was started with it).
 */
export function loadH5Node(): Promise<H5Node> {
  if (!h5NodePromise) {
    const restore = !process.execArgv.includes(H5_WASM_V8_FLAG);
    // node:v8 imported here, not at the top: ~5 ms that commands reading no HDF5 need not pay
    h5NodePromise = import("node:v8").then(async ({ setFlagsFromString }) => {
      setFlagsFromString(H5_WASM_V8_FLAG);
      try {
        return await readyH5(await import("h5wasm/node"));
      } finally {
        if (restore) setFlagsFromString(H5_WASM_V8_FLAG.replace("--", "--no-"));
      }
    });
  }
  return h5NodePromise;
}

/** An HDF5 file opened by the Node build. */
export type H5NodeFile = InstanceType<H5Node["File"]>;

/**
 * Opens the HDF5 file at `path` read-only with the Node build, runs `read` on it and closes it;
 * any failure, opening included, is passed through `asError`.
 */
export async function readH5File<T>(
  path: string,
  read: (file: H5NodeFile) => T,
  asError: (e: unknown, path: string) => Error,
): Promise<T> {
  const h5 = await loadH5Node();
  let file: H5NodeFile | undefined;
  try {
    file = new h5.File(resolve(path), "r");
    return read(file);
  } catch (e) {
    throw asError(e, path);
  } finally {
    file?.close();
  }
}

/**
 * Reads a BIOM 2.1 (HDF5) table from `path` (already known to start with the HDF5 signature), as
 * `readTable` would from its bytes.
 * @throws {ParseError} `corrupt_file`; {@link InputError} as `readTable` for a BIOM HDF5 table.
 */
export function loadBiomHdf5File(path: string, options: BiomReadOptions = {}): Promise<TableRead> {
  return checkedTableRead(path, () =>
    readH5File(path, (f) => readBiomHdf5From(f, path, options), asBiomReadError),
  );
}
