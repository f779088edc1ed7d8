import { describe, expect, it } from "vitest";
import { applyFeatureTransform } from "../../src/core/models/feature-transform.js";
import { type FittedModel, trainModel } from "../../src/core/models/train-model.js";
import { shannon } from "../../src/core/alpha/shannon.js";
import { cohortAlpha } from "../../src/core/profile/cohort-alpha.js";
import { personalProfile } from "../../src/core/profile/personal-profile.js";
import { templateShannon } from "../../src/core/profile/template-shannon.js";
import { kratomDesign } from "../../src/core/simulate/designs/kratom.js";
import { createTemplate } from "../../src/core/simulate/template.js";
import { denseBlock, nFeatures, nSamples } from "../../src/core/table/feature-table.js";
import { numericValues } from "../helpers/metadata.js";
import { smallCohort } from "./small-cohort.js";

const base = kratomDesign();
/** Pain relief strongly linked to Faecalibacterium (2 points per doubling). */
const design = kratomDesign({
  outcomes: base.outcomes.map((o) =>
    o.column === "pain_relief" ? { ...o, links: [{ taxon: "Faecalibacterium", effect: 2 }] } : o,
  ),
});
const cohort = smallCohort(design, 80, 5);
const x = denseBlock(cohort.genus);
const n = nSamples(cohort.genus);
const p = nFeatures(cohort.genus);
const y = Float64Array.from(numericValues(cohort.metadata, "pain_relief"));
const model = trainModel(
  { x, n, p, featureNames: cohort.genus.featureIds, y, task: "continuous", target: "pain_relief" },
  {
    seed: 2,
    k: 4,
    repeats: 1,
    bootstrapReplicates: 200,
    permutations: 39,
    model: { type: "elastic_net", alphas: [0.5], nlambda: 30 },
    transform: { type: "clr", pseudocount: 0.5 },
  },
);
const alpha = cohortAlpha(x, n, p);
const cohortOption = { levels: model.training.quantileLevels, features: model.training.features, alpha };
const row = (s: number) => x.subarray(s * p, (s + 1) * p);

describe("personalProfile on a cohort with a planted outcome link", () => {
  const f = cohort.genus.featureIds.indexOf("Faecalibacterium");
  const clr = applyFeatureTransform(model.transform, x, n, p);
  // the person whose Faecalibacterium is furthest from the cohort mean
  let person = 0;
  let mean = 0;
  for (let s = 0; s < n; s++) mean += clr[s * p + f]! / n;
  for (let s = 1; s < n; s++)
    if (Math.abs(clr[s * p + f]! - mean) > Math.abs(clr[person * p + f]! - mean)) person = s;
  const profile = personalProfile(
    model,
    { sampleId: cohort.genus.sampleIds[person]!, counts: row(person) },
    { cohort: cohortOption },
  );

  it("the model beats chance and the profile opens with that", () => {
    expect(model.cv.null_p).toBeLessThan(0.05);
    expect(profile.performance.betterThanChance).toBe(true);
    expect(profile.statements[0]).toMatch(
      /^In cross-validation on 80 participants, the model predicted pain_relief better than chance/,
    );
  });

  it("shows the planted taxon among the drivers, in the planted direction", () => {
    const drivers = [...profile.drivers.up.slice(0, 3), ...profile.drivers.down.slice(0, 3)].map(
      (d) => d.name,
    );
    expect(drivers).toContain("Faecalibacterium");
    const d = [...profile.drivers.up, ...profile.drivers.down].find((c) => c.name === "Faecalibacterium")!;
    // more Faecalibacterium than average -> pushed up; less -> pushed down
    expect(Math.sign(d.contribution)).toBe(Math.sign(clr[person * p + f]! - mean));
    const h = profile.hypotheses.find((c) => c.name === "Faecalibacterium")!;
    expect(h.association).toBe("positive");
    expect(h.linkedTo).toBe("better");
    expect(h.text).toMatch(/^Hypothesis: .*not a recommendation\.$/);
  });

  it("places key taxa with the model's training quantiles and diversity with the cohort alpha", () => {
    for (const k of profile.keyTaxa) {
      expect(k.cohortPercentile).toBeGreaterThanOrEqual(0);
      expect(k.cohortPercentile).toBeLessThanOrEqual(1);
    }
    const k = profile.keyTaxa.find((t) => t.name === "Faecalibacterium")!;
    expect(k.clr).toBeCloseTo(clr[person * p + f]!, 12);
    // the extreme person sits at an extreme of the cohort
    expect(Math.min(k.cohortPercentile, 1 - k.cohortPercentile)).toBeLessThan(0.1);
    expect(profile.diversity.shannonCohortPercentile).not.toBeNull();
    expect(profile.diversity.shannonTemplatePercentile).toBeNull();
  });

  it("never words hypotheses or statements as advice, and carries the caveats", () => {
    const text = [...profile.statements, ...profile.hypotheses.map((h) => h.text)].join(" ");
    expect(text).not.toMatch(/\b(should|take|increase your|eat|avoid)\b/i);
    const caveats = profile.caveats.join(" ");
    for (const phrase of [/Observational/, /Small cohort/, /Association, not causation/, /clinician/]) {
      expect(caveats).toMatch(phrase);
    }
  });

  it("is plain JSON", () => {
    expect(JSON.parse(JSON.stringify(profile))).toEqual(profile);
  });
});

