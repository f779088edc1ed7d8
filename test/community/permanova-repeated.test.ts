// PERMANOVA of a repeated-measures design with permutations restricted within subject, against
// vegan 2.6-4 adonis2(permutations = how(blocks = subject)) (test/fixtures/extra/longitudinal.R).
import { describe, expect, it } from "vitest";
import { betaDiversity } from "../../src/core/beta/beta-diversity.js";
import { permanova } from "../../src/core/community/permanova.js";
import { designMatrix } from "../../src/core/stats/design-matrix.js";
import { expectRel } from "../stats/helpers.js";
import { longitudinalMetadata, longitudinalRef, longitudinalTable } from "../stats/longitudinal-fixture.js";
import { withinBinomialBand } from "./helpers.js";

const B = 1999;

describe.each([
  ["time", "~ time"],
  ["sexTime", "~ sex + time"],
] as const)("adonis2(bray %s, how(blocks = subject)) as vegan", (key, formula) => {
  const ref = longitudinalRef.permanova[key];
  const dm = betaDiversity(longitudinalTable(), "braycurtis");
  const md = longitudinalMetadata();
  const design = designMatrix(formula, md, { ids: dm.ids });
  const result = permanova(dm, design, {
    by: "terms",
    permutations: B,
    seed: 7,
    strata: dm.ids.map((id) => longitudinalRef.subject[longitudinalRef.samples.indexOf(id)]),
  });
  it("Df, SumOfSqs, R2 and F equal vegan's (1e-10)", () => {
    expect(result.strata).toBe(true);
    expect(result.rows.map((r) => r.df)).toEqual(ref.Df);
    result.rows.forEach((row, k) => {
      expectRel(row.sumOfSquares, ref.SumOfSqs[k], 1e-10);
      expectRel(row.r2, ref.R2[k], 1e-10);
      if (k < ref.F.length) expectRel(row.F!, ref.F[k], 1e-10);
    });
  });
  it("permutation p within the binomial band of vegan's (9999 permutations)", () => {
    ref.p.forEach((pRef: number, k: number) => {
      expect(withinBinomialBand(result.rows[k]!.p!, pRef, B, ref.nperm)).toBe(true);
    });
  });
  it("restricting permutations within subject matters: unrestricted p differs from restricted", () => {
    const free = permanova(dm, design, { by: "terms", permutations: B, seed: 7 });
    const last = ref.terms.length - 1;
    expect(free.rows[last]!.p!).toBeGreaterThan(result.rows[last]!.p! + 0.2);
  });
});
