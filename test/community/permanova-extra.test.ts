import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, it } from "vitest";
import { permanova } from "../../src/core/community/permanova.js";
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
