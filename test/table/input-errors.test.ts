/** User-facing table building, distance-matrix and metadata selection refuse bad input with an InputError and a code. */
import { describe, expect, it } from "vitest";
import {
  checkMatrixSamples,
  fromSquare,
  MAX_MATRIX_SAMPLES,
  selectIds,
} from "../../src/core/beta/distance-matrix.js";
import { InputError } from "../../src/core/errors.js";
import { createFeatureTable } from "../../src/core/table/feature-table.js";
import { categorical, selectRows } from "../../src/core/table/metadata.js";

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).issues[0]!.code;
  }
  return undefined;
}

describe("InputError codes from distance-matrix and metadata selection", () => {
  const dm = fromSquare(["a", "b"], [0, 1, 1, 0]);
  it("fromSquare: size, diagonal, non-finite, asymmetry", () => {
    expect(codeOf(() => fromSquare(["a", "b"], [0, 1, 1]))).toBe("bad_value");
    expect(codeOf(() => fromSquare(["a", "b"], [1, 1, 1, 0]))).toBe("bad_value");
    expect(codeOf(() => fromSquare(["a", "b"], [0, Number.NaN, Number.NaN, 0]))).toBe("non_finite");
    expect(codeOf(() => fromSquare(["a", "b"], [0, 1, 2, 0]))).toBe("not_symmetric");
  });
  it("checkMatrixSamples: up to the most samples whose distances fit one typed array (2^32)", () => {
    const pairs = (n: number) => (n * (n - 1)) / 2;
    expect(pairs(MAX_MATRIX_SAMPLES)).toBeLessThanOrEqual(2 ** 32);
    expect(pairs(MAX_MATRIX_SAMPLES + 1)).toBeGreaterThan(2 ** 32);
    expect(() => checkMatrixSamples(MAX_MATRIX_SAMPLES, "x")).not.toThrow();
    expect(codeOf(() => checkMatrixSamples(MAX_MATRIX_SAMPLES + 1, "x"))).toBe("too_large");
  });
  it("selectIds and selectRows list the absent IDs", () => {
    expect(codeOf(() => selectIds(dm, ["a", "z"]))).toBe("id_mismatch");
    const md = { idHeader: "id", ids: ["a", "b"], columns: [categorical("g", ["x", "y"])] };
    expect(codeOf(() => selectRows(md, ["b", "q"]))).toBe("id_mismatch");
    expect(() => selectRows(md, ["b", "q"])).toThrow(/'q'/);
  });
});

describe("InputError codes from createFeatureTable", () => {
  const parts = (colPtr: number[], featureIndex: number[], values: number[], featureIds = ["f1", "f2"]) => ({
    sampleIds: ["s1", "s2"],
    featureIds,
    colPtr: Int32Array.from(colPtr),
    featureIndex: Int32Array.from(featureIndex),
    values: Float64Array.from(values),
  });
  it("accepts a well-formed table", () => {
    expect(createFeatureTable(parts([0, 1, 2], [0, 1], [3, 4])).values).toEqual(Float64Array.from([3, 4]));
  });
  it("refuses broken CSC arrays, non-finite values and duplicate IDs", () => {
    expect(codeOf(() => createFeatureTable(parts([0, 1], [0], [3])))).toBe("bad_value");
    expect(codeOf(() => createFeatureTable(parts([0, 2, 2], [0], [3])))).toBe("bad_value");
    expect(codeOf(() => createFeatureTable(parts([0, 2, 1], [0, 1], [3, 4])))).toBe("bad_value");
    expect(codeOf(() => createFeatureTable(parts([0, 2, 2], [1, 0], [3, 4])))).toBe("bad_value");
    expect(codeOf(() => createFeatureTable(parts([0, 1, 2], [0, 2], [3, 4])))).toBe("bad_value");
    expect(codeOf(() => createFeatureTable(parts([0, 1, 2], [0, 1], [3, Number.NaN])))).toBe("non_finite");
    expect(() => createFeatureTable(parts([0, 1, 2], [0, 1], [3, Number.NaN]))).toThrow(/'s2'/);
    expect(codeOf(() => createFeatureTable(parts([0, 1, 2], [0, 1], [3, 4], ["f", "f"])))).toBe(
      "duplicate_id",
    );
  });
});
