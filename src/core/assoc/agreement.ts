/**
 * The "agreement" association model (an option of associations(), ours): a taxon–outcome link is
 * called only when both models call it with the same sign — the LinDA model (CLR(taxon) ~ outcome
 * + covariates, linda-associations.ts) and the earlier outcome ~ CLR(taxon) + covariates model.
 * Each row is the LinDA row (its estimate, se and statistic), with
 *   p = max(p_linda, p_outcome_on_clr),  q = max(q_linda, q_outcome_on_clr)
 * when the two estimates have the same sign, and p = q = 1 otherwise: the intersection-union test
 * (Berger RL (1982) Technometrics 24:295-300, doi:10.1080/00401706.1982.10487790) of "both
 * associations exist, in this direction"; a row has q < fdr exactly when it is a call of both
 * lists. Why: the two models err differently — LinDA's list on blocks of rare taxa at the zero
 * floor, the outcome ~ CLR list on compositional passengers — and on the `power` designs their
 * agreement was the best-calibrated list (docs/DA.md, "Calibration against the planted truth").
 * Its calls are a subset of each model's, so its power is at most the lower of the two.
 */
import type { AssociationsResult } from "./types.js";

export function agreementRows(linda: AssociationsResult, other: AssociationsResult): AssociationsResult {
  const byTaxon = new Map(other.rows.map((r) => [r.taxon, r]));
  const rows = linda.rows.map((r) => {
    const o = byTaxon.get(r.taxon);
    const agree = o !== undefined && Math.sign(o.estimate) === Math.sign(r.estimate) && r.estimate !== 0;
    return {
      ...r,
      method: "linda_agreement" as const,
      p: agree ? Math.max(r.p, o.p) : 1,
      q: agree ? Math.max(r.q, o.q) : 1,
    };
  });
  return {
    ...linda,
    rows,
    method: "linda_agreement",
    warnings: [...new Set([...linda.warnings, ...other.warnings])],
    notes: [
      ...linda.notes,
      ...other.notes,
      "agreement: a link is called only when LinDA's CLR(taxon) ~ outcome and outcome ~ CLR(taxon) both call it with the same sign (p, q = the larger of the two)",
    ],
  };
}
