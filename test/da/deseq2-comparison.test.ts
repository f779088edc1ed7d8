import { describe, expect, it } from "vitest";
import { compareWithDeseq2, runOnGlobalPatternsGenus } from "./deseq2-comparison.js";

describe("agreement with DESeq2 on GlobalPatterns genera (human_associated yes vs no)", () => {
  const agreement = compareWithDeseq2(runOnGlobalPatternsGenus(42, 16));

  it("every method's statistics correlate with DESeq2's Wald statistics (Spearman > 0.7)", () => {
    expect(agreement.map((a) => a.method)).toEqual(["linda", "ancombc", "aldex2", "maaslin", "wilcoxon_clr"]);
    for (const a of agreement) expect(a.spearmanStatistic).toBeGreaterThan(0.7);
  });

  it("taxa called by both a method and DESeq2 (q < 0.1) change in the same direction", () => {
    for (const a of agreement) {
      expect(a.calledByBoth).toBeGreaterThan(10);
      expect(a.directionAgreement).toBeGreaterThanOrEqual(0.95);
    }
  });
});
