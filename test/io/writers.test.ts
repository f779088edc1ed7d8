/** Writers round-trip exactly: table -> bytes/text -> table gives the same IDs, values, taxonomy. */
import { describe, expect, it } from "vitest";
import { parseBiomHdf5, writeBiomHdf5 } from "../../src/io/biom-hdf5.js";
import { parseBiomJson, writeBiomJson } from "../../src/io/biom-json.js";
import { formatTableTsv, parseBiomTsv } from "../../src/io/biom-tsv.js";
import { readTable } from "../../src/io/table.js";
import { fromDense } from "../../src/core/table/feature-table.js";
import { loadTable } from "../../src/node/load.js";
import { fixture } from "./fixtures.js";

const enc = (s: string) => new TextEncoder().encode(s);

describe("writers", () => {
  for (const ds of ["dune", "esophagus"]) {
    it(`${ds}: BIOM HDF5, BIOM JSON and TSV round trips are exact`, async () => {
      const { table, taxonomy } = await loadTable(fixture(ds, "table.biom"));
      const h5 = await parseBiomHdf5(await writeBiomHdf5(table, { taxonomy }), "w.biom");
      expect(h5.table).toEqual(table);
      expect(h5.taxonomy).toEqual(taxonomy);
      const json = parseBiomJson(writeBiomJson(table, { taxonomy }), "w.json");
      expect(json.table).toEqual(table);
      expect(json.taxonomy).toEqual(taxonomy);
      const tsv = parseBiomTsv(formatTableTsv(table, taxonomy), "w.tsv");
      expect(tsv.table).toEqual(table);
      expect(tsv.taxonomy).toEqual(taxonomy);
    });
  }

  it("keeps non-integer values and odd IDs exactly", async () => {
    const t = fromDense(["s 1", 's"2'], ["f;1", "f2", "f3"], [0.1, 0, 1e-300, 0.30000000000000004, 7, 0]);
    for (const bytes of [await writeBiomHdf5(t), enc(writeBiomJson(t)), enc(formatTableTsv(t))]) {
      expect((await readTable(bytes, "x")).table).toEqual(t);
    }
  });

  it("writes the classic TSV layout biom-format uses", () => {
    const t = fromDense(["A", "B"], ["f1", "f2"], [1, 0, 2.5, 3]);
    expect(formatTableTsv(t)).toBe(
      "# Constructed from biom file\n#OTU ID\tA\tB\nf1\t1.0\t2.5\nf2\t0.0\t3.0\n",
    );
  });
});
