import { describe, expect, it } from "vitest";
import { checkMetadata } from "../../src/core/study/dictionary.js";
import { validateStudy } from "../../src/core/study/validate-study.js";
import { fromDense } from "../../src/core/table/feature-table.js";
import { categorical, numeric, type SampleMetadata } from "../../src/core/table/metadata.js";
import { formatDataDictionary, parseDataDictionary } from "../../src/io/data-dictionary.js";
import { resolvedConfig } from "../helpers/study.js";

const ids = ["p1", "p2", "p3", "p4", "p5", "p6"];
const metadata: SampleMetadata = {
  idHeader: "sample-id",
  ids,
  columns: [
    categorical("kratom_use", ["non_user", "non_user", "non_user", "user", "user", "user"]),
    numeric("age", [30, 41, 52, 33, 45, 60]),
    numeric("pain_relief", [Number.NaN, Number.NaN, Number.NaN, 3, Number.NaN, 12]),
    categorical("constipation", ["no", "no", "yes", "yes", "no", "yes"]),
  ],
};
const table = fromDense(ids, ["a", "b"], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
const config = resolvedConfig(
  `name: t
data: { table: t.biom, metadata: m.tsv }
design: { exposure: kratom_use, reference: non_user, covariates: [age, bmi] }
outcomes:
  - { column: pain_relief, type: continuous }
  - { column: constipation, type: binary, positive: "Yes" }
`,
  metadata,
);
const sources = { table: "t.biom", metadata: "m.tsv" };

describe("validateStudy", () => {
  it("reports every config-vs-data problem at once", () => {
    const { issues } = validateStudy(config, { table, metadata, sources });
    const summary = issues.map((i) => `${i.code}:${i.key}`);
    expect(summary).toContain("missing_column:design.covariates.1");
    expect(summary).toContain("bad_value:outcomes.0");
    expect(summary).toContain("bad_level:outcomes.1.positive");
    expect(issues.find((i) => i.key === "outcomes.0")!.message).toContain("'p5'");
    expect(issues.find((i) => i.key === "design.covariates.1")!.hint).toContain("kratom_use");
    expect(issues.find((i) => i.key === "outcomes.1.positive")!.hint).toBe("levels present: no, yes");
  });

  it("refuses a reference level that does not exist, and an outcome missing everywhere, naming what is there", () => {
    const wrong = resolvedConfig(
      `name: t
data: { table: t.biom, metadata: m.tsv }
design: { exposure: kratom_use, reference: nonuser }
outcomes:
  - { column: pain_relief, type: continuous }
`,
      metadata,
    );
    const blank = {
      ...metadata,
      columns: metadata.columns.map((c) =>
        c.name === "pain_relief" ? numeric("pain_relief", new Array(6).fill(Number.NaN)) : c,
      ),
    };
    const { issues } = validateStudy(wrong, { table, metadata: blank, sources });
    const reference = issues.find((i) => i.key === "design.reference")!;
    expect(reference.code).toBe("bad_level");
    expect(reference.hint).toBe("levels present: non_user, user");
    expect(issues.find((i) => i.key === "outcomes.0")!.message).toBe(
      "outcome 'pain_relief' is missing in every sample",
    );
  });

  it("names table samples that have no metadata", () => {
    const extra = fromDense([...ids, "ghost"], ["a"], [1, 1, 1, 1, 1, 1, 1]);
    const { issues } = validateStudy(config, { table: extra, metadata, sources });
    expect(issues.find((i) => i.code === "id_mismatch")!.message).toContain("'ghost'");
  });

  it("says what will run, without UniFrac when there is no tree", () => {
    const { plan } = validateStudy(config, { table, metadata, sources });
    expect(plan.join("\n")).toContain("no tree: no UniFrac");
    expect(plan.join("\n")).toContain("pain_relief (continuous)");
  });
});

describe("data dictionary", () => {
  const dictionary = parseDataDictionary(
    "column\ttype\tunit\tmin\tmax\tlevels\tdescription\n" +
      "age\tnumeric\tyears\t18\t50\t\tage at enrolment\n" +
      "constipation\tcategorical\t\t\t\tno|yes\tconstipation since starting\n",
    "dict.tsv",
  );

  it("round-trips through its TSV form", () => {
    expect(parseDataDictionary(formatDataDictionary(dictionary), "again.tsv")).toEqual(dictionary);
  });

  it("names every offending cell", () => {
    const issues = checkMetadata(metadata, dictionary, "m.tsv");
    expect(issues.map((i) => `${i.code}:${i.sampleId}`)).toEqual(["out_of_range:p3", "out_of_range:p6"]);
    expect(issues[0]!.message).toContain("52");
  });

  it("rejects a bad type with its line", () => {
    expect(() =>
      parseDataDictionary(
        "column\ttype\tunit\tmin\tmax\tlevels\tdescription\nx\tinteger\t\t\t\t\t\n",
        "d.tsv",
      ),
    ).toThrow(/line 2.*'integer'/s);
  });
});
