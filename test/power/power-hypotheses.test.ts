/**
 * Scoring of confirmatory hypotheses in a power replicate, by hand: the kratom hypotheses
 * (Clostridium ~ constipation positive, Faecalibacterium up) answered from given scan rows.
 */
import { describe, expect, it } from "vitest";
import type { TaxonAssociationRow } from "../../src/core/assoc/types.js";
import type { DaRow } from "../../src/core/da/types.js";
import { kratomDesign } from "../../src/core/simulate/designs/kratom.js";
import { hypothesisCalls } from "../../src/core/simulate/power-hypotheses.js";
import type { PlantedEffect } from "../../src/core/simulate/power-replicate.js";
import { simulatedStudyConfig } from "../../src/core/simulate/study-config.js";

const study = simulatedStudyConfig(kratomDesign(), 1, { table: "", taxonomy: "", metadata: "" });
const planted: PlantedEffect[] = [
  {
    effect: "Faecalibacterium",
    kind: "abundance",
    taxon: "Faecalibacterium",
    outcome: null,
    log2FoldChange: 1,
    direction: 1,
  },
  {
    effect: "constipation ~ Clostridium",
    kind: "association",
    taxon: "Clostridium",
    outcome: "constipation",
    log2FoldChange: Number.NaN,
    direction: 1,
  },
];
const da = (log2: number, p: number): DaRow => ({
  taxon: "Faecalibacterium",
  method: "linda",
  term: "kratom_useuser",
  contrast: "user vs non_user",
  log2_fold_change: log2,
  se: 0.3,
  statistic: log2 / 0.3,
  p,
  q: p,
  prevalence: 1,
  mean_relative_abundance: 0.05,
});
const assoc = (estimate: number, p: number): TaxonAssociationRow => ({
  outcome: "constipation",
  taxon: "Clostridium",
  method: "logistic",
  contrast: "yes vs no",
  estimate,
  estimate_scale: "log odds ratio per unit CLR",
  se: 0.2,
  statistic: estimate / 0.2,
  p,
  q: p,
  n: 65,
});

describe("hypothesisCalls", () => {
  it("calls by Holm (confirmatory) and by the unadjusted one-sided p (single_test)", () => {
    // one-sided p: 0.02 and 0.04; Holm: 0.04, 0.04 -> both confirmed; single: both called
    const [conf, single] = hypothesisCalls(study, ["linda"], [da(1, 0.04)], [assoc(0.5, 0.08)], planted);
    expect(conf).toEqual({
      method: "confirmatory",
      outcome: null,
      detected: ["constipation ~ Clostridium", "Faecalibacterium"],
      calls: 2,
      falseCalls: 0,
      scope: ["constipation ~ Clostridium", "Faecalibacterium"],
    });
    expect(single!.detected).toHaveLength(2);
    // one-sided 0.02 and 0.06: Holm 0.04 (confirmed) and 0.06 (not); single: only the first called
    const [conf2, single2] = hypothesisCalls(study, ["linda"], [da(1, 0.04)], [assoc(0.5, 0.12)], planted);
    expect(conf2!.detected).toEqual(["Faecalibacterium"]);
    expect(single2!.detected).toEqual(["Faecalibacterium"]);
    // one-sided 0.03 and 0.04: Holm 0.06 for both -> nothing confirmed; both single tests called
    const [conf3, single3] = hypothesisCalls(study, ["linda"], [da(1, 0.06)], [assoc(0.5, 0.08)], planted);
    expect(conf3!.calls).toBe(0);
    expect(single3!.calls).toBe(2);
  });

  it("counts a confirmed hypothesis without its planted effect as a false call", () => {
    const [conf] = hypothesisCalls(study, ["linda"], [da(1, 0.001)], [assoc(0.5, 0.001)], []);
    expect(conf).toMatchObject({ detected: [], calls: 2, falseCalls: 2 });
  });
});
