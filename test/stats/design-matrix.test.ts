import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { designMatrix } from "../../src/core/stats/design-matrix.js";
import { categorical, numeric, type SampleMetadata } from "../../src/core/table/metadata.js";
import { readMetadataFixture } from "./metadata-fixture.js";

const small: SampleMetadata = {
  idHeader: "id",
  ids: ["s1", "s2", "s3", "s4", "s5"],
  columns: [
    categorical("g", ["a", "b", "c", "b", null]),
    numeric("age", [10, 20, Number.NaN, 40, 50]),
    numeric("dose", [1, 2, 3, 4, 5]),
    categorical("sex", ["f", "m", "f", "m", "f"]),
    categorical("site", ["x", "x", "x", "x", "x"]),
  ],
};

function rowsOf(d: { x: Float64Array; nRows: number; nCols: number }): number[][] {
  return Array.from({ length: d.nRows }, (_, i) => Array.from(d.x.subarray(i * d.nCols, (i + 1) * d.nCols)));
}

function issueOf(f: () => unknown): { code: string; message: string; hint?: string } {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const issue = (e as InputError).issues[0]!;
    return { code: issue.code, message: issue.message, ...(issue.hint ? { hint: issue.hint } : {}) };
  }
  throw new Error("expected an InputError");
}

describe("designMatrix (hand-built cases)", () => {
  it("codes treatment contrasts and drops rows with missing values, listing them", () => {
    const d = designMatrix("~ g + dose", small);
    expect(d.columnNames).toEqual(["(Intercept)", "gb", "gc", "dose"]);
    expect(d.droppedIds).toEqual(["s5"]);
    expect(Array.from(d.rows)).toEqual([0, 1, 2, 3]);
    expect(rowsOf(d)).toEqual([
      [1, 0, 0, 1],
      [1, 1, 0, 2],
      [1, 0, 1, 3],
      [1, 1, 0, 4],
    ]);
    expect(d.terms).toEqual([
      { label: "g", columns: [1, 2], df: 2, contrasts: ["b vs a", "c vs a"] },
      { label: "dose", columns: [3], df: 1, contrasts: ["per unit of dose"] },
    ]);
    expect(d.intercept).toBe(true);
  });

  it("honours the reference level and drops levels absent from the rows used", () => {
    const d = designMatrix("~ g + age", small, { reference: { g: "b" } });
    expect(d.droppedIds).toEqual(["s3", "s5"]);
    expect(d.columnNames).toEqual(["(Intercept)", "ga", "age"]);
    expect(d.terms[0]!.contrasts).toEqual(["a vs b"]);
    expect(rowsOf(d)).toEqual([
      [1, 1, 10],
      [1, 0, 20],
      [1, 0, 40],
    ]);
  });

  it("takes the reference from the sorted levels, not from the first row", () => {
    const md = { ...small, columns: [categorical("g", ["user", "non_user", "user", "non_user", "user"])] };
    const d = designMatrix("~ g", md);
    expect(d.columnNames).toEqual(["(Intercept)", "guser"]);
    expect(d.terms[0]!.contrasts).toEqual(["user vs non_user"]);
  });

  it("orders and restricts rows by ids", () => {
    const d = designMatrix("~ dose", small, { ids: ["s4", "s1"] });
    expect(rowsOf(d)).toEqual([
      [1, 4],
      [1, 1],
    ]);
    expect(Array.from(d.rows)).toEqual([0, 1]);
  });

  it("codes an interaction with the first variable varying fastest", () => {
    const d = designMatrix("~ sex * dose", small);
    expect(d.columnNames).toEqual(["(Intercept)", "sexm", "dose", "sexm:dose"]);
    expect(d.terms.map((t) => t.contrasts)).toEqual([
      ["m vs f"],
      ["per unit of dose"],
      ["m vs f : per unit of dose"],
    ]);
    expect(rowsOf(d)[1]).toEqual([1, 1, 2, 2]);
    const e = designMatrix("~ 0 + sex", small);
    expect(e.columnNames).toEqual(["sexf", "sexm"]);
    expect(e.terms[0]!.contrasts).toEqual(["f", "m"]);
    expect(e.intercept).toBe(false);
  });

  it("raises clear errors", () => {
    const missing = issueOf(() => designMatrix("~ grp", small));
    expect(missing.code).toBe("missing_column");
    expect(missing.hint).toContain("age");
    expect(issueOf(() => designMatrix("~ site", small)).code).toBe("bad_level");
    expect(issueOf(() => designMatrix("~ g", small, { reference: { g: "zz" } })).code).toBe("bad_level");
    const undeclared = { ...small, columns: [categorical("g", ["a", "b", "z", "a", "b"], ["a", "b"])] };
    expect(issueOf(() => designMatrix("~ g", undeclared)).code).toBe("bad_level");
    const absent = issueOf(() => designMatrix("~ dose", small, { ids: ["s1", "nope"] }));
    expect(absent.code).toBe("id_mismatch");
    expect(absent.message).toContain("nope");
  });
});

interface RCase {
  formula: string;
  reference?: Record<string, string>;
  columnNames: string[];
  termLabels: string[];
  assign: number[];
  x: number[][];
}

describe("designMatrix matches R model.matrix on the dune metadata", () => {
  const md = readMetadataFixture("test/fixtures/dune/metadata.tsv");
  const ref = JSON.parse(readFileSync("test/fixtures/extra/model_matrix_dune.json", "utf8")) as {
    cases: RCase[];
  };
  it.each(ref.cases.map((c) => [c.formula + (c.reference ? " (reference set)" : ""), c] as const))(
    "%s",
    (_, c) => {
      const d = designMatrix(c.formula, md, c.reference ? { reference: c.reference } : {});
      expect(d.columnNames).toEqual(c.columnNames);
      expect(d.terms.map((t) => t.label)).toEqual(c.termLabels);
      const assign = new Array<number>(d.nCols).fill(0);
      d.terms.forEach((t, k) => {
        for (const col of t.columns) assign[col] = k + 1;
      });
      expect(assign).toEqual(c.assign);
      expect(rowsOf(d)).toEqual(c.x);
    },
  );
});

describe("designMatrix properties", () => {
  const md = readMetadataFixture("test/fixtures/dune/metadata.tsv");
  it("reordering the samples (ids) reorders the rows and nothing else", () => {
    const full = designMatrix("~ Management * A1 + Use", md);
    fc.assert(
      fc.property(fc.shuffledSubarray([...md.ids], { minLength: md.ids.length }), (ids) => {
        const d = designMatrix("~ Management * A1 + Use", md, { ids });
        expect(d.columnNames).toEqual(full.columnNames);
        ids.forEach((id, i) => {
          const j = md.ids.indexOf(id);
          expect(Array.from(d.x.subarray(i * d.nCols, (i + 1) * d.nCols))).toEqual(
            Array.from(full.x.subarray(j * full.nCols, (j + 1) * full.nCols)),
          );
        });
      }),
      { numRuns: 30 },
    );
  });
  it("each categorical term's contrast columns are 0/1 and at most one is 1 per row", () => {
    const d = designMatrix("~ Management + Use + Moisture", md);
    for (const t of d.terms) {
      for (let i = 0; i < d.nRows; i++) {
        const vals = t.columns.map((c) => d.x[i * d.nCols + c]!);
        expect(vals.every((v) => v === 0 || v === 1)).toBe(true);
        expect(vals.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
      }
    }
  });
});
