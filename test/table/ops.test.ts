import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { alignInputs } from "../../src/core/table/align.js";
import { clr } from "../../src/core/table/clr.js";
import { collapseToRank } from "../../src/core/table/collapse.js";
import {
  denseBlock,
  type FeatureTable,
  fromDense,
  nnz,
  sampleTotals,
} from "../../src/core/table/feature-table.js";
import { filterFeatures } from "../../src/core/table/filter-features.js";
import { filterSamplesByDepth } from "../../src/core/table/filter-samples.js";
import { rarefy } from "../../src/core/table/rarefy.js";
import { relativeAbundance } from "../../src/core/table/relative-abundance.js";
import { requireCounts } from "../../src/core/table/require-counts.js";
import { subsetFeatures, subsetSamples } from "../../src/core/table/subset.js";
import { labelAtRank } from "../../src/core/table/taxonomy.js";
import { loadMetadata, loadTable, loadTaxonomy, loadTree } from "../../src/node/load.js";
import { fixture } from "../io/fixtures.js";

const small = (): FeatureTable =>
  // samples A, B, C x features f1..f4
  fromDense(["A", "B", "C"], ["f1", "f2", "f3", "f4"], [5, 0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0]);

/** Random count tables: up to 6 samples x 8 features, counts 0..30. */
const countTable = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 })).chain(([n, m]) =>
  fc.array(fc.integer({ min: 0, max: 30 }), { minLength: n * m, maxLength: n * m }).map((cells) =>
    fromDense(
      Array.from({ length: n }, (_, i) => `s${i}`),
      Array.from({ length: m }, (_, i) => `f${i}`),
      cells,
    ),
  ),
);

describe("subset and filters", () => {
  it("subsets samples in the order asked and refuses unknown IDs, naming them", () => {
    const t = subsetSamples(small(), ["C", "A"]);
    expect(t.sampleIds).toEqual(["C", "A"]);
    expect(Array.from(denseBlock(t))).toEqual([3, 0, 4, 0, 5, 0, 1, 0]);
    expect(() => subsetSamples(small(), ["A", "Z", "Y"])).toThrow(
      /2 sample ID\(s\) not in the table: 'Z', 'Y'/,
    );
    expect(subsetFeatures(small(), ["f3", "f1"]).featureIds).toEqual(["f1", "f3"]);
    expect(() => subsetFeatures(small(), ["nope"])).toThrow(InputError);
  });

  it("filters samples by depth and reports the dropped ones (hand calculation)", () => {
    const r = filterSamplesByDepth(small(), { minDepth: 3 });
    expect(r.table.sampleIds).toEqual(["A", "C"]);
    expect(r.dropped).toEqual(["B"]);
  });

  it("GlobalPatterns: depth filter agrees with the metadata's library_size", async () => {
    const { table } = await loadTable(fixture("GlobalPatterns", "table.biom"));
    const md = await loadMetadata(fixture("GlobalPatterns", "metadata.tsv"));
    const lib = md.columns.find((c) => c.name === "library_size")!.values as Float64Array;
    const r = filterSamplesByDepth(table, { minDepth: 1_000_000 });
    expect(r.table.sampleIds).toEqual(md.ids.filter((_, i) => lib[i]! >= 1_000_000));
  });

  it("filters features by prevalence and total (hand calculation)", () => {
    // prevalences: f1 2/3, f2 0, f3 3/3, f4 0; totals f1 8, f3 7
    expect(filterFeatures(small(), { minPrevalence: 0.5 }).table.featureIds).toEqual(["f1", "f3"]);
    expect(filterFeatures(small(), { minPrevalence: 1 }).table.featureIds).toEqual(["f3"]);
    const r = filterFeatures(small(), { minTotal: 8 });
    expect(r.table.featureIds).toEqual(["f1"]);
    expect(r.dropped).toEqual(["f2", "f3", "f4"]);
  });

  it("requireCounts names each fractional or negative cell", () => {
    const t = fromDense(["A", "B"], ["f1"], [0.5, 2]);
    try {
      requireCounts(t, "x.tsv");
      expect.unreachable();
    } catch (e) {
      const err = e as InputError;
      expect(err.issues.map((i) => i.code)).toEqual(["fractional_count"]);
      expect(err.message).toContain("x.tsv, sample 'A', feature 'f1'");
    }
  });
});

