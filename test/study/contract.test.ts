/**
 * The library's column lists are the results contract of docs/RESULTS.md: each TSV the library
 * describes with a column constant lists exactly the documented columns, in order.
 */
import { describe, expect, it } from "vitest";
import { ASSOCIATION_COLUMNS } from "../../src/core/assoc/types.js";
import { CONSENSUS_COLUMNS, DA_ROW_COLUMNS } from "../../src/core/da/types.js";
import { HYPOTHESIS_COLUMNS } from "../../src/core/study/hypotheses.js";
import { CALIBRATION_COLUMNS } from "../../src/core/study/steps/calibration-step.js";
import { SENSITIVITY_COLUMNS, SENSITIVITY_VARIANT_COLUMNS } from "../../src/core/study/results.js";
import { CONTRACT_COLUMNS } from "./contract.js";

describe("results contract (docs/RESULTS.md)", () => {
  it.each([
    ["differential_abundance.tsv", DA_ROW_COLUMNS],
    ["consensus.tsv", CONSENSUS_COLUMNS],
    ["associations.tsv", ASSOCIATION_COLUMNS],
    ["hypotheses.tsv", HYPOTHESIS_COLUMNS],
    ["sensitivity.tsv", SENSITIVITY_COLUMNS],
    ["sensitivity_variants.tsv", SENSITIVITY_VARIANT_COLUMNS],
    ["calibration.tsv", CALIBRATION_COLUMNS],
  ] as const)("%s: the library's columns are the documented ones", (file, columns) => {
    expect([...columns]).toEqual(CONTRACT_COLUMNS[file]);
  });

  it("every contract file documents at least three columns, none empty", () => {
    for (const columns of Object.values(CONTRACT_COLUMNS)) {
      expect(columns.length).toBeGreaterThanOrEqual(3);
      for (const c of columns) expect(c).toMatch(/^[A-Za-z0-9_]+$/);
    }
  });
});
