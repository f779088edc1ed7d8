/**
 * Every table format of the fixtures reads to the same table: IDs, counts and taxonomy agree with
 * biom-format 2.1.12 (test/fixtures/extra/io_tables.json) and with each other.
 */
import { describe, expect, it } from "vitest";
import { nnz, sampleTotals, featureTotals, type FeatureTable } from "../../src/core/table/feature-table.js";
import { getColumn } from "../../src/core/table/metadata.js";
import { loadMetadata, loadTable, loadTaxonomy } from "../../src/node/load.js";
import { fixture, TABLE_REF } from "./fixtures.js";

function valueAt(t: FeatureTable, featureId: string, sampleId: string): number {
  const f = t.featureIds.indexOf(featureId);
  const s = t.sampleIds.indexOf(sampleId);
  for (let k = t.colPtr[s]!; k < t.colPtr[s + 1]!; k++) if (t.featureIndex[k] === f) return t.values[k]!;
  return 0;
}

const FILES: [string, string][] = [
  ["table.biom", "biom-hdf5"],
  ["table.json.biom", "biom-json"],
  ["table.tsv", "tsv"],
];

for (const ds of ["GlobalPatterns", "dune", "esophagus"]) {
  describe(`${ds} tables`, () => {
    const ref = TABLE_REF[ds]!;
    for (const [file, format] of FILES) {
      it(`${file} matches biom-format (IDs, nnz, totals, cells)`, async () => {
        const read = await loadTable(fixture(ds, file));
        expect(read.format).toBe(format);
        const t = read.table;
        expect(t.sampleIds).toEqual(ref.sample_ids);
        expect(t.featureIds.length).toBe(ref.n_features);
        expect(t.featureIds.slice(0, 5)).toEqual(ref.first_features);
        expect(t.featureIds.at(-1)).toBe(ref.last_feature);
        expect(nnz(t)).toBe(ref.nnz);
        expect(Array.from(sampleTotals(t))).toEqual(ref.sample_totals);
        expect(Array.from(featureTotals(t).slice(0, 5))).toEqual(ref.feature_totals_first5);
        for (const [f, s, v] of ref.cells) expect(valueAt(t, f, s)).toBe(v);
      });
    }

    it("all formats give identical tables and taxonomies", async () => {
      const reads = await Promise.all(FILES.map(([file]) => loadTable(fixture(ds, file))));
      for (const r of reads.slice(1)) {
        expect(r.table).toEqual(reads[0]!.table);
      }
      if (ref.taxonomy === null) {
        for (const r of reads) expect(r.taxonomy).toBeUndefined();
        return;
      }
      const tsvTaxonomy = await loadTaxonomy(fixture(ds, "taxonomy.tsv"));
      expect(tsvTaxonomy.featureIds).toEqual(reads[0]!.table.featureIds);
      // the BIOM files carry the taxonomy; the classic TSV fixture does not
      expect(reads[0]!.taxonomy!.lineages).toEqual(tsvTaxonomy.lineages);
      expect(reads[1]!.taxonomy!.lineages).toEqual(tsvTaxonomy.lineages);
      for (const [id, ranks] of Object.entries(ref.taxonomy)) {
        const i = tsvTaxonomy.featureIds.indexOf(id);
        expect(reads[0]!.taxonomy!.lineages[i]).toEqual(tsvTaxonomy.lineages[i]);
        expect(ranks.length).toBeGreaterThan(0);
      }
    });
  });
}

describe("fixture metadata", () => {
  it("GlobalPatterns: 26 samples in table order, library_size equals the table's sample totals", async () => {
    const md = await loadMetadata(fixture("GlobalPatterns", "metadata.tsv"));
    expect(md.idHeader).toBe("sample-id");
    expect(md.ids).toEqual(TABLE_REF.GlobalPatterns!.sample_ids);
    const lib = getColumn(md, "library_size")!;
    expect(lib.kind).toBe("numeric");
    expect(Array.from(lib.values as Float64Array)).toEqual(TABLE_REF.GlobalPatterns!.sample_totals);
    expect(getColumn(md, "SampleType")!.kind).toBe("categorical");
    expect(getColumn(md, "Description")!.values[0]).toBe("Calhoun South Carolina Pine soil, pH 4.9");
  });

  it("dune: declared types override inference (Moisture is categorical although numeric-looking)", async () => {
    const md = await loadMetadata(fixture("dune", "metadata.tsv"));
    expect(md.ids.length).toBe(20);
    expect(getColumn(md, "A1")!.kind).toBe("numeric");
    const moisture = getColumn(md, "Moisture")!;
    expect(moisture.kind).toBe("categorical");
    // levels sorted as R's factor() sorts them, not in order of first appearance
    expect(moisture.kind === "categorical" && moisture.levels).toEqual(["1", "2", "4", "5"]);
  });

  it("esophagus: IDs only, no columns", async () => {
    const md = await loadMetadata(fixture("esophagus", "metadata.tsv"));
    expect(md.ids).toEqual(["B", "C", "D"]);
    expect(md.columns).toEqual([]);
  });
});
