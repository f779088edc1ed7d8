/**
 * The reference designs (core/simulate/designs): each writes exactly its questionnaire's columns,
 * within the declared ranges and levels; its simulated study.yaml passes the schema and carries its
 * own caveats; and nothing drug-specific leaks from one design into another.
 */
import { describe, expect, it } from "vitest";
import { demoStudyConfig } from "../../src/core/simulate/demo-study.js";
import { studyOutcomes } from "../../src/core/simulate/design.js";
import { REFERENCE_DESIGNS, referenceDesign } from "../../src/core/simulate/designs/index.js";
import { simulateCohort } from "../../src/core/simulate/simulate-cohort.js";
import { simulatedStudyConfig } from "../../src/core/simulate/study-config.js";
import { sortLevels } from "../../src/core/table/level-order.js";
import { studyConfigSchema } from "../../src/core/study/config.js";

const FILES = { table: "table.biom", taxonomy: "taxonomy.tsv", metadata: "metadata.tsv" };

describe.each(REFERENCE_DESIGNS.map((d) => [d.name, d] as const))("design %s", (_name, reference) => {
  const design = reference.demo();
  const cohort = simulateCohort(design, { n: 40, seed: 5 });

  it("writes its dictionary's columns, in order, within their levels and ranges", () => {
    expect(cohort.metadata.columns.map((c) => c.name)).toEqual(Object.keys(reference.dictionary));
    for (const col of cohort.metadata.columns) {
      const entry = reference.dictionary[col.name]!;
      expect(col.kind).toBe(entry.type);
      if (col.kind === "categorical") {
        // an ID column (no levels declared, e.g. subject_id) takes any value
        if (entry.levels !== undefined) expect(col.levels).toEqual(sortLevels(entry.levels));
      } else {
        for (const v of col.values) {
          expect(v).toBeGreaterThanOrEqual(entry.min ?? -Infinity);
          expect(v).toBeLessThanOrEqual(entry.max ?? Infinity);
        }
      }
    }
  });

  it("names the exposure and outcomes in truth.json and study.yaml after the design's columns", () => {
    const c = design.columns;
    const analysed = design.outcomes.filter((o) => o.kind !== "side_effect").map((o) => o.column);
    expect(cohort.truth.exposure.column).toBe(c.exposure);
    for (const link of cohort.truth.outcomeLinks) expect(analysed).toContain(link.outcome);
    const config = studyConfigSchema.parse(demoStudyConfig(design, 5, FILES));
    expect(config.design.exposure).toBe(c.exposure);
    // a longitudinal design (two visits per person) has no host outcomes
    const outcomes = design.visits === undefined ? analysed : [];
    expect(config.outcomes.map((o) => o.column)).toEqual(outcomes);
    if (outcomes.length > 0) expect(config.prediction?.targets).toEqual(outcomes);
    expect(config.caveats).toEqual([...design.caveats]);
    for (const h of config.hypotheses) {
      expect(h.exposure ?? c.exposure).toBe(c.exposure);
      if (h.outcome) expect(analysed).toContain(h.outcome);
    }
  });
});

describe("designs stay apart", () => {
  it("the metformin design, cohort and study.yaml never mention kratom", () => {
    const metformin = referenceDesign("metformin");
    const design = metformin.design();
    const cohort = simulateCohort(design, { n: 30, seed: 2 });
    const text = JSON.stringify([
      design,
      metformin.dictionary,
      metformin.title,
      metformin.summary,
      cohort.truth,
      cohort.metadata.columns.map((c) => [c.name, c.kind === "categorical" ? c.levels : []]),
      simulatedStudyConfig(design, 2, FILES),
    ]);
    expect(text.toLowerCase()).not.toContain("kratom");
    expect(text).toContain("metformin_use");
  });

  it("the kratom design carries the kratom caveat into its study.yaml", () => {
    const config = simulatedStudyConfig(referenceDesign("kratom").design(), 1, FILES);
    expect(config.caveats.join(" ")).toMatch(/Kratom \(Mitragyna speciosa\) products are unregulated/);
  });

  it("refuses an unknown design, listing the known ones", () => {
    expect(() => referenceDesign("opium")).toThrow(/unknown --design 'opium'/);
  });
});

describe("generic outcome models", () => {
  const kratom = referenceDesign("kratom").design();

  it("study outcomes are the continuous and binary ones, in order; side effects are not analysed", () => {
    expect(studyOutcomes(kratom)).toEqual([
      { column: "pain_relief", type: "continuous" },
      { column: "constipation", type: "binary", positive: "yes" },
    ]);
    expect(kratom.outcomes.map((o) => o.kind)).toEqual(["continuous", "binary", "side_effect"]);
  });

  it("a design with outcomes of other names writes them, and its truth names them", () => {
    const renamed = kratom.outcomes.map((o) => ({ ...o, column: `${o.column}_x` }));
    const design = { ...kratom, outcomes: renamed };
    const cohort = simulateCohort(design, { n: 20, seed: 2 });
    const names = cohort.metadata.columns.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["pain_relief_x", "constipation_x", "nausea_x"]));
    for (const link of cohort.truth.outcomeLinks) expect(link.outcome.endsWith("_x")).toBe(true);
  });

  it("refuses an outcome column named twice", () => {
    const twice = kratom.outcomes.map((o) =>
      o.kind === "side_effect" ? { ...o, column: "constipation" } : o,
    );
    expect(() => simulateCohort({ ...kratom, outcomes: twice }, { n: 10, seed: 1 })).toThrow(
      /column\(s\) named twice: constipation/,
    );
  });
});
