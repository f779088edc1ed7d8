/**
 * Calibration on real profiles (seeded): the family-wise false-positive rate — the fraction of
 * null datasets in which a method calls at least one taxon at q < 0.05 — stays at or below 10%
 * over 100 label shuffles of the gut template (40 real stool profiles x 50 genera as counts);
 * ANCOM-BC with its reference defaults (normal p): <= 15%, with `pDistribution: "t"`: <= 10%.
 * ALDEx2 runs with mc = 8 to stay fast. GlobalPatterns shuffles are reported, not asserted
 * (docs/DA.md); figures per method: bench/da-calibration.ts.
 */
import { describe, expect, it } from "vitest";
import { ancombc } from "../../src/core/da/ancombc.js";
import { createRng } from "../../src/core/random/rng.js";
import { familyWiseRate, gutTemplateCounts, inputOf, shuffledLabels } from "./null-data.js";

describe("DA calibration on real profiles with shuffled labels", () => {
  it("gut template: family-wise false-positive rate <= 10% for every method (ANCOM-BC reference defaults <= 15%)", () => {
    const rng = createRng(2024);
    const rows = gutTemplateCounts(rng);
    const rates = familyWiseRate(() => inputOf(rows, shuffledLabels(rng, rows.length)));
    expect(Object.keys(rates)).toHaveLength(5);
    // ANCOM-BC with its reference defaults (normal p, as ANCOMBC) is anti-conservative at 40 samples
    // (docs/DA.md); it keeps the reference default and is bounded separately below.
    for (const [method, rate] of Object.entries(rates))
      expect(rate).toBeLessThanOrEqual(method === "ancombc" ? 0.15 : 0.1);
  });

  it("ancombc with pDistribution 't' (n - p df): family-wise false-positive rate <= 10%", () => {
    const rng = createRng(2024);
    const rows = gutTemplateCounts(rng);
    let hits = 0;
    for (let k = 0; k < 100; k++) {
      const input = inputOf(rows, shuffledLabels(rng, rows.length));
      if (ancombc(input, { pDistribution: "t" }).rows.some((r) => r.q < 0.05)) hits++;
    }
    expect(hits / 100).toBeLessThanOrEqual(0.1);
  });
});
