import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { formatLsmat, parseLsmat } from "../../src/io/lsmat.js";
import { formatMetadata, parseMetadata } from "../../src/io/metadata.js";
import { formatTaxonomy, parseTaxonomy } from "../../src/io/taxonomy.js";
import { distance } from "../../src/core/beta/distance-matrix.js";
import { loadDistanceMatrix } from "../../src/node/load.js";
import { fixture, thrown } from "./fixtures.js";
import { readFileSync } from "node:fs";

describe("parseMetadata", () => {
  it.each([
    "id",
    "SampleID",
    "sample id",
    "Sample-ID",
    "sample_id",
    "#SampleID",
    "#Sample ID",
    "feature-id",
    "FeatureID",
  ])("accepts the ID header %j", (h) => {
    expect(parseMetadata(`${h}\tx\na\t1\n`, "m.tsv").ids).toEqual(["a"]);
  });

  it("skips comments and blank lines, reads #q2:types, infers types, treats empty cells as missing", () => {
    const text =
      "\uFEFF# a comment\r\n\r\nsample-id\tage\tgroup\tcode\tnote\r\n#q2:types\tnumeric\tcategorical\r\n# another\r\nS1\t31\tA\t1\t\r\nS2\t\t B \t2.5e1\tx\r\nS3\t40\t\t-3\r\n";
    const md = parseMetadata(text, "m.tsv");
    expect(md.ids).toEqual(["S1", "S2", "S3"]);
    const [age, group, code, note] = md.columns;
    expect(age!.kind).toBe("numeric");
    expect(Array.from(age!.values as Float64Array)).toEqual([31, Number.NaN, 40]);
    expect(group).toEqual({
      kind: "categorical",
      name: "group",
      values: ["A", "B", null],
      levels: ["A", "B"],
    });
    expect(code!.kind).toBe("numeric");
    expect(Array.from(code!.values as Float64Array)).toEqual([1, 25, -3]);
    expect(note!.kind).toBe("categorical");
    expect(note!.values).toEqual([null, "x", null]);
  });

  it("unquotes double-quoted cells", () => {
    const md = parseMetadata('id\tname\na\t"x\ty"\n', "m.tsv");
    expect(md.columns[0]!.values).toEqual(["x\ty"]);
  });

  it("round-trips through formatMetadata", () => {
    const text = "sample-id\tage\tgroup\n#q2:types\tnumeric\tcategorical\nS1\t0.1\tA\nS2\t\t\n";
    const md = parseMetadata(text, "m.tsv");
    expect(formatMetadata(md)).toBe(text);
    expect(parseMetadata(formatMetadata(md), "m2.tsv")).toEqual(md);
  });

  it("reports duplicate IDs and columns, non-numbers in numeric columns and bad headers, all at once", async () => {
    const err = await thrown(() =>
      parseMetadata("id\tage\tage\n#q2:types\tnumeric\tnumeric\nS1\t1\t2\nS1\tabc\t3\n", "meta.tsv"),
    );
    const codes = err.issues.map((i) => i.code);
    expect(codes).toContain("duplicate_id");
    expect(codes).toContain("non_numeric");
    expect(err.message).toContain("meta.tsv, line 4");
    expect(err.message).toContain("sample 'S1'");
    expect(err.message).toContain("'abc' is not a number");
    expect(err.message).toContain("column name 'age'");
    const bad = await thrown(() => parseMetadata("name\tage\nS1\t1\n", "meta.tsv"));
    expect(bad.issues[0]!.code).toBe("bad_header");
    expect(bad.message).toMatch(/hint: name the first column 'sample-id'/);
  });
});

describe("parseTaxonomy", () => {
  it("reads Feature ID / Taxon / Confidence, SILVA and Greengenes styles, and round-trips", () => {
    const text =
      "Feature ID\tTaxon\tConfidence\r\nf1\td__Bacteria; p__Firmicutes; c__Bacilli\t0.99\r\nf2\tk__Bacteria; p__; g__\t\r\n";
    const tax = parseTaxonomy(text, "tax.tsv");
    expect(tax.featureIds).toEqual(["f1", "f2"]);
    expect(tax.lineages[0]).toEqual(["Bacteria", "Firmicutes", "Bacilli", "", "", "", ""]);
    expect(tax.lineages[1]).toEqual(["Bacteria", "", "", "", "", "", ""]);
    expect(Array.from(tax.confidence!)).toEqual([0.99, Number.NaN]);
    expect(parseTaxonomy(formatTaxonomy(tax), "t2.tsv")).toEqual(tax);
  });

  it("reads a headerless file and refuses duplicate IDs naming the line", async () => {
    expect(parseTaxonomy("a\tk__X\nb\tk__Y\n", "t.tsv").featureIds).toEqual(["a", "b"]);
    const err = await thrown(() => parseTaxonomy("Feature ID\tTaxon\na\tk__X\na\tk__Y\n", "t.tsv"));
    expect(err.issues[0]!.code).toBe("duplicate_id");
    expect(err.message).toContain("t.tsv, line 3, feature 'a'");
  });
});

describe("lsmat", () => {
  it("reads Striped UniFrac's ssu output (esophagus) with the values as written", async () => {
    const dm = await loadDistanceMatrix(fixture("esophagus/reference/ssu/unweighted.tsv"));
    expect(dm.ids).toEqual(["B", "C", "D"]);
    const line = readFileSync(fixture("esophagus/reference/ssu/unweighted.tsv"), "utf8")
      .split("\n")[1]!
      .split("\t");
    expect(distance(dm, 0, 1)).toBe(Number(line[2]));
    expect(distance(dm, 0, 2)).toBe(Number(line[3]));
  });

  it("round-trips exactly at full precision", () => {
    const text =
      "\ta\tb\tc\na\t0\t0.1\t1e-300\nb\t0.1\t0\t0.30000000000000004\nc\t1e-300\t0.30000000000000004\t0\n";
    const dm = parseLsmat(text, "d.tsv");
    expect(formatLsmat(dm)).toBe(text);
    expect(parseLsmat(formatLsmat(dm), "d2.tsv")).toEqual(dm);
  });

  it("refuses an asymmetric matrix or shuffled rows, naming the IDs", async () => {
    const asym = await thrown(() => parseLsmat("\ta\tb\na\t0\t1\nb\t2\t0\n", "d.tsv"));
    expect(asym.issues[0]!.code).toBe("not_symmetric");
    expect(asym.message).toContain("'a', 'b'");
    const order = await thrown(() => parseLsmat("\ta\tb\nb\t0\t1\na\t1\t0\n", "d.tsv"));
    expect(order.issues[0]!.code).toBe("id_mismatch");
    expect(order).toBeInstanceOf(InputError);
  });

  it("keeps the code of what is wrong (a non-zero diagonal is not 'not_symmetric') and names the file", async () => {
    const diag = await thrown(() => parseLsmat("\ta\tb\na\t0.5\t1\nb\t1\t0\n", "d.tsv"));
    expect(diag.issues[0]).toMatchObject({ code: "bad_value", file: "d.tsv", sampleId: "a" });
    expect(diag.message).toContain("diagonal entry of 'a' is not 0");
  });
});
