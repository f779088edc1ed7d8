/**
 * Confirmatory (pre-registered) hypotheses: each names one taxon, one target and optionally a
 * direction, and is answered by the exploratory scan's own test of that taxon (same model,
 * covariates, compositional handling and contrast), with its multiplicity taken over the
 * hypothesis list only (Holm) instead of over every taxon (BH).
 *
 * For a Wald-type statistic T with a distribution symmetric about 0 under the null (Student t,
 * normal), the two-sided p is p2 = P(|T| >= |t|), and the one-sided p for the stated direction
 * s in {+1, -1} is
 *
 *   p1 = p2 / 2        when sign(estimate) = s   (the estimate lies on the hypothesised side)
 *   p1 = 1 - p2 / 2    otherwise                  (an estimate of exactly 0 gives 1/2)
 *
 * (e.g. R `t.test(alternative = "greater")`). Holm's step-down adjustment (Holm S (1979) Scand J
 * Stat 6:65-70) runs over the whole list: a hypothesis that could not be tested (taxon filtered
 * out, model failed) still counts in the family, as p = 1 (R `p.adjust(p, "holm", n = length(p))`),
 * so dropping it cannot make the others easier to confirm. Confirmed: adjusted p < alpha and, for a
 * directional hypothesis, the estimate on the stated side (implied by p1 < 1/2).
 *
 * With a study-wide bias correction (LinDA's compositional offset, estimated from all taxa) the
 * taxon's estimate and se come from the all-taxa fit: only the multiplicity changes.
 */
import { adjustPValues } from "../stats/p-adjust.js";
import { nullable } from "./nullable.js";

export const HYPOTHESIS_COLUMNS = [
  "taxon",
  "target",
  "direction",
  "estimate",
  "se",
  "p",
  "p_adjusted",
  "confirmed",
] as const;

/** positive/negative (outcomes), up/down (exposure) or two-sided. */
export type HypothesisDirection = "positive" | "negative" | "up" | "down" | "two-sided";

/** A row of hypotheses.tsv. */
export interface HypothesisRow {
  taxon: string;
  /** The outcome or exposure column. */
  target: string;
  direction: HypothesisDirection;
  estimate: number | null;
  se: number | null;
  /** One-sided p for a directional hypothesis, two-sided otherwise; null when not testable. */
  p: number | null;
  /** Holm across the hypothesis list. */
  p_adjusted: number | null;
  confirmed: "yes" | "no";
}

/** The confirmatory tests of a run (`hypotheses.tsv` and the report's first section). */
export interface HypothesisResults {
  rows: HypothesisRow[];
  /** Significance level of `confirmed`. */
  alpha: number;
  /** DA method that answered the exposure hypotheses. */
  daMethod: string;
}

/** The scan's test of one taxon: estimate, its se and the two-sided p (null when not computed). */
export interface TaxonTest {
  estimate: number | null;
  se: number | null;
  p: number | null;
}

export interface HypothesisInput {
  taxon: string;
  target: string;
  direction: HypothesisDirection;
  /** The scan's test of the taxon, or null when the scan did not test it. */
  test: TaxonTest | null;
}

/** Sign a directional hypothesis claims: +1 (positive/up), -1 (negative/down), 0 (two-sided). */
export function claimedSign(direction: HypothesisDirection): 1 | -1 | 0 {
  if (direction === "positive" || direction === "up") return 1;
  if (direction === "negative" || direction === "down") return -1;
  return 0;
}

/** One-sided p from a symmetric test's two-sided p and the estimate's sign (see the header). */
export function oneSidedP(twoSided: number, estimate: number, sign: 1 | -1): number {
  return Math.sign(estimate) === sign ? twoSided / 2 : 1 - twoSided / 2;
}

/** p of one hypothesis (one- or two-sided), or NaN when it could not be tested. */
function hypothesisP(h: HypothesisInput): number {
  const t = h.test;
  if (t === null || t.p === null || t.estimate === null) return Number.NaN;
  const sign = claimedSign(h.direction);
  return sign === 0 ? t.p : oneSidedP(t.p, t.estimate, sign);
}

/** Tests the list: per-hypothesis p, Holm across the list, confirmed at `alpha`. */
export function testHypotheses(list: readonly HypothesisInput[], alpha: number): HypothesisRow[] {
  const p = Float64Array.from(list, hypothesisP);
  // Untestable hypotheses stay in the family as p = 1 (see the header).
  const adjusted = adjustPValues(
    Float64Array.from(p, (v) => (Number.isNaN(v) ? 1 : v)),
    "holm",
  );
  return list.map((h, i) => {
    const testable = !Number.isNaN(p[i]!);
    const pAdjusted = testable ? adjusted[i]! : null;
    return {
      taxon: h.taxon,
      target: h.target,
      direction: h.direction,
      estimate: nullable(h.test?.estimate),
      se: nullable(h.test?.se),
      p: testable ? p[i]! : null,
      p_adjusted: pAdjusted,
      confirmed: pAdjusted !== null && pAdjusted < alpha ? "yes" : "no",
    };
  });
}
