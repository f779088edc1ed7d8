/**
 * Confirmatory hypotheses: one-sided p and Holm across the list against R (lm / t.test with
 * `alternative`, p.adjust(n = length(p)); test/fixtures/extra/hypotheses_small.R), the step's choice
 * of the scan's rows, and one-sidedness properties.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { oneSidedP, testHypotheses } from "../../src/core/study/hypotheses.js";
import type {
  AssociationResults,
  DifferentialAbundanceResults,
  DifferentialAbundanceRow,
} from "../../src/core/study/results.js";
import { hypothesesStep } from "../../src/core/study/steps/hypotheses-step.js";
import { ols } from "../../src/core/stats/ols.js";
import { createRng } from "../../src/core/random/rng.js";
import { resolvedConfig } from "../helpers/study.js";

const ref = JSON.parse(readFileSync("test/fixtures/extra/hypotheses_small.json", "utf8"));

const y = [2.1, 3.4, 1.9, 4.8, 3.3, 5.1, 2.2, 4.0, 3.9, 5.6, 2.8, 4.4];
const xs = [0.1, 0.9, -0.3, 1.8, 0.7, 2.0, -0.1, 1.1, 1.4, 2.3, 0.2, 1.5];
const zs = [30, 41, 25, 52, 38, 47, 33, 45, 29, 55, 36, 40];
const w = [1.2, 0.8, 1.5, 1.1, 0.9, 1.3, 1.9, 1.4, 2.2, 1.6, 1.8, 2.5];

/** OLS fit of `response ~ columns` with an intercept; returns the last coefficient's test. */
function lastCoefficient(response: number[], columns: number[][]) {
  const n = response.length;
  const p = columns.length + 1;
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    x[i * p] = 1;
    columns.forEach((c, k) => {
      x[i * p + k + 1] = c[i]!;
    });
  }
  const names = ["(Intercept)", ...columns.map((_, k) => `c${k}`)];
  const fit = ols({ x, nRows: n, nCols: p, columnNames: names }, response);
  return { estimate: fit.coefficients[p - 1]!, se: fit.se[p - 1]!, p: fit.p[p - 1]! };
}

const regression = lastCoefficient(y, [zs, xs]);
const groups = lastCoefficient(w, [w.map((_, i) => (i < 6 ? 0 : 1))]);

describe("one-sided p and Holm against R", () => {
  it("reproduces lm's and t.test's one-sided p-values", () => {
    expect(regression.estimate).toBeCloseTo(ref.regression.estimate, 12);
    expect(regression.p).toBeCloseTo(ref.regression.p_two_sided, 12);
    expect(oneSidedP(regression.p, regression.estimate, 1)).toBeCloseTo(ref.regression.p_greater, 12);
    expect(oneSidedP(regression.p, regression.estimate, -1)).toBeCloseTo(ref.regression.p_less, 12);
    expect(groups.estimate).toBeCloseTo(ref.groups.estimate, 12);
    expect(groups.se).toBeCloseTo(ref.groups.se, 12);
    expect(oneSidedP(groups.p, groups.estimate, 1)).toBeCloseTo(ref.groups.p_greater, 12);
    expect(oneSidedP(groups.p, groups.estimate, -1)).toBeCloseTo(ref.groups.p_less, 12);
  });

  it("adjusts across the whole list with Holm, an untested hypothesis counting as p = 1", () => {
    const rows = testHypotheses(
      [
        { taxon: "A", target: "y", direction: "positive", test: regression },
        { taxon: "B", target: "g", direction: "up", test: groups },
        { taxon: "B", target: "g", direction: "down", test: groups },
        { taxon: "C", target: "y", direction: "positive", test: null },
        { taxon: "A", target: "y", direction: "negative", test: regression },
      ],
      0.05,
    );
    rows.forEach((r, i) => {
      const p = ref.one_sided[i];
      const holm = ref.holm[i];
      if (p === null) {
        expect(r.p).toBeNull();
        expect(r.p_adjusted).toBeNull();
        expect(r.confirmed).toBe("no");
      } else {
        expect(r.p!).toBeCloseTo(p, 12);
        expect(r.p_adjusted!).toBeCloseTo(holm, 12);
        expect(r.confirmed).toBe(holm < 0.05 ? "yes" : "no");
      }
    });
  });
});