describe("rarefy", () => {
  it("gives exactly `depth` reads per kept sample, a sub-multiset of the original, same seed same bytes", () => {
    fc.assert(
      fc.property(countTable, fc.integer({ min: 1, max: 60 }), fc.integer(), (t, depth, seed) => {
        const r = rarefy(t, depth, { seed });
        const totals = sampleTotals(t);
        expect(r.dropped).toEqual(t.sampleIds.filter((_, s) => totals[s]! < depth));
        for (const x of sampleTotals(r.table)) expect(x).toBe(depth);
        const kept = subsetSamples(t, r.table.sampleIds);
        const before = denseBlock(kept);
        const after = denseBlock(r.table);
        for (let i = 0; i < after.length; i++) expect(after[i]!).toBeLessThanOrEqual(before[i]!);
        expect(rarefy(t, depth, { seed })).toEqual(r);
      }),
      { numRuns: 60 },
    );
  });

  it("is unbiased: the mean of a cell over seeds is c * depth / N (hypergeometric, 5 sd band)", () => {
    const t = fromDense(["A"], ["f1", "f2", "f3"], [10, 30, 60]);
    const depth = 20;
    const reps = 400;
    let sum = 0;
    for (let seed = 1; seed <= reps; seed++) sum += denseBlock(rarefy(t, depth, { seed }).table)[0]!;
    // hypergeometric variance of f1: d * K/N * (1 - K/N) * (N - d)/(N - 1)
    const sd = Math.sqrt((depth * 0.1 * 0.9 * 80) / 99 / reps);
    expect(Math.abs(sum / reps - 2)).toBeLessThan(5 * sd);
  });

  it("refuses non-count tables", () => {
    expect(() => rarefy(fromDense(["A"], ["f"], [0.5]), 1, { seed: 1 })).toThrow(/not a count/);
  });
});

