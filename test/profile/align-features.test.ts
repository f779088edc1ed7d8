import { describe, expect, it } from "vitest";
import { alignFeatures } from "../../src/core/profile/align-features.js";
import { parseSavedModel } from "../../src/core/profile/saved-model.js";
import { fromDense } from "../../src/core/table/feature-table.js";

describe("alignFeatures", () => {
  it("reorders by name, zero-fills missing model features and counts ignored table features", () => {
    // table: samples s1, s2 x features b, x, a
    const table = fromDense(["s1", "s2"], ["b", "x", "a"], [1, 2, 3, 4, 5, 6]);
    const aligned = alignFeatures(table, ["a", "b", "c"]);
    expect(Array.from(aligned.x)).toEqual([3, 1, 0, 6, 4, 0]);
    expect(aligned.missing).toEqual(["c"]);
    expect(aligned.ignored).toBe(1);
  });
});

describe("parseSavedModel", () => {
  it("rejects JSON that is not a model file, naming what is missing", () => {
    expect(() => parseSavedModel("{", "m.json")).toThrow(/m\.json.*not JSON/);
    expect(() => parseSavedModel(`{"kind":"gutresponse.model"}`, "m.json")).toThrow(
      /no 'featureNames'.*no 'featureLevel'/,
    );
  });
});
