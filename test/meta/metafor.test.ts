// Golden tests of the meta-analysis against R metafor::rma (test/fixtures/extra/meta/metafor.R).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CohortResults } from "../../src/core/meta/cohorts.js";
import { type MetaRow, poolCohorts } from "../../src/core/meta/pool-cohorts.js";
import { metaAnalysis, type PooledEstimate } from "../../src/core/meta/random-effects.js";
import { expectRel } from "../stats/helpers.js";
import { cohortFromEstimates } from "./helpers.js";

const DIR = "test/fixtures/extra/meta";

interface RFit {
  estimate: number;
  se: number;
  z: number;
  p: number;
  ci_low: number;
  ci_high: number;
  tau2: number;
  i2: number | null;
  h2: number | null;
  Q: number;
  Q_p: number;
  weights: number[];
  q?: number;
}
type RModels = { fixed: RFit | null; DL: RFit | null; REML: RFit | null };
interface Golden {
  versions: { R: string; metafor: string };
  synthetic: Record<string, { yi: number[]; sei: number[] } & RModels>;
  pooled: ({ method: string; taxon: string; k: number } & RModels)[];
}

const golden = JSON.parse(readFileSync(`${DIR}/metafor.json`, "utf8")) as Golden;
const TOL = 1e-8;

/** |a - b| <= tol max(|b|, 1e-12): relative, with an absolute floor for values near 0. */
function close(actual: number, expected: number | null, tol = TOL): void {
  if (expected !== null && Math.abs(expected) < 1e-12) {
    expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12);
    return;
  }
  expectRel(actual, expected, tol);
}

function expectFit(ours: PooledEstimate, r: RFit, q: { q: number; df: number; p: number }, tol = TOL): void {
  close(ours.estimate, r.estimate, tol);
  close(ours.se, r.se, tol);
  close(ours.z, r.z, tol);
  close(ours.p, r.p, tol);
  close(ours.ciLow, r.ci_low, tol);
  close(ours.ciHigh, r.ci_high, tol);
  close(ours.tau2, r.tau2, tol);
  close(ours.i2, r.i2, tol);
  close(ours.h2, r.h2, tol);
  close(q.q, r.Q, tol);
  close(q.p, r.Q_p, tol);
  ours.weights.forEach((w, i) => close(w, r.weights[i]!, tol));
}

/**
 * Where one cohort's variance is 1.8e10 times another's, Q = Σ w_i (y_i − ȳ_w)² is 9.2e-7 and
 * metafor's matrix form loses 7 digits to cancellation. The exact value, by 50-digit arithmetic
 * (extreme_q.py: mpmath, w = 1/sei², sum(w (y − Σwy/Σw)²)); we match that, and metafor to 1e-6.
 */
const EXTREME_Q_EXACT = (JSON.parse(readFileSync(`${DIR}/extreme_q.json`, "utf8")) as { Q: number }).Q;

describe(`meta-analysis vs metafor ${golden.versions.metafor} (R ${golden.versions.R})`, () => {
  for (const [name, c] of Object.entries(golden.synthetic)) {
    it(`${name}: fixed effect, DL and REML agree to ${TOL}`, () => {
      const m = metaAnalysis(c.yi, c.sei);
      const extreme = name === "extreme_variance_ratio";
      expect(m.unstable).toBe(extreme);
      if (extreme) expectRel(m.q, EXTREME_Q_EXACT, 1e-12);
      const tol = extreme ? 1e-6 : TOL;
      const q = { q: m.q, df: m.qDf, p: m.qP };
      expectFit(m.fixed, c.fixed!, q, tol);
      expectFit(m.dl, c.DL!, q, tol);
      if (c.REML === null) expect(m.reml.pooled).toBeNull();
      else expectFit(m.reml.pooled!, c.REML, q, tol);
    });
  }

  it("pools three simulated cohorts' DA estimates per method like metafor + p.adjust(BH)", () => {
    const text = readFileSync(`${DIR}/cohort_estimates.tsv`, "utf8");
    const cohorts: CohortResults[] = cohortFromEstimates(text);
    const result = poolCohorts(cohorts);
    const ours = new Map<string, MetaRow>(result.rows.map((r) => [`${r.method}\t${r.taxon}`, r]));
    expect(ours.size).toBe(golden.pooled.length);
    for (const g of golden.pooled) {
      const r = ours.get(`${g.method}\t${g.taxon}`)!;
      expect(r, `${g.method} ${g.taxon}`).toBeDefined();
      expect(r.meta.k).toBe(g.k);
      const q = { q: r.meta.q, df: r.meta.qDf, p: r.meta.qP };
      expectFit(r.meta.fixed, g.fixed!, q);
      expectFit(r.meta.dl, g.DL!, q);
      close(r.q.fixed, g.fixed!.q!);
      close(r.q.DL, g.DL!.q!);
      if (g.REML === null) expect(r.meta.reml.pooled).toBeNull();
      else {
        expectFit(r.meta.reml.pooled!, g.REML, q);
        close(r.q.REML, g.REML.q!);
      }
    }
    // every taxon of the fixture is either pooled or listed
    const taxa = new Set(
      text
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => `${l.split("\t")[1]}\t${l.split("\t")[2]}`),
    );
    expect(result.rows.length + result.notPooled.length).toBe(taxa.size);
  });
});
