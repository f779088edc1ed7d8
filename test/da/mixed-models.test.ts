import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { lindaMixed } from "../../src/core/da/linda-mixed.js";
import { maaslinMixed } from "../../src/core/da/maaslin-mixed.js";
import { prepareDaInput } from "../../src/core/da/prepare.js";
import { fromDense } from "../../src/core/table/feature-table.js";
import { expectRel } from "../stats/helpers.js";
import { longitudinalMetadata, longitudinalRef, longitudinalTable } from "../stats/longitudinal-fixture.js";

const ref = longitudinalRef.linda;

function run(term: string) {
  const input = prepareDaInput(longitudinalTable(), longitudinalMetadata(), {
    formula: "~ time + sex",
    term,
    minPrevalence: 0,
  });
  const subjects = input.sampleIds.map((id) => longitudinalRef.subject[longitudinalRef.samples.indexOf(id)]);
  return { input, result: lindaMixed(input, subjects) };
}

describe.each([
  ["time", 0],
  ["sex", 1],
] as const)("LinDA mixed model matches LinDA 0.2.0 '~time+sex+(1|subject)' (term %s)", (term, k) => {
  const { input, result } = run(term);
  const out = ref.output[k];
  it("tests every taxon, with LinDA's zero handling", () => {
    expect(input.nTaxa).toBe(longitudinalRef.taxa.length);
    expect(ref.zero).toContain("Pseudo-count");
    expect(result.summary.parameters.zeroHandling).toBe("pseudocount");
  });
  it("bias, log2 fold changes, se, df, p and q as LinDA (1e-5)", () => {
    expectRel(Number(result.summary.parameters.bias), ref.bias[k], 1e-5);
    expect(result.rows.map((r) => r.term)).toEqual(input.taxa.map(() => out.variable));
    result.rows.forEach((row, j) => {
      expectRel(row.log2_fold_change, out.log2FoldChange[j], 1e-5);
      expectRel(row.se, out.lfcSE[j], 1e-5);
      expectRel(row.p, out.pvalue[j], 1e-4);
      expectRel(row.q, out.padj[j], 1e-4);
    });
  });
});

describe("LinDA mixed model with depth confounded with time (imputation path)", () => {
  const base = longitudinalTable();
  const post = new Set(
    longitudinalRef.samples.filter((_: string, i: number) => longitudinalRef.time[i] === "post"),
  );
  const deep = fromDense(
    base.sampleIds,
    base.featureIds,
    (longitudinalRef.counts as number[][]).flatMap((row, i) =>
      row.map((v) => (post.has(base.sampleIds[i]!) ? 3 * v : v)),
    ),
  );
  const input = prepareDaInput(deep, longitudinalMetadata(), { formula: "~ time + sex", minPrevalence: 0 });
  const subjects = input.sampleIds.map((id) => longitudinalRef.subject[longitudinalRef.samples.indexOf(id)]);
  const result = lindaMixed(input, subjects);
  const out = longitudinalRef.lindaDeep.output[0];
  it("chooses imputation as LinDA, and matches its estimates, se and p (1e-5)", () => {
    expect(longitudinalRef.lindaDeep.zero).toContain("Imputation");
    expect(result.summary.parameters.zeroHandling).toBe("imputation");
    expectRel(Number(result.summary.parameters.bias), longitudinalRef.lindaDeep.bias[0], 1e-5);
    result.rows.forEach((row, j) => {
      expectRel(row.log2_fold_change, out.log2FoldChange[j], 1e-5);
      expectRel(row.se, out.lfcSE[j], 1e-5);
      expectRel(row.p, out.pvalue[j], 1e-4);
    });
  });
});

describe("LinDA mixed model input checks", () => {
  it("a sample without a subject label is an InputError naming the sample", () => {
    const input = prepareDaInput(longitudinalTable(), longitudinalMetadata(), {
      formula: "~ time",
      minPrevalence: 0,
    });
    const subjects: (string | null)[] = input.sampleIds.map(
      (id) => longitudinalRef.subject[longitudinalRef.samples.indexOf(id)],
    );
    subjects[3] = null;
    expect(() => lindaMixed(input, subjects, { subjectColumn: "person" })).toThrow(InputError);
    expect(() => lindaMixed(input, subjects, { subjectColumn: "person" })).toThrow(/person.*s04/);
  });
});

describe.each([
  ["time", 0],
  ["sex", 1],
] as const)("MaAsLin2 random effects match Maaslin2 LOG + lmerTest::lmer (term %s)", (term, k) => {
  const input = prepareDaInput(longitudinalTable(), longitudinalMetadata(), {
    formula: "~ time + sex",
    term,
    minPrevalence: 0,
  });
  const subjects = input.sampleIds.map((id) => longitudinalRef.subject[longitudinalRef.samples.indexOf(id)]);
  const result = maaslinMixed(input, subjects);
  const out = longitudinalRef.maaslin.output[k];
  it("coefficients, se (1e-6), p and per-column BH q (1e-5), singular fits included", () => {
    result.rows.forEach((row, j) => {
      expectRel(row.log2_fold_change, out.coef[j], 1e-6);
      expectRel(row.se, out.stderr[j], 1e-6);
      expectRel(row.p, out.pval[j], 1e-5);
      expectRel(row.q, out.qvalBHPerColumn[j], 1e-5);
    });
  });
});
