import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { droppableTerms, permanova } from "../../src/core/community/permanova.js";
import { designMatrix } from "../../src/core/stats/design-matrix.js";
import {
  type AnovaTable,
  braycurtis,
  expectAdonisTable,
  fixtureMetadata,
  metadataColumns,
} from "./helpers.js";

const extra = JSON.parse(
  readFileSync(resolve(__dirname, "../fixtures/extra/permanova_dune_extra.json"), "utf8"),
) as { results: Record<string, { values: AnovaTable }> };

describe("permanova vs vegan 2.6-4 adonis2, extra designs (test/fixtures/extra)", () => {
  const dm = braycurtis("dune");
  const md = fixtureMetadata("dune");
  const design = designMatrix("~ Use + Moisture + A1", md, { ids: dm.ids });

  it.each(["terms", "margin"] as const)("bc ~ Use + Moisture + A1, by = %s", (by) => {
    const r = permanova(dm, design, { by, permutations: 999, seed: 11 });
    expectAdonisTable(r.rows, extra.results[`Use_Moisture_A1_by_${by}`]!.values, { b: 999, bRef: 999 });
  });

  it("bc ~ Management, by = none (adonis2 by = NULL)", () => {
    const r = permanova(dm, designMatrix("~ Management", md, { ids: dm.ids }), {
      by: "none",
      permutations: 999,
    });
    const want = extra.results.Management_by_NULL!.values;
    expectAdonisTable(r.rows, want, { b: 999, bRef: 999 });
  });

  it("bc ~ Management with strata = Use", () => {
    const r = permanova(dm, designMatrix("~ Management", md, { ids: dm.ids }), {
      permutations: 999,
      strata: metadataColumns("dune").column("Use"),
    });
    expectAdonisTable(r.rows, extra.results.Management_strata_Use!.values, { b: 999, bRef: 999 });
  });
});

describe("permanova by margin with interactions vs vegan 2.6-4 (test/fixtures/extra/permanova_dune_margin.R)", () => {
  const margin = JSON.parse(
    readFileSync(resolve(__dirname, "../fixtures/extra/permanova_dune_margin.json"), "utf8"),
  ) as { results: Record<string, { values: AnovaTable }> };
  const dm = braycurtis("dune");
  const md = fixtureMetadata("dune");

  it.each([
    ["Management_x_A1", "~ Management * A1"],
    ["Use_plus_Management_x_A1", "~ Use + Management * A1"],
  ])("%s: only terms not marginal to a higher-order term get a row", (key, formula) => {
    const r = permanova(dm, designMatrix(formula, md, { ids: dm.ids }), {
      by: "margin",
      permutations: 999,
      seed: 11,
    });
    const want = margin.results[key]!.values;
    expect(r.rows.map((x) => x.term)).toEqual(want.terms);
    expectAdonisTable(r.rows, want, { b: 999, bRef: 999 });
  });

  it("droppableTerms keeps a main effect only when no interaction contains it", () => {
    const t = (...labels: string[]) => droppableTerms(labels.map((label) => ({ label })));
    expect(t("a", "b", "a:b")).toEqual([2]);
    expect(t("c", "a", "b", "a:b")).toEqual([0, 3]);
    expect(t("a", "b", "c", "a:b", "a:c", "b:c", "a:b:c")).toEqual([6]);
    expect(t("a", "b", "a:c")).toEqual([1, 2]);
  });
});

describe("permanova refuses a design that does not fit the matrix", () => {
  it("a design whose row count and row indices disagree is an InputError (bad_value)", () => {
    const dm = braycurtis("dune");
    const design = designMatrix("~ Management", fixtureMetadata("dune"), { ids: dm.ids });
    const broken = { ...design, nRows: design.nRows + 1 };
    expect(() => permanova(dm, broken, { permutations: 9 })).toThrow(
      expect.objectContaining({
        name: "InputError",
        issues: [expect.objectContaining({ code: "bad_value" })],
      }),
    );
  });
});
