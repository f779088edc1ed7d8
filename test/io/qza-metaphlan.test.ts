import { readFileSync } from "node:fs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readArtifact, readQzaTaxonomy, readQzaTree } from "../../src/io/qza.js";
import { readTable } from "../../src/io/table.js";
import { parseNewick } from "../../src/io/newick.js";
import { parseTaxonomy } from "../../src/io/taxonomy.js";
import { loadTable } from "../../src/node/load.js";
import { fixture, fixtureBytes, thrown } from "./fixtures.js";

const UUID = "1b4a5b1e-8a0c-4c7e-9f0e-0d2b3c4d5e6f";

/** A .qza laid out as QIIME 2 2024.x writes it. */
function qza(type: string, format: string, dataName: string, data: Uint8Array): Uint8Array {
  const yaml = `uuid: ${UUID}\ntype: ${type}\nformat: ${format}\n`;
  return zipSync({
    [`${UUID}/metadata.yaml`]: new TextEncoder().encode(yaml),
    [`${UUID}/VERSION`]: new TextEncoder().encode("QIIME 2\narchive: 5\nframework: 2024.10.0\n"),
    [`${UUID}/data/${dataName}`]: data,
  });
}

/** A FeatureTable[Frequency] artifact holding `data` as its BIOM file. */
const tableQza = (data: Uint8Array) =>
  qza("FeatureTable[Frequency]", "BIOMV210DirFmt", "feature-table.biom", data);
/** A FeatureData[Taxonomy] artifact holding `data` as its taxonomy.tsv. */
const taxonomyQza = (data: Uint8Array) =>
  qza("FeatureData[Taxonomy]", "TSVTaxonomyDirectoryFormat", "taxonomy.tsv", data);

/**
 * Rewrites, in place, the uncompressed size the zip declares for the entry whose name ends in
 * `name`: in its central-directory record, and in its local header too when `local`.
 */
function declareSize(bytes: Uint8Array, name: string, size: number, local: boolean): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 46 < bytes.length; i++) {
    const sig = view.getUint32(i, true);
    const central = sig === 0x02014b50;
    if (!central && !(local && sig === 0x04034b50)) continue;
    const nameAt = central ? 46 : 30;
    const nameLen = view.getUint16(i + (central ? 28 : 26), true);
    const entry = new TextDecoder().decode(bytes.subarray(i + nameAt, i + nameAt + nameLen));
    if (entry.endsWith(name)) view.setUint32(i + (central ? 24 : 22), size, true);
  }
}

describe(".qza", () => {
  it("FeatureTable[Frequency] reads the BIOM inside, identical to table.biom", async () => {
    const bytes = tableQza(fixtureBytes("dune", "table.biom"));
    const read = await readTable(bytes, "table.qza");
    expect(read.format).toBe("qza");
    expect(read.table).toEqual((await loadTable(fixture("dune", "table.biom"))).table);
  });

  it("FeatureData[Taxonomy] and Phylogeny[Rooted]", () => {
    const tax = taxonomyQza(fixtureBytes("dune", "taxonomy.tsv"));
    expect(readQzaTaxonomy(tax, "tax.qza")).toEqual(parseTaxonomy(fixtureBytes("dune", "taxonomy.tsv"), "t"));
    const tree = qza(
      "Phylogeny[Rooted]",
      "NewickDirectoryFormat",
      "tree.nwk",
      fixtureBytes("esophagus", "tree.nwk"),
    );
    expect(readQzaTree(tree, "tree.qza")).toEqual(parseNewick(fixtureBytes("esophagus", "tree.nwk"), "t"));
  });

  it("refuses an artifact of the wrong type, naming both types", async () => {
    const tax = taxonomyQza(fixtureBytes("dune", "taxonomy.tsv"));
    const err = await thrown(() => readTable(tax, "tax.qza"));
    expect(err.issues[0]!.code).toBe("wrong_artifact_type");
    expect(err.message).toContain(
      "tax.qza: .qza holds FeatureData[Taxonomy], expected FeatureTable[Frequency]",
    );
  });

  it("refuses a truncated archive", async () => {
    const bytes = tableQza(fixtureBytes("dune", "table.biom"));
    const err = await thrown(() => readTable(bytes.slice(0, bytes.length - 100), "cut.qza"));
    expect(err.issues[0]!.code).toBe("corrupt_file");
    expect(err.message).toContain("cut.qza");
  });

  it("refuses a zip bomb from its declared size, before inflating", async () => {
    const bytes = taxonomyQza(fixtureBytes("dune", "taxonomy.tsv"));
    // set the central-directory uncompressed size of data/taxonomy.tsv to 2 GiB
    declareSize(bytes, "taxonomy.tsv", 0x7fffffff, false);
    const err = await thrown(() => readArtifact(bytes, "bomb.qza", "FeatureData[Taxonomy]"));
    expect(err.issues[0]!.code).toBe("too_large");
    expect(err.message).toContain("bomb.qza");
    expect(err.message).toContain("2147483647");
  });

  it("refuses a highly compressed entry from its ratio, before inflating it (600 MB declared)", async () => {
    const bytes = tableQza(new Uint8Array(50_000));
    // declare 600 MB (under the 1 GiB limit) in the central directory and the local header
    declareSize(bytes, "feature-table.biom", 600_000_000, true);
    const t0 = performance.now();
    const err = await thrown(() => readArtifact(bytes, "bomb.qza", "FeatureTable[Frequency]"));
    expect(performance.now() - t0).toBeLessThan(500);
    expect(err.issues[0]!.code).toBe("too_large");
    expect(err.message).toContain("600000000 bytes packed into");
  });

  it("refuses a table entry that is not HDF5 from its first bytes, inflating only those", async () => {
    // Ordinary text at a low compression ratio: only the signature check stops it (after 4 KiB,
    // not the whole 2 MiB, are inflated).
    const line = new TextEncoder().encode("#OTU ID\tS1\tS2\n");
    const text = new Uint8Array(2 * 2 ** 20);
    let x = 1;
    for (let i = 0; i < text.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      text[i] = i < line.length ? line[i]! : 48 + ((x >>> 16) % 10);
    }
    const bytes = tableQza(text);
    const t0 = performance.now();
    const err = await thrown(() => readArtifact(bytes, "text.qza", "FeatureTable[Frequency]"));
    const ms = performance.now() - t0;
    expect(err.issues[0]!.code).toBe("corrupt_file");
    expect(err.message).toContain("data/feature-table.biom does not start with the HDF5 signature");
    expect(ms).toBeLessThan(1000);
  });

  it("refuses a taxonomy entry holding binary data", () => {
    const bytes = taxonomyQza(new Uint8Array([70, 0, 1, 2]));
    expect(() => readArtifact(bytes, "bin.qza", "FeatureData[Taxonomy]")).toThrow(
      "holds binary data (NUL bytes), not text",
    );
  });
});

