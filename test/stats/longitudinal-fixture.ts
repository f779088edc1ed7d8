// The paired design of test/fixtures/extra/longitudinal.R (LinDA, lmerTest, vegan references).
import { readFileSync } from "node:fs";
import { type FeatureTable, fromDense } from "../../src/core/table/feature-table.js";
import { categorical, type SampleMetadata } from "../../src/core/table/metadata.js";

export const longitudinalRef = JSON.parse(readFileSync("test/fixtures/extra/longitudinal.json", "utf8"));

export function longitudinalTable(): FeatureTable {
  const r = longitudinalRef;
  return fromDense(r.samples, r.taxa, (r.counts as number[][]).flat());
}

export function longitudinalMetadata(): SampleMetadata {
  const r = longitudinalRef;
  return {
    idHeader: "sample-id",
    ids: [...r.samples],
    columns: [
      categorical("subject", r.subject),
      categorical("time", r.time, ["pre", "post"]),
      categorical("sex", r.sex, ["F", "M"]),
    ],
  };
}