describe("one-sidedness", () => {
  it("halves p on the stated side and complements it on the other; the two sides sum to 1", () => {
    const rng = createRng(7);
    for (let k = 0; k < 200; k++) {
      const p = rng.uniform();
      const estimate = rng.uniform() - 0.5;
      const up = oneSidedP(p, estimate, 1);
      const down = oneSidedP(p, estimate, -1);
      expect(up + down).toBeCloseTo(1, 14);
      expect(Math.min(up, down)).toBeCloseTo(p / 2, 14);
      expect(estimate > 0 ? up : down).toBeCloseTo(p / 2, 14);
    }
    expect(oneSidedP(1, 0, 1)).toBe(0.5);
  });

  it("leaves an undirected hypothesis two-sided and never confirms the wrong side", () => {
    const test = { estimate: -2, se: 0.5, p: 1e-6 };
    const [two, wrong, right] = testHypotheses(
      [
        { taxon: "T", target: "o", direction: "two-sided", test },
        { taxon: "T", target: "o", direction: "positive", test },
        { taxon: "T", target: "o", direction: "negative", test },
      ],
      0.05,
    );
    expect(two!.p).toBe(1e-6);
    expect(wrong!.p).toBeCloseTo(1 - 5e-7, 15);
    expect(wrong!.confirmed).toBe("no");
    expect(right!.p).toBe(5e-7);
    expect(right!.confirmed).toBe("yes");
  });
});

describe("hypothesesStep", () => {
  const config = resolvedConfig({
    name: "t",
    data: { table: "t", metadata: "m" },
    design: { exposure: "use", reference: "no", covariates: ["age"] },
    outcomes: [{ column: "pain", type: "continuous" }],
    analysis: { da_methods: ["ancombc", "linda"], hypothesis_alpha: 0.01 },
    hypotheses: [
      { taxon: "Alpha", outcome: "pain", direction: "positive" },
      { taxon: "Beta", exposure: "use", direction: "down" },
      { taxon: "Gamma", exposure: "use" },
    ],
  });
  const daRow = (taxon: string, method: string, log2: number, p: number): DifferentialAbundanceRow => ({
    taxon,
    method,
    term: "useyes",
    contrast: "yes vs no",
    log2_fold_change: log2,
    se: 0.3,
    statistic: log2 / 0.3,
    p,
    q: p * 10,
    prevalence: 1,
    mean_relative_abundance: 0.1,
  });
  const da: DifferentialAbundanceResults = {
    methods: ["ancombc", "linda"],
    consensusMethods: ["ancombc", "linda"],
    term: "use",
    contrasts: ["yes vs no"],
    rows: [
      daRow("Beta", "ancombc", -1.2, 0.004),
      daRow("Beta", "linda", -0.2, 0.6),
      daRow("Gamma", "ancombc", 0.4, 0.02),
    ],
    consensus: [],
    topAbundances: [],
  };
  const associations: AssociationResults = {
    rows: [
      {
        outcome: "pain",
        taxon: "Alpha",
        method: "ols",
        contrast: "pain",
        estimate: 0.7,
        estimate_scale: "per unit CLR",
        se: 0.2,
        statistic: 3.5,
        p: 0.002,
        q: 0.2,
        n: 40,
      },
    ],
    scatter: [],
  };

  it("answers exposure hypotheses with the first DA method by default and outcomes from the scan", () => {
    const { hypotheses, warnings } = hypothesesStep(config, da, associations);
    expect(warnings).toEqual([]);
    expect(hypotheses.daMethod).toBe("ancombc");
    expect(hypotheses.alpha).toBe(0.01);
    expect(hypotheses.rows.map((r) => [r.taxon, r.target, r.direction, r.estimate, r.p])).toEqual([
      ["Alpha", "pain", "positive", 0.7, 0.001],
      ["Beta", "use", "down", -1.2, 0.002],
      ["Gamma", "use", "two-sided", 0.4, 0.02],
    ]);
    // Holm over 3: 0.001 * 3, 0.002 * 2, 0.02 * 1 (monotone).
    expect(hypotheses.rows.map((r) => r.p_adjusted)).toEqual([0.003, 0.004, 0.02]);
    expect(hypotheses.rows.map((r) => r.confirmed)).toEqual(["yes", "yes", "no"]);
  });

  it("uses hypothesis_method when set, and names a taxon the scan did not test", () => {
    const withLinda = { ...config, analysis: { ...config.analysis, hypothesis_method: "linda" as const } };
    const { hypotheses, warnings } = hypothesesStep(withLinda, da, associations);
    expect(hypotheses.rows[1]!.p).toBeCloseTo(0.3, 15);
    expect(hypotheses.rows[2]!.p).toBeNull();
    expect(warnings.join("\n")).toMatch(/Gamma ~ use: the taxon was not tested/);
  });
});
