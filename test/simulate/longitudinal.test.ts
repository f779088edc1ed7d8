import { describe, expect, it } from "vitest";
import { kratomLongitudinalDesign } from "../../src/core/simulate/designs/kratom.js";
import { runPowerReplicate } from "../../src/core/simulate/power-replicate.js";
import { simulateCohort } from "../../src/core/simulate/simulate-cohort.js";
import { simulatedStudyConfig } from "../../src/core/simulate/study-config.js";
import { collapseToRank } from "../../src/core/table/collapse.js";
import { denseBlock, nFeatures } from "../../src/core/table/feature-table.js";
import { categoricalValues, numericValues } from "../helpers/metadata.js";

const design = kratomLongitudinalDesign();

function log2Ratios(n: number, seed: number, taxon: string, reference: string) {
  const cohort = simulateCohort(design, { n, seed });
  const genus = collapseToRank(cohort.table, cohort.taxonomy, "genus").table;
  const dense = denseBlock(genus);
  const m = nFeatures(genus);
  const t = genus.featureIds.findIndex((f) => f.endsWith(taxon));
  const r = genus.featureIds.findIndex((f) => f.endsWith(reference));
  return Array.from({ length: genus.sampleIds.length }, (_, s) =>
    Math.log2((dense[s * m + t]! + 0.5) / (dense[s * m + r]! + 0.5)),
  );
}

describe("simulate --design kratom-longitudinal", () => {
  const cohort = simulateCohort(design, { n: 12, seed: 3 });
  it("two samples per person, before (non_user) and after (user), with subject and visit columns", () => {
    expect(cohort.table.sampleIds.slice(0, 4)).toEqual(["P001_V1", "P001_V2", "P002_V1", "P002_V2"]);
    const md = cohort.metadata;
    expect(md.ids).toEqual(cohort.table.sampleIds);
    const subject = categoricalValues(md, "subject_id");
    const visit = categoricalValues(md, "visit");
    const use = categoricalValues(md, "kratom_use");
    expect(new Set(subject).size).toBe(12);
    subject.forEach((s, i) => {
      expect(s).toBe(md.ids[i]!.slice(0, 4));
      expect(visit[i]).toBe(i % 2 === 0 ? "baseline" : "follow_up");
      expect(use[i]).toBe(i % 2 === 0 ? "non_user" : "user");
    });
    // person-level covariates repeat at both visits
    const age = numericValues(md, "age");
    for (let i = 0; i < 12; i++) expect(age[2 * i]).toBe(age[2 * i + 1]);
    expect(cohort.truth.exposure).toMatchObject({ nExposed: 12, nReference: 12 });
  });
  it("is byte-identical for the same seed", () => {
    const again = simulateCohort(design, { n: 12, seed: 3 });
    expect(Array.from(again.table.values)).toEqual(Array.from(cohort.table.values));
  });
  it("visits of one person are closer than visits of different people (within-person correlation)", () => {
    const n = 40;
    const x = log2Ratios(n, 5, "Bacteroides", "Prevotella");
    const within = Array.from({ length: n }, (_, i) => Math.abs(x[2 * i]! - x[2 * i + 1]!));
    const between = Array.from({ length: n - 1 }, (_, i) => Math.abs(x[2 * i]! - x[2 * i + 3]!));
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(mean(within)).toBeLessThan(0.5 * mean(between));
  });
  it("plants the exposure effect at the follow-up visit (paired log ratio ~ log2 fold change)", () => {
    const n = 300;
    const x = log2Ratios(n, 7, "Faecalibacterium", "Bacteroides");
    const diffs = Array.from({ length: n }, (_, i) => x[2 * i + 1]! - x[2 * i]!);
    const mean = diffs.reduce((a, b) => a + b, 0) / n;
    expect(mean).toBeGreaterThan(0.7);
    expect(mean).toBeLessThan(1.3);
  });
  it("its study.yaml names the subject column and has no outcomes", () => {
    const config = simulatedStudyConfig(design, 1, { table: "t", taxonomy: "x", metadata: "m" });
    expect(config.design).toMatchObject({ exposure: "kratom_use", subject: "subject_id", covariates: [] });
    expect(config.outcomes).toEqual([]);
    expect(config.hypotheses.map((h) => h.taxon)).toEqual(["Faecalibacterium"]);
  });
});

describe("power on the longitudinal design", () => {
  it("scores the mixed models and the naive analysis of the same samples; skips methods without random effects", () => {
    const result = runPowerReplicate(
      { design, methods: ["linda", "ancombc"], fdr: 0.1 },
      { n: 8, rep: 0, seed: 5 },
    );
    expect(result.tests.map((t) => t.method)).toEqual([
      "linda",
      "linda_ignoring_subject",
      "ancombc_ignoring_subject",
      "confirmatory",
      "single_test",
    ]);
    expect(result.warnings.some((w) => w.startsWith("ancombc skipped"))).toBe(true);
  }, 60_000);
});
