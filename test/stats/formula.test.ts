import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { parseFormula } from "../../src/core/stats/formula.js";

const labels = (f: string) => parseFormula(f).terms.map((t) => t.label);

describe("parseFormula", () => {
  // Expected labels are R 4.x attr(terms(f), "term.labels"), checked by hand from R's rules.
  it("expands crossing as R: a * b = a + b + a:b", () => {
    expect(labels("~ a * b")).toEqual(["a", "b", "a:b"]);
    expect(labels("~a*b*c")).toEqual(["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c"]);
  });

  it("orders terms by degree, and variables by first appearance", () => {
    expect(labels("~ a:b + c")).toEqual(["c", "a:b"]);
    expect(labels("~ b + a + a:b")).toEqual(["b", "a", "b:a"]);
    expect(labels("~ b:a + a")).toEqual(["a", "b:a"]);
  });

  it("collapses duplicates and removes terms with '-'", () => {
    expect(labels("~ a + a + a:a")).toEqual(["a"]);
    expect(labels("~ a * b - a:b")).toEqual(["a", "b"]);
    expect(labels("~ (a + b + c)^2")).toEqual(["a", "b", "c", "a:b", "a:c", "b:c"]);
    expect(labels("~ (a + b):c")).toEqual(["a:c", "b:c"]);
  });

  it("handles the intercept: -1, +0, 0 +, 1", () => {
    expect(parseFormula("~ a").intercept).toBe(true);
    expect(parseFormula("~ a - 1").intercept).toBe(false);
    expect(parseFormula("~ 0 + a").intercept).toBe(false);
    expect(parseFormula("~ a + 0").intercept).toBe(false);
    expect(parseFormula("~ -1 + a").intercept).toBe(false);
    expect(parseFormula("~ 1")).toEqual({ intercept: true, terms: [] });
  });

  it("records the response and is whitespace-insensitive", () => {
    expect(parseFormula("y~a+b")).toEqual(parseFormula("  y ~  a +   b "));
    expect(parseFormula("y ~ a").response).toBe("y");
    expect(parseFormula("~ a").response).toBeUndefined();
    expect(parseFormula("~ `age (years)` + b.c_1").terms[0]!.variables).toEqual(["age (years)"]);
  });

  it.each([
    ["~ log(a)", "log"],
    ["~ a +", "end of formula"],
    ["~ a $ b", "$"],
    ["a + b", "+"],
    ["~ a + 2", "2"],
    ["~ (a + b", "end of formula"],
    ["y ~ y + a", "y"],
    ["~", "empty"],
  ])("rejects %s naming '%s'", (text, token) => {
    try {
      parseFormula(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues[0]!.code).toBe("bad_formula");
      expect((e as InputError).message).toContain(token);
    }
  });
});
