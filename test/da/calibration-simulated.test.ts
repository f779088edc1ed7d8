/**
 * Calibration on simulated nulls (seeded): 100 negative-binomial datasets of 40 samples x 50 taxa
 * with no effect; the family-wise false-positive rate at q < 0.05 stays at or below 10% for every
 * method (ALDEx2 with mc = 8). Figures per method: bench/da-calibration.ts.
 */
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/random/rng.js";
import { familyWiseRate, simulatedInput } from "./null-data.js";

describe("DA calibration on simulated nulls", () => {
  it("negative binomial: family-wise false-positive rate <= 10% for every method", () => {
    const rng = createRng(7);
    const rates = familyWiseRate(() => simulatedInput(rng, 40, 50, 0, 0));
    expect(Object.keys(rates)).toHaveLength(5);
    for (const rate of Object.values(rates)) expect(rate).toBeLessThanOrEqual(0.1);
  });
});
