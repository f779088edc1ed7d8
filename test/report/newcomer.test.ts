/**
 * Report details a newcomer noticed (issue 15): facet grids without empty slots, no panel for a
 * metric or method with nothing to draw, and an alpha headline that names the test of each q.
 */
import { describe, expect, it } from "vitest";
import { buildReportModel } from "../../src/report/build-model.js";
import { facetColumns } from "../../src/report/charts.js";
import { fixtureResults } from "./fixture.js";

function facetOf(spec: unknown): { columns: number; sort: string[] } {
  const s = spec as { columns: number; facet: { sort: string[] } };
  return { columns: s.columns, sort: s.facet.sort };
}

describe("facet grids", () => {
  it("balances panels over rows: 4 methods in 2 x 2, not 3 + 1 with two empty slots", () => {
    expect(facetColumns(4, 3)).toBe(2);
    expect(facetColumns(8, 4)).toBe(4);
    expect(facetColumns(5, 4)).toBe(3);
    expect(facetColumns(6, 4)).toBe(3);
    expect(facetColumns(3, 3)).toBe(3);
    expect(facetColumns(1, 3)).toBe(1);
    for (let n = 1; n <= 12; n++) {
      for (const max of [2, 3, 4]) {
        const c = facetColumns(n, max);
        const rows = Math.ceil(n / c);
        expect(c).toBeLessThanOrEqual(max);
        expect(rows * c - n).toBeLessThan(rows); // fewer empty slots than rows
        expect(rows).toBe(Math.ceil(n / max)); // no more rows than needed
      }
    }
  });
});

describe("alpha section", () => {
  it("draws no panel for a metric without any value", () => {
    const results = fixtureResults();
    for (const row of results.alpha!.values) row.values.faith_pd = null;
    const alpha = buildReportModel(results).sections.find((s) => s.id === "alpha")!;
    expect(facetOf(alpha.plots[0]!.spec).sort).toEqual(["shannon", "observed_features"]);
  });

  it("names the test of each q in the headline", () => {
    const results = fixtureResults();
    results.alpha!.tests = [
      { metric: "shannon", term: "kratom_use", test: "kruskal_wallis", statistic: 4.1, p: 0.001, q: 0.0017 },
      { metric: "shannon", term: "kratom_use", test: "ols_partial_f", statistic: 3, p: 0.008, q: 0.01 },
    ];
    const model = buildReportModel(results);
    const headline = model.overview.find((o) => o.sectionId === "alpha")!.headline;
    expect(headline).toContain("shannon by Kruskal\u2013Wallis (q = ");
    expect(headline).toContain("shannon by adjusted linear model (q = ");
  });
});

describe("volcano plot", () => {
  it("gives no (empty) panel to a method without a drawable row, and says so", () => {
    const results = fixtureResults();
    const da = results.differentialAbundance!;
    const [first, ...others] = da.methods;
    da.rows = da.rows.map((r) => (r.method === first ? { ...r, p: null } : r));
    const section = buildReportModel(results).sections.find((s) => s.id === "differential-abundance")!;
    const volcano = section.plots.find((p) => p.id === "volcano")!;
    expect(facetOf(volcano.spec).sort).toEqual(others);
    expect(volcano.caption).toContain(`No panel for ${first}: no row to draw.`);
  });
});
