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
 * data file are inflated. A truncated or damaged zip is a ParseError.
 */
import { unzipSync } from "fflate";
import { parse as parseYaml } from "yaml";
import { InputError, ParseError } from "../core/errors.js";
import type { Tree } from "../core/phylo/tree.js";
import type { Taxonomy } from "../core/table/taxonomy.js";
import { parseBiomHdf5 } from "./biom-hdf5.js";
import { checkLimit, MAX_UNPACKED_BYTES } from "./limits.js";
import { parseNewick } from "./newick.js";
import type { TableRead } from "./table-result.js";
import { parseTaxonomy } from "./taxonomy.js";

export type ArtifactType = "FeatureTable[Frequency]" | "FeatureData[Taxonomy]" | "Phylogeny[Rooted]";

const DATA_FILE: Record<ArtifactType, string> = {
  "FeatureTable[Frequency]": "data/feature-table.biom",
  "FeatureData[Taxonomy]": "data/taxonomy.tsv",
  "Phylogeny[Rooted]": "data/tree.nwk",
};

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

/** The artifact's semantic type and its one wanted data file, refusing any other type. */
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

export async function readQzaTable(bytes: Uint8Array, source: string): Promise<TableRead> {
  const read = await parseBiomHdf5(
    readArtifact(bytes, source, "FeatureTable[Frequency]"),
    `${source}:feature-table.biom`,
  );
  return { ...read, format: "qza" };
}

export function readQzaTaxonomy(bytes: Uint8Array, source: string): Taxonomy {
  return parseTaxonomy(readArtifact(bytes, source, "FeatureData[Taxonomy]"), `${source}:taxonomy.tsv`);
}

export function readQzaTree(bytes: Uint8Array, source: string): Tree {
  return parseNewick(readArtifact(bytes, source, "Phylogeny[Rooted]"), `${source}:tree.nwk`);
}
