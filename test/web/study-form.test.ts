/**
 * The app's pure parts: column summaries (level counts, missing, ranges), the column picker's form
 * and its study.yaml (parsed back by the CLI's parseStudyConfig to the same config), and the guess
 * of each dropped file's role.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { parseStudyConfig } from "../../src/core/study/config.js";
import { categorical, numeric, type SampleMetadata } from "../../src/core/table/metadata.js";
import { assignFiles, guessRole } from "../../src/web/assign-files.js";
import { summarizeColumns } from "../../src/web/column-summary.js";
import type { DatasetSummary } from "../../src/web/protocol.js";
import {
  assignRole,
  directionsFor,
  formToConfig,
  hypothesisTargets,
  initialForm,
} from "../../src/web/study-form.js";

const ids = ["s1", "s2", "s3", "s4", "s5", "s6", "s7"];
const md: SampleMetadata = {
  idHeader: "sample-id",
  ids,
  columns: [
    categorical("code", ids),
    categorical("group", ["ctrl", "drug", null, "drug", "ctrl", "ctrl", "drug"], ["ctrl", "drug"]),
    numeric("age", [30, Number.NaN, 41, 30, 55, 62, 30]),
    categorical("pain", ["no", "yes", "yes", "no", "no", "yes", "no"]),
    categorical("site", ["a", "a", "a", "b", "b", "b", "c"]),
  ],
};

function summary(): DatasetSummary {
  return {
    samples: 7,
    features: 10,
    tableFormat: "biom-json",
    hasTaxonomy: true,
    hasTree: false,
    columns: summarizeColumns(md),
    sources: { table: "t.biom", metadata: "m.tsv", taxonomy: "tax.tsv" },
    notes: [],
  };
}

describe("column summaries", () => {
  it("counts each level, the missing cells and the numeric range", () => {
    const [code, group, age] = summarizeColumns(md);
    expect(code!.levels).toHaveLength(7);
    expect(group).toEqual({
      name: "group",
      kind: "categorical",
      missing: 1,
      levels: [
        { level: "ctrl", count: 3 },
        { level: "drug", count: 3 },
      ],
    });
    expect(age).toMatchObject({ kind: "numeric", missing: 1, min: 30, max: 62, distinct: 4 });
  });
});

describe("study form", () => {
  it("starts with the first categorical non-ID column as exposure, its first level as reference", () => {
    const form = initialForm(summary());
    expect(form.choices.group!.role).toBe("exposure");
    expect(form.choices.code!.role).toBe("none");
    expect(form.reference).toBe("ctrl");
    expect(form.choices.pain).toMatchObject({ outcomeType: "binary", positive: "yes" });
  });

  it("keeps one exposure: giving the role to another column clears the first", () => {
    const s = summary();
    const form = assignRole(initialForm(s), s, "pain", "exposure");
    expect(form.choices.group!.role).toBe("none");
    expect(form.choices.pain!.role).toBe("exposure");
    expect(form.reference).toBe("no");
  });

  it("writes study.yaml that the CLI parses to the config the app runs", () => {
    const s = summary();
    let form = initialForm(s);
    form = assignRole(form, s, "age", "covariate");
    form = assignRole(form, s, "pain", "outcome");
    form = { ...form, permutations: 199, seed: 7, level: "family" };
    const { yaml, config } = formToConfig(form, s);
    expect(parseStudyConfig(yaml, "study.yaml")).toEqual(config);
    expect(config).toMatchObject({
      data: { table: "t.biom", metadata: "m.tsv", taxonomy: "tax.tsv" },
      design: { exposure: "group", reference: "ctrl", covariates: ["age"], strata: null },
      outcomes: [{ column: "pain", type: "binary", positive: "yes" }],
      analysis: { level: "family", permutations: 199 },
      seed: 7,
    });
  });

  it("predicts the outcomes only when asked", () => {
    const s = summary();
    const form = assignRole(initialForm(s), s, "pain", "outcome");
    expect(formToConfig(form, s).config.prediction).toBeUndefined();
    const predicted = formToConfig({ ...form, predict: true }, s).config.prediction;
    expect(predicted?.targets).toEqual(["pain"]);
  });

  it("pre-selects only an exposure run accepts: none when every candidate has a group below the minimum", () => {
    const s = summary();
    const site = s.columns.find((c) => c.name === "site")!;
    const small = { ...s, columns: s.columns.filter((c) => c.name === "code" || c.name === "site") };
    expect(site.levels.map((l) => l.count)).toEqual([3, 3, 1]);
    const form = initialForm(small);
    expect(form.choices.site!.role).toBe("none");
    expect(form.reference).toBe("");
  });

  it("offers to leave out small groups, written to study.yaml as design.drop_small_groups", () => {
    const s = summary();
    const form = { ...assignRole(initialForm(s), s, "site", "exposure"), dropSmallGroups: true };
    const { yaml, config } = formToConfig(form, s);
    expect(yaml).toContain("drop_small_groups: true");
    expect(config.design).toMatchObject({ exposure: "site", reference: "a", drop_small_groups: true });
    expect(formToConfig({ ...form, dropSmallGroups: false }, s).config.design.drop_small_groups).toBe(false);
  });

  it("writes the subject and time columns of a repeated-measures design, one column each", () => {
    const s = summary();
    let form = assignRole(initialForm(s), s, "site", "subject");
    form = assignRole(form, s, "age", "time");
    form = assignRole(form, s, "code", "subject");
    const { yaml, config } = formToConfig(form, s);
    expect(config.design.subject).toBe("code");
    expect(config.design.time).toBe("age");
    expect(parseStudyConfig(yaml, "study.yaml")).toEqual(config);
    expect(formToConfig(initialForm(s), s).config.design.subject).toBeNull();
  });

  it("reports a missing exposure as the CLI reports a bad config", () => {
    const s = summary();
    const form = assignRole(initialForm(s), s, "group", "none");
    try {
      formToConfig(form, s);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]).toMatchObject({ code: "bad_config", key: "design.exposure" });
    }
  });
});

describe("dropped files", () => {
  it("guesses each role from the name", () => {
    const roles: Record<string, string> = {
      "tree.nwk": "tree",
      "rooted-tree.qza": "tree",
      "taxonomy.qza": "taxonomy",
      "sample-metadata.tsv": "metadata",
      "feature-table.biom": "table",
      "table.qza": "table",
    };
    for (const [name, role] of Object.entries(roles)) expect(guessRole(name)).toBe(role);
  });

  it("gives each role the first file that fits and keeps the others", () => {
    const f = (name: string) => new File(["x"], name);
    const got = assignFiles({ tree: f("old.nwk") }, [f("a.biom"), f("metadata.tsv"), f("b.biom")]);
    expect(got.table!.name).toBe("a.biom");
    expect(got.metadata!.name).toBe("metadata.tsv");
    expect(got.tree!.name).toBe("old.nwk");
  });
});

describe("study form: confirmatory hypotheses", () => {
  it("writes the list editor's rows as study.yaml hypotheses, parsed back by the CLI's parser", () => {
    let form = initialForm(summary());
    form = assignRole(form, summary(), "pain", "outcome");
    expect(hypothesisTargets(form)).toEqual(["group", "pain"]);
    expect(directionsFor(form, "group")).toEqual(["", "up", "down"]);
    expect(directionsFor(form, "pain")).toEqual(["", "positive", "negative"]);
    form = {
      ...form,
      hypotheses: [
        { taxon: "Faecalibacterium", target: "group", direction: "up" },
        { taxon: " Clostridium ", target: "pain", direction: "" },
        { taxon: "", target: "pain", direction: "positive" },
      ],
    };
    const { yaml, config } = formToConfig(form, summary());
    expect(yaml).toContain("hypotheses:");
    expect(config.hypotheses).toEqual([
      { taxon: "Faecalibacterium", exposure: "group", direction: "up" },
      { taxon: "Clostridium", outcome: "pain" },
    ]);
    expect(parseStudyConfig(yaml).hypotheses).toEqual(config.hypotheses);
  });

  it("writes no hypotheses key when the list is empty", () => {
    expect(formToConfig(initialForm(summary()), summary()).yaml).not.toContain("hypotheses");
  });
});
