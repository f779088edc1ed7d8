/**
 * Calibration of every DA method on null data (seeded): the family-wise false-positive rate — the
 * fraction of null datasets in which a method calls at least one taxon at q < 0.05 — must stay at
 * or below 10% over 100 datasets of each kind: (a) the real gut template profiles (40 samples x 50
 * genera as counts) with group labels shuffled, (b) simulated negative-binomial nulls (40 samples x
 * 50 taxa). (GlobalPatterns with shuffled labels is reported, not asserted: see docs/DA.md.)
 * ALDEx2 runs with mc = 8 here to stay fast. Figures per method: bench/da-calibration.ts.
 */
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/random/rng.js";
import { gutTemplateCounts, inputOf, METHOD_RUNNERS, shuffledLabels, simulatedInput } from "./null-data.js";

const DATASETS = 100;
const Q = 0.05;

function familyWiseRate(make: (k: number) => ReturnType<typeof inputOf>): Record<string, number> {
  const hits: Record<string, number> = Object.fromEntries(Object.keys(METHOD_RUNNERS).map((m) => [m, 0]));
  for (let k = 0; k < DATASETS; k++) {
    const input = make(k);
    for (const [name, run] of Object.entries(METHOD_RUNNERS)) {
      if (run(input, k).rows.some((r) => r.q < Q)) hits[name]!++;
    }
  }
  return Object.fromEntries(Object.entries(hits).map(([m, h]) => [m, h / DATASETS]));
}

describe("DA calibration on null data", () => {
  it("shuffled labels of the gut template: family-wise false-positive rate <= 10% for every method", () => {
    const rng = createRng(2024);
    const rows = gutTemplateCounts(rng);
    const rates = familyWiseRate(() => inputOf(rows, shuffledLabels(rng, rows.length)));
    for (const rate of Object.values(rates)) expect(rate).toBeLessThanOrEqual(0.1);
  });

  it("simulated negative-binomial nulls: family-wise false-positive rate <= 10% for every method", () => {
    const rng = createRng(7);
    const rates = familyWiseRate(() => simulatedInput(rng, 40, 50, 0, 0));
    for (const rate of Object.values(rates)) expect(rate).toBeLessThanOrEqual(0.1);
  });
});
