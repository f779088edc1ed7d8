/**
 * Golden test of `aldex2` against the R package ALDEx2 1.35.0 (aldex.ttest + aldex.effect,
 * aldex.glm) run on data in the repository (script, versions and commands:
 * test/fixtures/extra/da-reference/README-ancombc-aldex2.md). Our Dirichlet draws come from another
 * random stream than R's, so agreement is statistical, within the Monte Carlo tolerances of
 * `ALDEX2_TOLERANCE` (docs/DA.md gives the measured figures).
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { aldex2 } from "../../src/core/da/aldex2.js";
import { pearson } from "../../src/core/stats/correlation.js";
import { referenceInput, rowsByTaxon } from "./ancombc-aldex2-data.js";

interface AldexWelchCase {
  name: string;
  test: "t";
  group: string;
  levels: string[];
  mc: number;
  taxa: string[];
  we_ep: number[];
  we_eBH: number[];
  diff_btw: number[];
  effect: number[];
}
interface AldexGlmCase {
  name: string;
  test: "glm";
  formula: string;
  mc: number;
  taxa: string[];
  terms: Record<string, { estimate: number[]; se: number[]; t: number[]; p: number[]; q: number[] }>;
}

const DIR = "test/fixtures/extra/da-reference";
const FILES = readdirSync(DIR).filter((f) => f.startsWith("aldex2-") && f.endsWith(".json"));
const REFERENCE = FILES.map(
  (f) =>
    JSON.parse(readFileSync(`${DIR}/${f}`, "utf8")) as {
      aldex2_version: string;
      case: AldexWelchCase | AldexGlmCase;
    },
);

/**
 * Monte Carlo tolerances (R: 1024 instances, 128 for the kratom glm case; here 256 to keep the test
 * fast, so our Monte Carlo error dominates). Set from the spread of our own runs over seeds (on
 * dune, whose cover-class counts give the widest Dirichlet spread, a diff.btw moves by 0.02–0.12
 * log2 units between seeds at 1024 instances; on the kratom cohort most diff.btw are near 0, so the
 * same noise lowers r): log2 fold change (diff.btw, or the glm coefficient) r >= 0.98 and
 * |difference| <= 0.6; effect r >= 0.985; expected p |difference| <= 0.1; calls at q < 0.1
 * identical except for taxa whose R q lies within 0.03 of 0.1. Figures with 1024 instances on both
 * sides: docs/DA.md.
 * Where R ran fewer than 1024 instances (the kratom aldex.glm case, 128), R's own Monte Carlo error
 * is about 2.8 times larger, so the expected-p tolerance is `pFewerR` = 0.15: measured there, our
 * expected p differs from R's by at most 0.112 and 0.124 (seeds 1, 2 at 256 instances), and our
 * two seeds differ from each other by up to 0.134; the log2 fold change r is 0.985 / 0.986 (max
 * difference 0.27), and neither side calls a taxon (smallest Holm q 0.144 here, 0.149 in R).
 */
const ALDEX2_TOLERANCE = { mc: 256, lfcR: 0.98, lfc: 0.6, effectR: 0.985, p: 0.1, pFewerR: 0.15, q: 0.03 };

function aldexFormula(c: AldexWelchCase | AldexGlmCase): string {
  return c.test === "glm" ? c.formula : `~ ${c.group}`;
}

/** Taxa called at q < 0.1 by exactly one side, ignoring those within `tol` of the threshold in R. */
function callDifferences(ours: readonly number[], theirs: readonly number[], tol: number): number[] {
  return ours.flatMap((q, k) =>
    q < 0.1 !== theirs[k]! < 0.1 && Math.abs(theirs[k]! - 0.1) > tol ? [k] : [],
  );
}

describe("aldex2 agrees with ALDEx2 1.35 within Monte Carlo error", () => {
  it("has reference cases, all from ALDEx2 1.35.0", () => {
    expect(REFERENCE.length).toBeGreaterThanOrEqual(1);
    for (const r of REFERENCE) expect(r.aldex2_version).toBe("1.35.0");
  });
  for (const { case: c } of REFERENCE) {
    it(`${c.name} (${c.test === "t" ? "aldex.ttest + aldex.effect" : `aldex.glm ${c.formula}`})`, () => {
      const input = referenceInput(c.name, aldexFormula(c));
      expect([...input.taxa].sort()).toEqual([...c.taxa].sort());
      const res = aldex2(input, { seed: 1, mc: ALDEX2_TOLERANCE.mc });
      const index = new Map(input.taxa.map((t, j) => [t, j]));
      const order = c.taxa.map((t) => index.get(t)!);
      const refs =
        c.test === "t"
          ? [{ term: input.termNames[0]!, lfc: c.diff_btw, p: c.we_ep, q: c.we_eBH }]
          : Object.entries(c.terms).map(([term, t]) => ({ term, lfc: t.estimate, p: t.p, q: t.q }));
      for (const ref of refs) {
        const byTaxon = rowsByTaxon(res.rows, ref.term);
        const ours = c.taxa.map((t) => byTaxon.get(t)!);
        expect(res.summary.parameters.test).toBe(c.test === "t" ? "welch" : "glm");
        const lfc = ours.map((r) => r.log2_fold_change);
        expect(pearson(lfc, ref.lfc).r).toBeGreaterThanOrEqual(ALDEX2_TOLERANCE.lfcR);
        lfc.forEach((v, k) => {
          expect(Math.abs(v - ref.lfc[k]!)).toBeLessThanOrEqual(ALDEX2_TOLERANCE.lfc);
        });
        const pTolerance = c.mc < 1024 ? ALDEX2_TOLERANCE.pFewerR : ALDEX2_TOLERANCE.p;
        ours.forEach((r, k) => {
          expect(Math.abs(r.p - ref.p[k]!)).toBeLessThanOrEqual(pTolerance);
        });
        expect(
          callDifferences(
            ours.map((r) => r.q),
            ref.q,
            ALDEX2_TOLERANCE.q,
          ),
        ).toEqual([]);
      }
      if (c.test === "t") {
        const effect = order.map((j) => res.effect![j]!);
        expect(pearson(effect, c.effect).r).toBeGreaterThanOrEqual(ALDEX2_TOLERANCE.effectR);
      }
    });
  }
});