describe("MetaPhlAn merged profiles", () => {
  const profile = [
    "#mpa_vJan21_CHOCOPhlAnSGB_202103",
    "clade_name\tNCBI_tax_id\tP1\tP2",
    "k__Bacteria\t2\t100.0\t100.0",
    "k__Bacteria|p__Bacteroidetes\t2|976\t60.0\t10.0",
    "k__Bacteria|p__Bacteroidetes|c__Bacteroidia|o__Bacteroidales|f__Bacteroidaceae|g__Bacteroides\t2|976|200643|171549|815|816\t60.0\t10.0",
    "k__Bacteria|p__Bacteroidetes|c__Bacteroidia|o__Bacteroidales|f__Bacteroidaceae|g__Bacteroides|s__Bacteroides_vulgatus\t2|976|200643|171549|815|816|821\t45.5\t0.0",
    "k__Bacteria|p__Bacteroidetes|c__Bacteroidia|o__Bacteroidales|f__Bacteroidaceae|g__Bacteroides|s__Bacteroides_vulgatus|t__SGB1814\t\t45.5\t0.0",
    "k__Bacteria|p__Bacteroidetes|c__Bacteroidia|o__Bacteroidales|f__Bacteroidaceae|g__Bacteroides|s__Bacteroides_uniformis\t2|976|200643|171549|815|816|820\t14.5\t10.0",
    "UNCLASSIFIED\t-1\t0.0\t0.0",
  ].join("\n");

  it("keeps the species rows (not strains), with lineages, and says so", async () => {
    const read = await readTable(new TextEncoder().encode(profile), "mpa.tsv");
    expect(read.format).toBe("metaphlan");
    expect(read.table.featureIds).toEqual(["Bacteroides_vulgatus", "Bacteroides_uniformis"]);
    expect(read.table.sampleIds).toEqual(["P1", "P2"]);
    expect(Array.from(read.table.values)).toEqual([45.5, 14.5, 10]);
    expect(read.taxonomy!.lineages[0]).toEqual([
      "Bacteria",
      "Bacteroidetes",
      "Bacteroidia",
      "Bacteroidales",
      "Bacteroidaceae",
      "Bacteroides",
      "Bacteroides_vulgatus",
    ]);
    expect(read.notes![0]).toContain("kept the 2 species-level rows");
  });

  it("keeps another rank on request", async () => {
    const read = await readTable(new TextEncoder().encode(profile), "mpa.tsv", { rank: "genus" });
    expect(read.table.featureIds).toEqual(["Bacteroides"]);
  });

  it("reads a MetaPhlAn 4 merge without the taxid column", async () => {
    const text = "clade_name\tA\nk__Bacteria|p__X|c__Y|o__Z|f__W|g__V|s__V_u\t3.5\n";
    const read = await readTable(new TextEncoder().encode(text), "mpa4.tsv");
    expect(read.table.sampleIds).toEqual(["A"]);
    expect(Array.from(read.table.values)).toEqual([3.5]);
  });
});

it("fixtures are only read, never modified", async () => {
  const path = fixture("dune", "table.biom");
  const before = readFileSync(path);
  await loadTable(path);
  expect(readFileSync(path).equals(before)).toBe(true);
});
