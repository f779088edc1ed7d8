/**
 * `validate` predicts what `run` refuses (issue 15): the depth floor, a fixed rarefaction depth and
 * group sizes after filtering are checked by validateStudy with the same code prepareStudy runs,
 * and `design.drop_small_groups` leaves out groups below the minimum, saying so.
 */
import { describe, expect, it } from "vitest";
import { prepareStudy } from "../../src/core/study/steps/prepare.js";
import { MIN_GROUP_SIZE, selectSamples } from "../../src/core/study/steps/select-samples.js";
import { validateStudy } from "../../src/core/study/validate-study.js";
import { fromDense } from "../../src/core/table/feature-table.js";
import { categorical, type SampleMetadata } from "../../src/core/table/metadata.js";
import { resolvedConfig } from "../helpers/study.js";

// Groups: no (4 samples), yes (4), rare (2). Depths: sample i has 100 * (i + 1) reads.
const groups = ["no", "no", "no", "no", "yes", "yes", "yes", "yes", "rare", "rare"];
const ids = groups.map((_, i) => `s${i + 1}`);
const metadata: SampleMetadata = { idHeader: "sample-id", ids, columns: [categorical("use", groups)] };
// Dense samples x features (row-major): two features, each sample's depth split 50/50.
const table = fromDense(
  ids,
  ["f1", "f2"],
  ids.flatMap((_, i) => [50 * (i + 1), 50 * (i + 1)]),
);
const sources = { table: "t.tsv", metadata: "m.tsv" };
const data = { table, metadata, sources };

function study(extra: string, design = "") {
  return resolvedConfig(
    `name: t
data: { table: t.tsv, metadata: m.tsv }
design: { exposure: use, reference: "no"${design} }
analysis: { level: feature, min_depth: 0${extra} }
`,
    metadata,
  );
}

describe("validate predicts what run refuses", () => {
  it("a group below the minimum is refused by both, with the same message and a way out", () => {
    const config = study("");
    const { issues } = validateStudy(config, data);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain("rare: 2");
    expect(issues[0]!.hint).toContain("drop_small_groups");
    expect(() => prepareStudy(config, data)).toThrow(issues[0]!.message);
  });

  it("design.drop_small_groups leaves the small group out and says so", () => {
    const config = study("", ", drop_small_groups: true");
    expect(validateStudy(config, data).issues).toEqual([]);
    const prepared = prepareStudy(config, data);
    expect(prepared.table.sampleIds).toEqual(ids.slice(0, 8));
    expect(prepared.warnings.join("\n")).toContain(
      `group 'rare' of 'use' has 2 sample(s), fewer than ${MIN_GROUP_SIZE}, and is not analysed (design.drop_small_groups)`,
    );
  });

  it("an impossible rarefaction depth is caught by validate (not an empty 'levels present' later)", () => {
    const config = study(", rarefy: 100000", ", drop_small_groups: true");
    const { issues } = validateStudy(config, data);
    expect(issues.map((i) => i.key)).toEqual(["analysis.rarefy"]);
    expect(issues[0]!.message).toContain("rarefying to 100000 reads");
    expect(issues[0]!.message).toContain("no: 0, yes: 0");
    expect(issues[0]!.hint).toContain("100 to 800 reads");
    expect(() => prepareStudy(config, data)).toThrow("rarefying to 100000 reads");
  });

  it("a rarefaction depth that keeps three per group passes", () => {
    const config = study(", rarefy: 200", ", drop_small_groups: true");
    expect(validateStudy(config, data).issues).toEqual([]);
    expect(prepareStudy(config, data).rarefied.sampleIds).toEqual(ids.slice(1, 8));
  });

  it("a depth floor that empties the reference group names it", () => {
    const config = resolvedConfig(
      `name: t
data: { table: t.tsv, metadata: m.tsv }
design: { exposure: use, reference: "no", drop_small_groups: true }
analysis: { level: feature, min_depth: 450 }
`,
      metadata,
    );
    const { issues } = validateStudy(config, data);
    expect(issues.map((i) => i.key)).toEqual(["analysis.min_depth"]);
    expect(issues[0]!.message).toContain("the reference group 'no' has no samples");
    expect(selectSamples(config, data).warnings.join("\n")).toContain(
      "4 sample(s) have fewer than 450 reads",
    );
  });
});
