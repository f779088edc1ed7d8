/**
 * Calibration on simulated nulls (seeded): 100 negative-binomial datasets of 40 samples x 50 taxa
 * with no effect; the family-wise false-positive rate at q < 0.05 stays at or below 10% for every
 * method (ALDEx2 with mc = 8) except ANCOM-BC with its reference defaults (normal p): <= 15%, and
 * <= 10% with its `pDistribution: "t"` option. Figures per method: bench/da-calibration.ts.
 */
import { describe, expect, it } from "vitest";
import { ancombc } from "../../src/core/da/ancombc.js";
import { createRng } from "../../src/core/random/rng.js";
import { familyWiseRate, simulatedInput } from "./null-data.js";

describe("DA calibration on simulated nulls", () => {
  it("negative binomial: family-wise false-positive rate <= 10% for every method (ANCOM-BC reference defaults <= 15%)", () => {
    const rng = createRng(7);
    const rates = familyWiseRate(() => simulatedInput(rng, 40, 50, 0, 0));
    expect(Object.keys(rates)).toHaveLength(5);
    // ANCOM-BC with its reference defaults (normal p, as ANCOMBC) is anti-conservative at 40 samples
    // (docs/DA.md); it keeps the reference default and is bounded separately below.
    for (const [method, rate] of Object.entries(rates))
      expect(rate).toBeLessThanOrEqual(method === "ancombc" ? 0.15 : 0.1);
  });

  it("ancombc with pDistribution 't' (n - p df): family-wise false-positive rate <= 10%", () => {
    const rng = createRng(7);
    let hits = 0;
    for (let k = 0; k < 100; k++) {
      const input = simulatedInput(rng, 40, 50, 0, 0);
      if (ancombc(input, { pDistribution: "t" }).rows.some((r) => r.q < 0.05)) hits++;
    }
    expect(hits / 100).toBeLessThanOrEqual(0.1);
  });
});