describe("a model no better than chance", () => {
  const chance = (nullP: number | null): FittedModel => ({ ...model, cv: { ...model.cv, null_p: nullP } });

  it("leads with the 'no better than chance' statement (p >= 0.05 and p not computed)", () => {
    for (const nullP of [0.05, 0.4, null]) {
      const profile = personalProfile(chance(nullP), { sampleId: "S1", counts: row(0) });
      expect(profile.performance.betterThanChance).toBe(false);
      expect(profile.statements[0]).toMatch(/^This model is no better than chance at predicting pain_relief/);
      expect(profile.statements.slice(1).join(" ")).not.toMatch(/no better than chance/);
    }
  });
});

describe("diversity references", () => {
  it("cohort alpha quantiles and template Shannon match hand-computed values", () => {
    // samples [1, 1, 0] and [2, 0, 0]: Shannon ln 2 and 0, observed 2 and 1
    const a = cohortAlpha(Float64Array.from([1, 1, 0, 2, 0, 0]), 2, 3);
    expect(a.shannon[0]).toBe(0);
    expect(a.shannon[10]).toBeCloseTo(Math.LN2 / 2, 12); // type-7 median of {0, ln 2}
    expect(a.observed[20]).toBe(2);
    const t = createTemplate({
      taxa: ["a", "b"],
      sampleIds: ["t1", "t2"],
      profiles: [0.5, 0.5, 1, 0],
      source: "test",
    });
    expect(Array.from(templateShannon(t))).toEqual([Math.LN2, 0]);
  });

  it("places a person among template profiles (mid-rank percentile)", () => {
    const t = createTemplate({
      taxa: cohort.genus.featureIds,
      sampleIds: ["t1", "t2", "t3"],
      profiles: [...row(2), ...row(3), ...row(4)],
      source: "test",
    });
    const profile = personalProfile(model, { sampleId: "S", counts: row(1) }, { template: t });
    const h = shannon(row(1));
    const expected = Array.from(templateShannon(t)).filter((v) => v < h).length / 3;
    expect(profile.diversity.shannonTemplatePercentile).toBe(expected);
    expect(profile.diversity.template?.n).toBe(3);
  });

  it("rejects a person with no reads or the wrong number of values", () => {
    expect(() => personalProfile(model, { sampleId: "Z", counts: new Float64Array(p) })).toThrow(/no reads/);
    expect(() => personalProfile(model, { sampleId: "Z", counts: [1, 2] })).toThrow(/features/);
  });
});
