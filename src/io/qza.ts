/**
 * QIIME 2 artifacts (.qza): a zip holding `<uuid>/metadata.yaml` (uuid, type, format) and
 * `<uuid>/data/...`. Read here (https://docs.qiime2.org/2024.10/concepts/#data-files-qiime-2-artifacts):
 *
 *   semantic type             data file read
 *   FeatureTable[Frequency]   data/feature-table.biom (BIOM 2.1 HDF5)
 *   FeatureData[Taxonomy]     data/taxonomy.tsv
 *   Phylogeny[Rooted]         data/tree.nwk
 *
 * The type in metadata.yaml is checked before anything else is unpacked; another type is refused
 * naming both (`wrong_artifact_type`). Zip bombs: every entry's declared uncompressed size, and their
 * sum, are checked against MAX_UNPACKED_BYTES before inflating, and only metadata.yaml and the one
 * data file are inflated. Before the data file is inflated in full, its compression ratio is checked
 * (declared size / compressed size at most MAX_COMPRESSION_RATIO for entries above 16 MiB: real
 * tables, taxonomies and trees compress 2-20:1, a zip bomb about 1000:1), and only its first
 * PREFIX_BYTES are inflated (fflate's streaming Unzip, fed in small chunks) to check its signature:
 * the HDF5 magic for a table, text without NUL bytes for a taxonomy or tree. A truncated or damaged
 * zip is a ParseError.
 */
import { Unzip, UnzipInflate, unzipSync } from "fflate";
import { parse as parseYaml } from "yaml";
import { InputError, ParseError } from "../core/errors.js";
import type { Tree } from "../core/phylo/tree.js";
import type { Taxonomy } from "../core/table/taxonomy.js";
import { parseBiomHdf5 } from "./biom-hdf5.js";
import { checkLimit, MAX_UNPACKED_BYTES } from "./limits.js";
import { parseNewick } from "./newick.js";
import type { TableRead } from "./table-result.js";
import { parseTaxonomy } from "./taxonomy.js";

/** The QIIME 2 semantic types gutresponse reads from a .qza. */
export type ArtifactType = "FeatureTable[Frequency]" | "FeatureData[Taxonomy]" | "Phylogeny[Rooted]";

const DATA_FILE: Record<ArtifactType, string> = {
  "FeatureTable[Frequency]": "data/feature-table.biom",
  "FeatureData[Taxonomy]": "data/taxonomy.tsv",
  "Phylogeny[Rooted]": "data/tree.nwk",
};

/** Largest declared/compressed size ratio accepted for an entry above RATIO_CHECKED_ABOVE bytes. */
export const MAX_COMPRESSION_RATIO = 100;
const RATIO_CHECKED_ABOVE = 16 * 2 ** 20;
/** Bytes of the data file inflated first to check its signature. */
const PREFIX_BYTES = 4096;
const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** What the first bytes of each data file must look like, or the reason they do not. */
function signatureProblem(expected: ArtifactType, prefix: Uint8Array): string | null {
  if (expected === "FeatureTable[Frequency]") {
    return HDF5_MAGIC.every((b, i) => prefix[i] === b) ? null : "does not start with the HDF5 signature";
  }
  return prefix.includes(0) ? "holds binary data (NUL bytes), not text" : null;
}

/** The first `max` inflated bytes of entry `name` (fewer if it is shorter), inflating no more. */
function inflatePrefix(bytes: Uint8Array, name: string, max: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let got = 0;
  let done = false;
  const unzipper = new Unzip((file) => {
    if (file.name !== name) return;
    file.ondata = (err, data, final) => {
      if (err) throw err;
      parts.push(data);
      got += data.length;
      if (final || got >= max) {
        done = true;
        file.terminate();
      }
    };
    file.start();
  });
  unzipper.register(UnzipInflate);
  const CHUNK = 16_384;
  for (let at = 0; at < bytes.length && !done; at += CHUNK) {
    unzipper.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length);
  }
  const out = new Uint8Array(Math.min(got, max));
  let w = 0;
  for (const p of parts) {
    if (w >= out.length) break;
    out.set(p.subarray(0, out.length - w), w);
    w += Math.min(p.length, out.length - w);
  }
  return out;
}

/** Refuses the data entry on its compression ratio or its first bytes, before inflating it all. */
function checkDataEntry(bytes: Uint8Array, source: string, name: string, expected: ArtifactType): void {
  let info: { size: number; originalSize: number } | undefined;
  unzipSync(bytes, {
    filter: (file) => {
      if (file.name === name) info = { size: file.size, originalSize: file.originalSize };
      return false;
    },
  });
  if (!info) return;
  const ratio = info.originalSize / Math.max(info.size, 1);
  if (info.originalSize > RATIO_CHECKED_ABOVE && ratio > MAX_COMPRESSION_RATIO) {
    throw InputError.single({
      code: "too_large",
      file: source,
      message: `.qza: '${name}' declares ${info.originalSize} bytes packed into ${info.size} (${Math.round(ratio)}:1, above ${MAX_COMPRESSION_RATIO}:1)`,
      hint: "real data compress far less; the archive is corrupt or a zip bomb",
    });
  }
  const problem = signatureProblem(expected, inflatePrefix(bytes, name, PREFIX_BYTES));
  if (problem !== null) {
    throw ParseError.single({
      code: "corrupt_file",
      file: source,
      message: `.qza: ${DATA_FILE[expected]} ${problem}`,
      hint: "the artifact is damaged; export it again from QIIME 2",
    });
  }
}

