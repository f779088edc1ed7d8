import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { differentialAbundance } from "../../src/core/da/differential-abundance.js";
import { globalKernelMode } from "../../src/core/da/kernel-mode.js";
import { linda } from "../../src/core/da/linda.js";
import { clrWithPseudocount } from "../../src/core/da/log-ratio.js";
import { maaslin } from "../../src/core/da/maaslin.js";
import { prepareDaInput } from "../../src/core/da/prepare.js";
import { coefficientSe, fitSharedDesign, sharedDesignSolver } from "../../src/core/da/shared-design-ols.js";
import { ols } from "../../src/core/stats/ols.js";
import { wilcoxonClr } from "../../src/core/da/wilcoxon-clr.js";
import { metadataOf, tableFromRows } from "./helpers.js";

interface LmRef {
  estimate: number[];
  se: number[];
  t: number[];
  p: number[];
}
const ref = JSON.parse(readFileSync("test/fixtures/extra/da_small.json", "utf8")) as {
  counts: number[][];
  group: string[];
  age: number[];
  clr_lm: LmRef[];
  maaslin_lm: LmRef[];
  wilcox_clr: { W: number; p: number }[];
  mode_sample: number[];
  density_mode: number;
  density_step: number;
};
const table = tableFromRows(ref.counts);
const metadata = metadataOf(12, { group: ref.group, age: ref.age }, { group: ["ctrl", "case"] });
const input = prepareDaInput(table, metadata, { formula: "~ group + age", minPrevalence: 0 });

const close = (a: number, b: number, rel = 1e-9): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));
};

describe("shared-design OLS on CLR (vs R lm)", () => {
  it("matches lm coefficients, se, t and p of every taxon", () => {
    const y = clrWithPseudocount(input.counts, input.nSamples, input.nTaxa, 0.5);
    const solver = sharedDesignSolver(input.design);
    const fit = fitSharedDesign(solver, y, input.nTaxa);
    expect(input.design.columnNames).toEqual(["(Intercept)", "groupcase", "age"]);
    for (let j = 0; j < 6; j++) {
      for (let c = 1; c <= 2; c++) {
        close(fit.coef[c * 6 + j]!, ref.clr_lm[j]!.estimate[c - 1]!);
        close(coefficientSe(solver, fit, c, j), ref.clr_lm[j]!.se[c - 1]!);
      }
    }
  });

  it("equals the single-response ols of src/core/stats for every taxon (slow twin)", () => {
    const y = clrWithPseudocount(input.counts, input.nSamples, input.nTaxa, 0.5);
    const solver = sharedDesignSolver(input.design);
    const fit = fitSharedDesign(solver, y, 6);
    for (let j = 0; j < 6; j++) {
      const single = ols(
        input.design,
        Float64Array.from({ length: 12 }, (_, i) => y[i * 6 + j]!),
      );
      for (let c = 0; c < 3; c++) {
        close(fit.coef[c * 6 + j]!, single.coefficients[c]!, 1e-10);
        close(coefficientSe(solver, fit, c, j), single.se[c]!, 1e-10);
      }
    }
  });

  it("is invariant to the order of the responses", () => {
    const y = clrWithPseudocount(input.counts, input.nSamples, input.nTaxa, 0.5);
    const reversed = new Float64Array(y.length);
    for (let i = 0; i < 12; i++) for (let j = 0; j < 6; j++) reversed[i * 6 + j] = y[i * 6 + 5 - j]!;
    const solver = sharedDesignSolver(input.design);
    const a = fitSharedDesign(solver, y, 6);
    const b = fitSharedDesign(solver, reversed, 6);
    for (let j = 0; j < 6; j++) close(a.coef[6 + j]!, b.coef[6 + 5 - j]!, 1e-12);
  });
});

