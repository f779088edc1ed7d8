import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { permanova } from "../../src/core/community/permanova.js";
import { designMatrix } from "../../src/core/stats/design-matrix.js";
import { braycurtis, fixtureMetadata, metadataColumns, withinBinomialBand } from "./helpers.js";

interface Table {
  terms: string[];
  Df: number[];
  SumOfSqs: number[];
  R2: number[];
  F: (number | null)[];
  p: (number | null)[];
}
const extra = JSON.parse(
  readFileSync(resolve(__dirname, "../fixtures/extra/permanova_dune_extra.json"), "utf8"),
) as { results: Record<string, { values: Table }> };

function expectAgrees(rows: ReturnType<typeof permanova>["rows"], want: Table, b: number): void {
  expect(rows.map((r) => r.term)).toEqual(want.terms);
  rows.forEach((r, i) => {
    expect(r.df).toBe(want.Df[i]);
    expect(Math.abs(r.sumOfSquares - want.SumOfSqs[i]!) / want.SumOfSqs[i]!).toBeLessThan(1e-9);
    expect(Math.abs(r.r2 - want.R2[i]!)).toBeLessThan(1e-9);
    if (want.F[i] === null) expect(r.F).toBeNull();
    else {
      expect(Math.abs(r.F! - want.F[i]!) / want.F[i]!).toBeLessThan(1e-9);
      expect(withinBinomialBand(r.p!, want.p[i]!, b, 999)).toBe(true);
    }
  });
}

describe("permanova vs vegan 2.6-4 adonis2, extra designs (test/fixtures/extra)", () => {
  const dm = braycurtis("dune");
  const md = fixtureMetadata("dune");
  const design = designMatrix("~ Use + Moisture + A1", md, { ids: dm.ids });

  it.each(["terms", "margin"] as const)("bc ~ Use + Moisture + A1, by = %s", (by) => {
    const r = permanova(dm, design, { by, permutations: 999, seed: 11 });
    expectAgrees(r.rows, extra.results[`Use_Moisture_A1_by_${by}`]!.values, 999);
  });

  it("bc ~ Management, by = none (adonis2 by = NULL)", () => {
    const r = permanova(dm, designMatrix("~ Management", md, { ids: dm.ids }), {
      by: "none",
      permutations: 999,
    });
    const want = extra.results.Management_by_NULL!.values;
    expectAgrees(r.rows, want, 999);
  });

  it("bc ~ Management with strata = Use", () => {
    const r = permanova(dm, designMatrix("~ Management", md, { ids: dm.ids }), {
      permutations: 999,
      strata: metadataColumns("dune").column("Use"),
    });
    expectAgrees(r.rows, extra.results.Management_strata_Use!.values, 999);
  });
});
