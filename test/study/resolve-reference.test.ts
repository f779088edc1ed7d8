/**
 * design.reference is optional: resolveReference fills it in once the data are loaded, with the
 * exposure's first level in R's sorted order (level-order.ts), whatever the row order.
 */
import { describe, expect, it } from "vitest";
import { studyConfigSchema } from "../../src/core/study/config.js";
import { resolveReference } from "../../src/core/study/resolve-reference.js";
import { categorical, numeric, type SampleMetadata } from "../../src/core/table/metadata.js";

const config = (design: Record<string, unknown>) =>
  studyConfigSchema.parse({ name: "t", data: { table: "t.tsv", metadata: "m.tsv" }, design });

const metadata = (values: string[]): SampleMetadata => ({
  idHeader: "sample-id",
  ids: values.map((_, i) => `s${i}`),
  columns: [
    categorical("group", values),
    numeric(
      "age",
      values.map((_, i) => 20 + i),
    ),
  ],
});

describe("resolveReference", () => {
  it("keeps a reference study.yaml names", () => {
    const r = resolveReference(
      config({ exposure: "group", reference: "user" }),
      metadata(["user", "non_user"]),
    );
    expect(r.config.design.reference).toBe("user");
    expect(r.chosen).toBeNull();
  });

  it("chooses the first level in R's order (case- and accent-insensitive first), not the first row", () => {
    // R 4.2 (en_US.UTF-8): levels(factor(c("user", "Non_user", "écart"))) is "écart" "Non_user" "user"
    for (const rows of [
      ["user", "Non_user", "écart"],
      ["écart", "user", "Non_user"],
    ]) {
      const r = resolveReference(config({ exposure: "group" }), metadata(rows));
      expect(r.chosen).toBe("écart");
      expect(r.config.design.reference).toBe("écart");
    }
  });

  it("chooses nothing when the exposure is missing or numeric (validateStudy reports the column)", () => {
    expect(resolveReference(config({ exposure: "nope" }), metadata(["a", "b"])).chosen).toBeNull();
    const numericExposure = resolveReference(config({ exposure: "age" }), metadata(["a", "b"]));
    expect(numericExposure.chosen).toBeNull();
    expect(numericExposure.config.design.reference).toBe("");
  });
});
