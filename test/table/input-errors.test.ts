/** User-facing distance-matrix and metadata selection refuse bad input with an InputError and a code. */
import { describe, expect, it } from "vitest";
import { fromSquare, selectIds } from "../../src/core/beta/distance-matrix.js";
import { InputError } from "../../src/core/errors.js";
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
  it("selectIds and selectRows list the absent IDs", () => {
    expect(codeOf(() => selectIds(dm, ["a", "z"]))).toBe("id_mismatch");
    const md = { idHeader: "id", ids: ["a", "b"], columns: [categorical("g", ["x", "y"])] };
    expect(codeOf(() => selectRows(md, ["b", "q"]))).toBe("id_mismatch");
    expect(() => selectRows(md, ["b", "q"])).toThrow(/'q'/);
  });
});
