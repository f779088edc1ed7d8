/**
 * BIOM 2.1 HDF5 opened in place by h5wasm's Node build (src/node/h5-files.ts; what loadTable uses
 * from the compiled CLI) against the in-memory reader of src/io (readTable on the file's bytes,
 * what loadTable uses from the sources): the same table and taxonomy, and the same errors.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { writeBiomHdf5 } from "../../src/io/biom-hdf5.js";
import { readTable } from "../../src/io/table.js";
import { loadBiomHdf5File } from "../../src/node/h5-files.js";
import { readTableFile } from "../../src/node/load.js";
import { syntheticTable } from "../diversity/synthetic.js";

const dir = mkdtempSync(join(tmpdir(), "gutresponse-h5-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("BIOM HDF5 on disk (Node build)", () => {
  it("reads the same table and taxonomy as the in-memory reader", async () => {
    const table = syntheticTable(30, 80, 0.2, 7);
    const taxonomy = {
      featureIds: table.featureIds,
      lineages: table.featureIds.map((_, i) => ["Bacteria", `P${i % 3}`, "", "", "", "", ""]),
    };
    const path = join(dir, "t.biom");
    writeFileSync(path, await writeBiomHdf5(table, { taxonomy }));
    const onDisk = await loadBiomHdf5File(path);
    const inMemory = await readTable(new Uint8Array(readFileSync(path)), path);
    expect(onDisk).toEqual(inMemory);
    expect(onDisk.format).toBe("biom-hdf5");
    expect(onDisk.taxonomy?.lineages[4]?.[1]).toBe("P1");
    // a study with its own taxonomy file skips the embedded one: the same table, no taxonomy
    const { taxonomy: _, ...withoutTaxonomy } = inMemory;
    expect(await loadBiomHdf5File(path, { taxonomy: false })).toEqual(withoutTaxonomy);
    expect(await readTableFile(readFileSync(path), path, { taxonomy: false })).toEqual(withoutTaxonomy);
  });

  it("a truncated file is corrupt_file naming the path", async () => {
    const path = join(dir, "cut.biom");
    const bytes = await writeBiomHdf5(syntheticTable(10, 20, 0.3, 1));
    writeFileSync(path, bytes.subarray(0, 2000));
    const err = await loadBiomHdf5File(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).issues[0]).toMatchObject({ code: "corrupt_file", file: path });
  });
});
