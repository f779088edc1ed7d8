/**
 * The "agreement" association model: LinDA's rows, with p and q the larger of the two models'
 * when their signs agree (1 otherwise), so its calls are exactly the links both models call.
 * Checked against the two models run separately (small-case identity, not our own numbers).
 */
import { describe, expect, it } from "vitest";
import { associations } from "../../src/core/assoc/associations.js";
import { metadata, table } from "./assoc-small.js";

describe("associations, model agreement", () => {
  for (const [outcome, type] of [
    ["continuous", "continuous"],
    ["binary", "binary"],
  ] as const) {
    it(`${outcome}: LinDA's estimates, the larger p and q of the two models, calls = both models' calls`, () => {
      const base = { outcome, type, covariates: ["age"], minPrevalence: 0 };
      const linda = associations(table, metadata, { ...base, model: "linda" });
      const other = associations(table, metadata, { ...base, model: "outcome_on_clr" });
      const both = associations(table, metadata, { ...base, model: "agreement" });
      expect(both.method).toBe("linda_agreement");
      expect(both.rows.map((r) => r.taxon)).toEqual(linda.rows.map((r) => r.taxon));
      for (const fdr of [0.05, 0.1, 0.5, 0.9]) {
        const called = (rows: typeof linda.rows) =>
          new Set(rows.filter((r) => r.q < fdr).map((r) => `${r.taxon}${Math.sign(r.estimate)}`));
        const l = called(linda.rows);
        const o = called(other.rows);
        expect([...called(both.rows)].sort()).toEqual([...l].filter((k) => o.has(k)).sort());
      }
      both.rows.forEach((r, j) => {
        const a = linda.rows[j]!;
        const b = other.rows.find((x) => x.taxon === r.taxon)!;
        expect(r.estimate).toBe(a.estimate);
        expect(r.se).toBe(a.se);
        const agree = Math.sign(a.estimate) === Math.sign(b.estimate);
        expect(r.q).toBe(agree ? Math.max(a.q, b.q) : 1);
        expect(r.p).toBe(agree ? Math.max(a.p, b.p) : 1);
      });
    });
  }
});