describe("maaslin", () => {
  it("matches lm on TSS + half-minimum log2 (R) for the exposure, adjusted for age", () => {
    const rows = maaslin(input).rows;
    expect(rows.map((r) => r.term)).toEqual(Array(6).fill("groupcase"));
    rows.forEach((r, j) => {
      close(r.log2_fold_change, ref.maaslin_lm[j]!.estimate[0]!);
      close(r.se, ref.maaslin_lm[j]!.se[0]!);
      close(r.statistic, ref.maaslin_lm[j]!.t[0]!);
      close(r.p, ref.maaslin_lm[j]!.p[0]!, 1e-8);
    });
  });
});

describe("method options through differentialAbundance", () => {
  it("passes linda and maaslin options on", () => {
    const result = differentialAbundance(table, metadata, {
      formula: "~ group + age",
      minPrevalence: 0,
      methods: ["linda", "maaslin"],
      seed: 1,
      linda: { winsorQuantile: 0.97, mode: "global" },
      maaslin: { standardize: false },
    });
    const params = Object.fromEntries(result.methods.map((m) => [m.method, m.parameters]));
    expect(params.linda).toMatchObject({ winsorQuantile: 0.97, mode: "global" });
    expect(params.maaslin).toMatchObject({ standardize: false });
  });
});

describe("linda", () => {
  it("refuses a winsorisation quantile outside (0, 1]", () => {
    expect(() => linda(input, { winsorQuantile: 1.5 })).toThrow(/winsorQuantile must be in \(0, 1\]/);
  });

  it("uses a table without zeros as it is (no pseudocount), as linda()", () => {
    // counts + 0.5 has no zero, so linda fits log2-CLR(counts + 0.5), R's W in da_small.R
    const shifted = tableFromRows(ref.counts.map((row) => row.map((v) => v + 0.5)));
    const noZero = prepareDaInput(shifted, metadata, { formula: "~ group + age", minPrevalence: 0 });
    const result = linda(noZero);
    expect(result.summary.parameters.zeroHandling).toBe("none");
    const rows = result.rows.filter((r) => r.term === "groupcase");
    for (let j = 1; j < 6; j++) {
      close(
        rows[j]!.log2_fold_change - rows[0]!.log2_fold_change,
        ref.clr_lm[j]!.estimate[0]! - ref.clr_lm[0]!.estimate[0]!,
      );
    }
  });

  it("differences between taxa equal those of lm on log2-CLR (the bias cancels)", () => {
    const rows = linda(input, { zeroHandling: "pseudocount" }).rows.filter((r) => r.term === "groupcase");
    for (let j = 1; j < 6; j++) {
      close(
        rows[j]!.log2_fold_change - rows[0]!.log2_fold_change,
        ref.clr_lm[j]!.estimate[0]! - ref.clr_lm[0]!.estimate[0]!,
      );
      close(rows[j]!.se, ref.clr_lm[j]!.se[0]!);
    }
  });
});

describe("wilcoxon_clr", () => {
  it("matches wilcox.test(case, ctrl, exact = FALSE) on log2-CLR(counts + 0.5)", () => {
    const twoGroup = prepareDaInput(table, metadata, { formula: "~ group", minPrevalence: 0 });
    const { rows } = wilcoxonClr(twoGroup);
    rows.forEach((r, j) => {
      close(r.statistic, ref.wilcox_clr[j]!.W);
      close(r.p, ref.wilcox_clr[j]!.p, 1e-8);
    });
  });

  it("warns that covariates are ignored", () => {
    expect(wilcoxonClr(input).summary.warnings.join(" ")).toMatch(/unadjusted/);
  });
});

describe("globalKernelMode", () => {
  it("agrees with the maximum of R density() within one grid step", () => {
    expect(Math.abs(globalKernelMode(ref.mode_sample) - ref.density_mode)).toBeLessThan(ref.density_step);
  });

  it("returns the common value of identical points", () => {
    expect(globalKernelMode([2, 2, 2])).toBe(2);
  });
});
