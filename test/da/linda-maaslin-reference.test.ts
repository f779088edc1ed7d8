/**
 * LinDA and MaAsLin against their reference R implementations (LinDA 0.2.0 `linda()`,
 * MicrobiomeStat 1.5.0 `linda()`, Maaslin2 1.15.1 `Maaslin2()` with defaults), run by test/fixtures/extra/da-reference/linda_maaslin.R on
 * GlobalPatterns genera, a simulated kratom cohort (n = 65) and dune. Asserted per analysis, method
 * and tested term: the same taxa tested, log2 fold change, se, p and q equal to 1e-8 (relative),
 * Pearson r >= 0.999 and identical calls at q < 0.1; LinDA's choice of zero handling as linda()'s.
 */
import { describe, expect, it } from "vitest";
import { linda } from "../../src/core/da/linda.js";
import { meanShiftMode } from "../../src/core/da/kernel-mode.js";
import { CASES, inputFor, ref, referenceAgreements, rel } from "./linda-maaslin-reference.js";

describe("linda and maaslin equal LinDA 0.2.0 linda() and Maaslin2 1.15.1 Maaslin2()", () => {
  for (const c of CASES) {
    it(`${c.name}: ${ref.analyses[c.name]!.formula}`, () => {
      const agreements = referenceAgreements(c);
      expect(agreements.length).toBeGreaterThanOrEqual(3);
      for (const a of agreements) {
        const label = `${a.method} ${a.term}`;
        expect(a.sameTaxa, label).toBe(true);
        expect(a.pearson, label).toBeGreaterThanOrEqual(0.999);
        expect(a.calls.same, label).toBe(true);
        expect(a.maxRelLfc, label).toBeLessThan(1e-8);
        expect(a.maxRelSe, label).toBeLessThan(1e-8);
        expect(a.maxRelP, label).toBeLessThan(1e-8);
        expect(a.maxRelQ, label).toBeLessThan(1e-8);
      }
    });

    it(`${c.name}: linda chooses the zero handling linda() chose`, () => {
      const zero = linda(inputFor(c)).summary.parameters.zeroHandling;
      const printed = ref.analyses[c.name]!.linda.zero_handling;
      if (zero === "imputation") expect(printed).toMatch(/Imputation approach/);
      else if (zero === "pseudocount") expect(printed).toMatch(/Pseudo-count approach/);
      else expect(printed).toBe("");
    });
  }
});

describe("meanShiftMode = modeest::mlv(method = 'meanshift', kernel = 'gaussian')", () => {
  it("matches on a bimodal sample", () => {
    expect(rel(meanShiftMode(ref.mode_sample), ref.meanshift_mode)).toBeLessThan(1e-12);
  });
});