function unzip(
  bytes: Uint8Array,
  source: string,
  wanted: (name: string) => boolean,
): Record<string, Uint8Array> {
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        if (!wanted(file.name)) return false;
        checkLimit(file.originalSize, MAX_UNPACKED_BYTES, `declared unpacked size of '${file.name}'`, source);
        total += file.originalSize;
        checkLimit(total, MAX_UNPACKED_BYTES, "declared unpacked size of the archive", source);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw ParseError.single({
      code: "corrupt_file",
      file: source,
      message: `.qza: the zip archive cannot be read (${(e as Error).message})`,
      hint: "the file is truncated or damaged; copy or export it again",
    });
  }
}

/**
 * The artifact's semantic type and its one wanted data file, refusing any other type.
 * @throws {ParseError} `corrupt_file` (not a zip, no metadata.yaml or data file), `wrong_artifact_type`.
 * @throws {InputError} `too_large` (declared sizes or compression ratio above the limits).
 */
export function readArtifact(bytes: Uint8Array, source: string, expected: ArtifactType): Uint8Array {
  const meta = unzip(bytes, source, (name) => /^[^/]+\/metadata\.yaml$/.test(name));
  const [metaName, metaBytes] = Object.entries(meta)[0] ?? [];
  if (!metaName || !metaBytes) {
    throw ParseError.single({
      code: "corrupt_file",
      file: source,
      message: ".qza: no <uuid>/metadata.yaml in the archive (not a QIIME 2 artifact)",
      hint: "give the .qza exported by QIIME 2, or the exported file inside it",
    });
  }
  let type: unknown;
  try {
    type = (parseYaml(new TextDecoder().decode(metaBytes)) as { type?: unknown } | null)?.type;
  } catch {
    type = undefined;
  }
  if (type !== expected) {
    throw InputError.single({
      code: "wrong_artifact_type",
      file: source,
      message: `.qza holds ${typeof type === "string" ? type : "an unknown type"}, expected ${expected}`,
      hint: `give an artifact of type ${expected}`,
    });
  }
  const root = metaName.slice(0, metaName.indexOf("/"));
  const dataName = `${root}/${DATA_FILE[expected]}`;
  try {
    checkDataEntry(bytes, source, dataName, expected);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw ParseError.single({
      code: "corrupt_file",
      file: source,
      message: `.qza: ${DATA_FILE[expected]} cannot be read (${(e as Error).message})`,
      hint: "the file is truncated or damaged; copy or export it again",
    });
  }
  const data = unzip(bytes, source, (name) => name === dataName)[dataName];
  if (!data) {
    throw ParseError.single({
      code: "corrupt_file",
      file: source,
      message: `.qza: ${DATA_FILE[expected]} is missing from the ${expected} artifact`,
    });
  }
  return data;
}

/**
 * Reads the BIOM table of a `FeatureTable[Frequency]` artifact.
 * @throws {ParseError} `corrupt_file` (not an artifact, bad zip), `wrong_artifact_type`.
 * @throws {InputError} `too_large` (declared sizes or compression ratio), and those of {@link parseBiomHdf5}.
 */
export async function readQzaTable(bytes: Uint8Array, source: string): Promise<TableRead> {
  const read = await parseBiomHdf5(
    readArtifact(bytes, source, "FeatureTable[Frequency]"),
    `${source}:feature-table.biom`,
  );
  return { ...read, format: "qza" };
}

/**
 * Reads the taxonomy of a `FeatureData[Taxonomy]` artifact.
 * @throws {ParseError} `corrupt_file`, `wrong_artifact_type`, and those of {@link parseTaxonomy}.
 * @throws {InputError} `too_large`.
 */
export function readQzaTaxonomy(bytes: Uint8Array, source: string): Taxonomy {
  return parseTaxonomy(readArtifact(bytes, source, "FeatureData[Taxonomy]"), `${source}:taxonomy.tsv`);
}

/**
 * Reads the tree of a `Phylogeny[Rooted]` artifact.
 * @throws {ParseError} `corrupt_file`, `wrong_artifact_type`, and those of {@link parseNewick}.
 * @throws {InputError} `too_large`.
 */
export function readQzaTree(bytes: Uint8Array, source: string): Tree {
  return parseNewick(readArtifact(bytes, source, "Phylogeny[Rooted]"), `${source}:tree.nwk`);
}
