/**
 * Confirmatory hypotheses in a power replicate: the cohort's study.yaml hypotheses
 * (the design's `hypotheses`, e.g. KRATOM_HYPOTHESES in designs/kratom.ts) answered exactly as `run` answers them (hypothesesStep on
 * the replicate's DA and association rows), scored against the planted truth as two test families:
 *
 * - `confirmatory`: a hypothesis is called when confirmed (Holm across the list, one-sided, p < alpha);
 * - `single_test`: the same one-sided p < alpha with no adjustment, i.e. each hypothesis as the
 *   only pre-specified test of the same model — the reference the confirmatory power is compared to.
 *
 * A call is a detection when the planted effect of that taxon and target has the stated sign, and
 * a false call otherwise (on the null design every call is false, so the family's share of
 * replicates with any false call is its family-wise false-positive rate). Power rows are reported
 * only for the hypotheses' own effects (`scope`).
 */
import type { DaRow } from "../da/types.js";
import type { TaxonAssociationRow } from "../assoc/types.js";
import { type StudyConfig, studyConfigSchema } from "../study/config.js";
import { claimedSign, type HypothesisRow } from "../study/hypotheses.js";
import { hypothesesStep } from "../study/steps/hypotheses-step.js";
import type { PlantedEffect, ReplicateCalls } from "./power-calls.js";
import type { simulatedStudyConfig } from "./study-config.js";

/** The planted effect a hypothesis claims: the DA effect of the taxon, or the outcome link. */
function effectName(row: HypothesisRow, config: StudyConfig): string {
  return row.target === config.design.exposure ? row.taxon : `${row.target} ~ ${row.taxon}`;
}

export function hypothesisCalls(
  study: ReturnType<typeof simulatedStudyConfig>,
  methods: readonly string[],
  daRows: readonly DaRow[],
  associationRows: readonly TaxonAssociationRow[],
  effects: readonly PlantedEffect[],
): ReplicateCalls[] {
  // The replicate has no files: placeholder names satisfy the schema.
  const parsed = studyConfigSchema.parse({ ...study, data: { table: "-", metadata: "-" } });
  const config: StudyConfig = {
    ...parsed,
    design: { ...parsed.design, reference: study.design.reference },
    analysis: { ...parsed.analysis, da_methods: methods as StudyConfig["analysis"]["da_methods"] },
  };
  if (config.hypotheses.length === 0) return [];
  const { hypotheses } = hypothesesStep(
    config,
    {
      methods: [...methods],
      term: config.design.exposure,
      rows: [...daRows],
      consensus: [],
      consensusMethods: [...methods],
      contrasts: [],
      topAbundances: [],
    },
    { rows: [...associationRows], scatter: [] },
  );
  const scope = hypotheses.rows.map((r) => effectName(r, config));
  const family = (method: string, called: (r: HypothesisRow) => boolean): ReplicateCalls => {
    const detected: string[] = [];
    let calls = 0;
    let falseCalls = 0;
    for (const r of hypotheses.rows) {
      if (!called(r)) continue;
      calls++;
      const name = effectName(r, config);
      const planted = effects.find((e) => e.effect === name);
      if (planted && planted.direction === claimedSign(r.direction)) detected.push(name);
      else falseCalls++;
    }
    return { method, outcome: null, detected, calls, falseCalls, scope };
  };
  return [
    family("confirmatory", (r) => r.confirmed === "yes"),
    family("single_test", (r) => r.p !== null && r.p < hypotheses.alpha),
  ];
}
