/**
 * Categorical level order = R's default `factor()` levels in an en_US.UTF-8 session (ICU
 * collation), compared with R 4.2.2 output (test/fixtures/extra/level_order.R -> .json), plus the
 * properties the rest of the code relies on: the order of the values never changes the levels, and
 * metadata read from a file gets sorted levels whatever the row order.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareLevels, sortLevels } from "../../src/core/table/level-order.js";
import { categorical } from "../../src/core/table/metadata.js";
import { parseMetadata } from "../../src/io/metadata.js";

const reference = JSON.parse(readFileSync("test/fixtures/extra/level_order.json", "utf8")) as {
  icu: boolean;
  collate: string;
  cases: Record<string, string[]>;
  levels: Record<string, string[]>;
};

describe("sortLevels matches R's levels(factor(x)) under en_US.UTF-8", () => {
  it("was computed by an R with ICU collation in en_US.UTF-8", () => {
    expect(reference.icu).toBe(true);
    expect(reference.collate).toBe("en_US.UTF-8");
  });

  it.each(Object.keys(reference.cases))("%s", (name) => {
    expect(sortLevels(reference.cases[name]!)).toEqual(reference.levels[name]);
  });

  it("the issue's example: digits, then letters with lower case first, accents after", () => {
    expect(sortLevels(["b", "A", "a", "B", "10", "2", "\u00e9", "e"])).toEqual([
      "10",
      "2",
      "a",
      "A",
      "b",
      "B",
      "e",
      "\u00e9",
    ]);
    expect(reference.levels.issue).toEqual(["10", "2", "a", "A", "b", "B", "e", "\u00e9"]);
  });
});

describe("level order properties", () => {
  it("is a total order that does not depend on the order of the values", () => {
    const valuesAndPermutation = fc
      .array(fc.string({ maxLength: 4 }), { maxLength: 30 })
      .chain((values) =>
        fc.tuple(
          fc.constant(values),
          fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length }),
        ),
      );
    fc.assert(
      fc.property(valuesAndPermutation, ([values, permuted]) => {
        expect(sortLevels(permuted)).toEqual(sortLevels(values));
        for (const a of values) {
          for (const b of values) {
            expect(Math.sign(compareLevels(a, b)) + Math.sign(compareLevels(b, a))).toBe(0);
            expect(compareLevels(a, b) === 0).toBe(a === b);
          }
        }
      }),
    );
  });

  it("a canonically equivalent pair (precomposed and decomposed é) stays two distinct, ordered levels", () => {
    expect(sortLevels(["e\u0301", "\u00e9", "e\u0301"])).toEqual(["e\u0301", "\u00e9"]);
  });

  it("categorical columns and metadata files get sorted levels, declared levels are kept", () => {
    expect(categorical("g", ["user", null, "non_user", "user"]).levels).toEqual(["non_user", "user"]);
    expect(categorical("g", ["user", "non_user"], ["user", "non_user"]).levels).toEqual(["user", "non_user"]);
    const md = parseMetadata("sample-id\tgroup\nS1\tuser\nS2\tNon-user\nS3\tnon_user\nS4\t\n", "m.tsv");
    const col = md.columns[0]!;
    expect(col.kind === "categorical" && col.levels).toEqual(["non_user", "Non-user", "user"]);
  });
});