describe("collapse, relative abundance, CLR", () => {
  it("collapsing GlobalPatterns to phylum matches a naive sum over taxonomy.tsv and keeps sample totals", async () => {
    const { table } = await loadTable(fixture("GlobalPatterns", "table.biom"));
    const taxonomy = await loadTaxonomy(fixture("GlobalPatterns", "taxonomy.tsv"));
    const { table: phyla } = collapseToRank(table, taxonomy, "phylum");
    expect(Array.from(sampleTotals(phyla))).toEqual(Array.from(sampleTotals(table)));
    // independent naive sum from the raw taxonomy text for one sample
    const lines = readFileSync(fixture("GlobalPatterns", "taxonomy.tsv"), "utf8").trim().split("\n").slice(1);
    const phylumOf = new Map(
      lines.map((l) => [l.split("\t")[0]!, l.split("\t")[1]!.split("; ")[1]!.slice(3)]),
    );
    const dense = denseBlock(table, 0, 1);
    const naive = new Map<string, number>();
    table.featureIds.forEach((id, f) => {
      const p = phylumOf.get(id)! || "Unassigned phylum (domain Bacteria)";
      if (dense[f]! > 0) naive.set(p, (naive.get(p) ?? 0) + dense[f]!);
    });
    const got = denseBlock(phyla, 0, 1);
    for (const [p, v] of naive) {
      if (p.startsWith("Unassigned")) continue;
      expect(got[phyla.featureIds.indexOf(p)]).toBe(v);
    }
  });

  it("collapse preserves every sample total (property)", () => {
    fc.assert(
      fc.property(
        countTable,
        fc.array(fc.constantFrom("A", "B", ""), { minLength: 8, maxLength: 8 }),
        (t, genus) => {
          const taxonomy = {
            featureIds: t.featureIds,
            lineages: t.featureIds.map((_, f) => ["Bacteria", "P", "", "", "", genus[f]!, ""]),
          };
          const r = collapseToRank(t, taxonomy, "genus");
          expect(Array.from(sampleTotals(r.table))).toEqual(Array.from(sampleTotals(t)));
          const labels = new Set(t.featureIds.map((_, f) => labelAtRank(taxonomy.lineages[f]!, "genus")));
          expect(new Set(r.table.featureIds)).toEqual(labels);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("refuses to collapse features without taxonomy", () => {
    const tax = { featureIds: ["f1"], lineages: [["Bacteria", "", "", "", "", "", ""]] };
    expect(() => collapseToRank(small(), tax, "phylum")).toThrow(
      /3 table feature\(s\) have no taxonomy: 'f2', 'f3', 'f4'/,
    );
  });

  it("relative abundance sums to 1 per sample and refuses empty samples", () => {
    const r = relativeAbundance(small());
    for (const x of sampleTotals(r)) expect(x).toBeCloseTo(1, 15);
    const empty = fromDense(["A", "B"], ["f"], [1, 0]);
    expect(() => relativeAbundance(empty)).toThrow(/1 sample\(s\) have no reads at all: 'B'/);
  });

  for (const ds of ["dune", "GlobalPatterns"]) {
    it(`${ds}: Euclidean distances between CLR rows equal vegan's Aitchison distance (pseudocount 1)`, async () => {
      const { table } = await loadTable(fixture(ds, "table.biom"));
      const ref = JSON.parse(readFileSync(fixture(ds, "reference/beta_aitchison.json"), "utf8")).results.vegan
        .values;
      const z = clr(table);
      const m = table.featureIds.length;
      expect(ref.ids).toEqual(table.sampleIds);
      for (let i = 0; i < table.sampleIds.length; i++) {
        for (let j = i + 1; j < table.sampleIds.length; j++) {
          let d2 = 0;
          for (let f = 0; f < m; f++) d2 += (z.values[i * m + f]! - z.values[j * m + f]!) ** 2;
          expect(Math.abs(Math.sqrt(d2) - ref.matrix[i][j])).toBeLessThan(1e-9 * ref.matrix[i][j]);
        }
      }
    });
  }

  it("CLR rows sum to 0 (property)", () => {
    fc.assert(
      fc.property(countTable, (t) => {
        const z = clr(t, { pseudocount: 0.5 });
        const m = t.featureIds.length;
        for (let s = 0; s < t.sampleIds.length; s++) {
          let sum = 0;
          for (let f = 0; f < m; f++) sum += z.values[s * m + f]!;
          expect(Math.abs(sum)).toBeLessThan(1e-9);
        }
      }),
    );
  });
});

describe("alignInputs", () => {
  it("GlobalPatterns table, metadata, tree and taxonomy align without drops", async () => {
    const { table } = await loadTable(fixture("GlobalPatterns", "table.biom"));
    const a = alignInputs(table, {
      metadata: await loadMetadata(fixture("GlobalPatterns", "metadata.tsv")),
      tree: await loadTree(fixture("GlobalPatterns", "tree.nwk")),
      taxonomy: await loadTaxonomy(fixture("GlobalPatterns", "taxonomy.tsv")),
    });
    expect(a.table).toEqual(table);
    expect(a.metadata!.ids).toEqual(table.sampleIds);
    expect(a.dropped).toEqual({ tableSamples: [], tableFeatures: [], metadataSamples: [] });
  });

  it("reports every mismatch with the side that lacks the IDs; intersect returns what it dropped", async () => {
    const md = { idHeader: "id", ids: ["C", "A", "X"], columns: [] };
    const tax = { featureIds: ["f1", "f2", "f3"], lineages: [[], [], []] };
    try {
      alignInputs(small(), { metadata: md, taxonomy: tax });
      expect.unreachable();
    } catch (e) {
      const err = e as InputError;
      expect(err.issues.map((i) => i.code)).toEqual(["id_mismatch", "id_mismatch"]);
      expect(err.message).toContain("1 table sample(s) are not in the metadata: 'B'");
      expect(err.message).toContain("1 table feature(s) are not in the taxonomy: 'f4'");
    }
    const a = alignInputs(small(), { metadata: md, taxonomy: tax }, { intersect: true });
    expect(a.table.sampleIds).toEqual(["A", "C"]);
    expect(a.table.featureIds).toEqual(["f1", "f2", "f3"]);
    expect(a.metadata!.ids).toEqual(["A", "C"]);
    expect(a.dropped).toEqual({ tableSamples: ["B"], tableFeatures: ["f4"], metadataSamples: ["X"] });
    expect(nnz(a.table)).toBe(4);
  });

  it("names table features missing from the tree", async () => {
    const tree = await loadTree(fixture("esophagus", "tree.nwk"));
    const t = fromDense(["B"], ["59_8_22", "not_a_tip"], [1, 2]);
    expect(() => alignInputs(t, { tree })).toThrow(
      /\[missing_tips\].*1 table feature\(s\) have no tip in the tree: 'not_a_tip'/,
    );
  });
});
