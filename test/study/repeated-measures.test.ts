/**
 * A repeated-measures study end to end on the simulated kratom-longitudinal cohort (24 people x 2
 * visits): design.subject switches DA to the mixed models (LinDA, MaAsLin2 random intercept),
 * PERMANOVA to within-subject permutations, alpha diversity to the LMM, and prediction CV to folds
 * grouped by subject; validation refuses a subject column with one sample per subject, naming it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { kratomLongitudinalDesign } from "../../src/core/simulate/designs/kratom.js";
import { simulateCohort } from "../../src/core/simulate/simulate-cohort.js";
import { runStudy, type StudyRun } from "../../src/core/study/pipeline.js";
import { validateStudy } from "../../src/core/study/validate-study.js";
import { categorical, numeric } from "../../src/core/table/metadata.js";
import { resolvedConfig } from "../helpers/study.js";

const cohort = simulateCohort(kratomLongitudinalDesign(), { n: 24, seed: 11 });
const data = {
  table: cohort.table,
  metadata: cohort.metadata,
  taxonomy: cohort.taxonomy,
  sources: { table: "table.tsv", metadata: "metadata.tsv" },
};

function config(design: Record<string, unknown> = {}) {
  return resolvedConfig(
    {
      name: "paired",
      data: { table: "t", metadata: "m" },
      design: { exposure: "kratom_use", reference: "non_user", subject: "subject_id", ...design },
      analysis: {
        level: "genus",
        min_depth: 0,
        permutations: 199,
        da_methods: ["linda", "maaslin", "ancombc"],
        beta_metrics: ["braycurtis"],
        alpha_metrics: ["shannon"],
      },
      sensitivity: false,
    },
    cohort.metadata,
  );
}

describe("a repeated-measures study (design.subject)", () => {
  let run: StudyRun;
  beforeAll(async () => {
    run = await runStudy(config(), data);
  }, 120_000);
  it("DA: LinDA and MaAsLin2 with a random intercept; ANCOM-BC skipped with the reason", () => {
    const r = run.results;
    expect(r.differentialAbundance!.methods).toEqual(["linda", "maaslin"]);
    expect(r.warnings.some((w) => /ancombc skipped: .*subject_id/.test(w))).toBe(true);
    expect(r.methods.find((m) => m.id === "lmm")!.description).toContain("(1 | subject_id)");
    const faecali = r.differentialAbundance!.rows.find(
      (row) => row.method === "linda" && row.taxon.endsWith("Faecalibacterium"),
    )!;
    expect(faecali.log2_fold_change!).toBeGreaterThan(0.4);
  });
  it("alpha: the mixed-model F test instead of the rank test", () => {
    const tests = run.results.alpha!.tests;
    expect(tests.map((t) => t.test)).toEqual(["lmm_satterthwaite_f"]);
    expect(tests[0]!.p).not.toBeNull();
  });
  it("beta: PERMANOVA permutes within subject", () => {
    expect(run.results.beta![0]!.permanova[0]!.p).not.toBeNull();
    expect(run.results.methods.find((m) => m.id === "permanova")!.description).toContain("within subject_id");
  });
});

describe("prediction CV grouped by design.subject", () => {
  // the model layer's grouped folds are tested in test/models; here: the study passes the subject
  // labels (categorical or numeric IDs) to it, which its permutation-null warning reveals
  async function predictionWarnings(subject: string | null, metadata = data.metadata) {
    const c = resolvedConfig(
      {
        ...config({ subject }),
        analysis: {
          ...config().analysis,
          da_methods: ["linda"],
          beta_metrics: [],
          alpha_metrics: ["shannon"],
        },
        prediction: {
          targets: ["kratom_use"],
          models: ["random_forest"],
          folds: 3,
          repeats: 1,
          permutations: 9,
          trees: 20,
        },
      },
      metadata,
    );
    const run = await runStudy(c, { ...data, metadata });
    return run.results.warnings.filter((w) => w.includes("permutes samples, not subjects"));
  }
  it("groups by the subject column, categorical or numeric", async () => {
    expect(await predictionWarnings("subject_id")).toHaveLength(1);
    expect(await predictionWarnings(null)).toHaveLength(0);
    const ids = (cohort.metadata.columns.find((c) => c.name === "subject_id")!.values as string[]).map((s) =>
      Number(s.slice(1)),
    );
    const numericIds = {
      ...cohort.metadata,
      columns: [...cohort.metadata.columns, numeric("person_no", ids)],
    };
    expect(await predictionWarnings("person_no", numericIds)).toHaveLength(1);
  }, 300_000);
});

describe("validation of a repeated-measures design", () => {
  it("a subject column with one sample per subject is an error naming the column", () => {
    const md = {
      ...cohort.metadata,
      columns: [
        ...cohort.metadata.columns,
        categorical(
          "tube_id",
          cohort.metadata.ids.map((id) => `tube-${id}`),
        ),
      ],
    };
    const { issues } = validateStudy(config({ subject: "tube_id" }), { ...data, metadata: md });
    const issue = issues.find((i) => i.key === "design.subject")!;
    expect(issue.message).toContain("'tube_id'");
    expect(issue.message).toContain("one sample");
    expect(issue.hint).toMatch(/participant IDs/);
    return expect(runStudy(config({ subject: "tube_id" }), { ...data, metadata: md })).rejects.toThrow(
      InputError,
    );
  });
  it("DA methods none of which has random effects are an error", () => {
    const c = resolvedConfig(
      {
        ...config(),
        analysis: { ...config().analysis, da_methods: ["ancombc", "aldex2"] },
      },
      data.metadata,
    );
    const issue = validateStudy(c, data).issues.find((i) => i.key === "analysis.da_methods")!;
    expect(issue.message).toContain("'subject_id'");
  });
  it("hypotheses tested by a method without random effects are an error", () => {
    const c = resolvedConfig(
      {
        ...config(),
        analysis: { ...config().analysis, da_methods: ["ancombc", "linda"] },
        hypotheses: [{ taxon: "Akkermansia", exposure: "kratom_use", direction: "up" }],
      },
      data.metadata,
    );
    const issue = validateStudy(c, data).issues.find((i) => i.key === "analysis.hypothesis_method")!;
    expect(issue.message).toContain("ancombc");
  });
  it("a missing subject column and a time column equal to the exposure are errors", () => {
    const { issues } = validateStudy(config({ subject: "person", time: "kratom_use" }), data);
    expect(issues.map((i) => i.key)).toEqual(expect.arrayContaining(["design.subject", "design.time"]));
  });
  it("a time column that splits the samples as the exposure does is an error (before/after design)", () => {
    const { issues } = validateStudy(config({ time: "visit" }), data);
    expect(issues.find((i) => i.key === "design.time")!.message).toContain("exactly as the exposure");
  });
});

describe("design.time: a control arm followed over the same visits", () => {
  // the first 12 people stay non-users at follow-up, so visit and exposure differ
  const use = cohort.metadata.ids.map((id, i) =>
    Number(id.slice(1, 4)) <= 12 || i % 2 === 0 ? "non_user" : "user",
  );
  const metadata = {
    ...cohort.metadata,
    columns: cohort.metadata.columns.map((c) =>
      c.name === "kratom_use" ? categorical("kratom_use", use) : c,
    ),
  };
  it("enters PERMANOVA, DA and the alpha model as a term after the exposure", async () => {
    const c = config({ time: "visit" });
    expect(validateStudy(c, { ...data, metadata }).issues).toEqual([]);
    const run = await runStudy(c, { ...data, metadata });
    expect(run.results.beta![0]!.permanova.map((r) => r.term)).toEqual([
      "kratom_use",
      "visit",
      "Residual",
      "Total",
    ]);
    expect(run.results.differentialAbundance!.rows.length).toBeGreaterThan(0);
    expect(run.results.methods.find((m) => m.id === "lmm")!.description).toContain(
      "kratom_use + visit + (1 | subject_id)",
    );
  }, 120_000);
});
