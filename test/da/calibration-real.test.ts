/**
 * Calibration on real profiles (seeded): the family-wise false-positive rate — the fraction of
 * null datasets in which a method calls at least one taxon at q < 0.05 — stays at or below 10%
 * over 100 label shuffles of the gut template (40 real stool profiles x 50 genera as counts).
 * ALDEx2 runs with mc = 8 to stay fast. GlobalPatterns shuffles are reported, not asserted
 * (docs/DA.md); figures per method: bench/da-calibration.ts.
 */
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/random/rng.js";
import { familyWiseRate, gutTemplateCounts, inputOf, shuffledLabels } from "./null-data.js";

describe("DA calibration on real profiles with shuffled labels", () => {
  it("gut template: family-wise false-positive rate <= 10% for every method", () => {
    const rng = createRng(2024);
    const rows = gutTemplateCounts(rng);
    const rates = familyWiseRate(() => inputOf(rows, shuffledLabels(rng, rows.length)));
    expect(Object.keys(rates)).toHaveLength(5);
    for (const rate of Object.values(rates)) expect(rate).toBeLessThanOrEqual(0.1);
  });
});
