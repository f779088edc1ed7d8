/**
 * The calibration shuffles respect a repeated-measures design (calibration-step.ts header): a
 * per-subject column is permuted between subjects as whole units (every sample of a subject ends
 * on the subject's one new label), a within-subject varying column within subject; without a
 * subject, the observed values are permuted freely; missing values stay where they are.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/random/rng.js";
import { shuffleColumn } from "../../src/core/study/steps/calibration-step.js";
import { categorical, getColumn, numeric, type SampleMetadata } from "../../src/core/table/metadata.js";

const subjectsArb = fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 3, maxLength: 40 });

function metadata(subjectOf: readonly number[], columns: SampleMetadata["columns"]): SampleMetadata {
  return {
    idHeader: "id",
    ids: subjectOf.map((_, i) => `s${i}`),
    columns: [numeric("subject", subjectOf), ...columns],
  };
}

const valuesOf = (md: SampleMetadata, name: string): (string | number | null)[] =>
  Array.from(getColumn(md, name)!.values as ArrayLike<string | number | null>);

describe("calibration shuffles in repeated-measures designs", () => {
  it("keep each subject's samples on one label, the labels of the subjects permuted (fast-check)", () => {
    fc.assert(
      fc.property(subjectsArb, fc.nat(), (subjectOf, seed) => {
        const label = (s: number) => (s % 3 === 0 ? "user" : "non-user");
        const md = metadata(subjectOf, [categorical("exposure", subjectOf.map(label))]);
        const shuffled = valuesOf(shuffleColumn(md, "exposure", createRng(seed), "subject"), "exposure");
        const subjects = [...new Set(subjectOf)];
        for (const s of subjects) {
          expect(new Set(shuffled.filter((_, i) => subjectOf[i] === s)).size).toBe(1);
        }
        const perSubject = (v: readonly unknown[]) => subjects.map((s) => v[subjectOf.indexOf(s)]).sort();
        expect(perSubject(shuffled)).toEqual(perSubject(subjectOf.map(label)));
      }),
    );
  });

  it("permute a within-subject varying column within subject; missing values stay put (fast-check)", () => {
    fc.assert(
      fc.property(subjectsArb, fc.nat(), (subjectOf, seed) => {
        const dose = subjectOf.map((s, i) => (i % 5 === 4 ? Number.NaN : s * 10 + i));
        // varying: some subject has two observed values (else the column is per-subject)
        const observed = subjectOf.filter((_, i) => !Number.isNaN(dose[i]!));
        fc.pre(new Set(observed).size < observed.length);
        const md = metadata(subjectOf, [numeric("dose", dose)]);
        const shuffled = valuesOf(shuffleColumn(md, "dose", createRng(seed), "subject"), "dose") as number[];
        shuffled.forEach((v, i) => expect(Number.isNaN(v)).toBe(Number.isNaN(dose[i]!)));
        for (const s of new Set(subjectOf)) {
          const mine = (v: readonly number[]) =>
            v.filter((x, i) => subjectOf[i] === s && !Number.isNaN(x)).sort((a, b) => a - b);
          expect(mine(shuffled)).toEqual(mine(dose));
        }
      }),
    );
  });

  it("without a subject, shuffle the observed values freely with the stream's Fisher–Yates", () => {
    const values = ["a", "b", null, "c", "d", "e"];
    const md = metadata([0, 1, 2, 3, 4, 5], [categorical("x", values)]);
    const shuffled = valuesOf(shuffleColumn(md, "x", createRng(5)), "x");
    const order = [0, 1, 3, 4, 5];
    createRng(5).shuffle(order);
    expect(shuffled).toEqual([
      values[order[0]!],
      values[order[1]!],
      null,
      ...order.slice(2).map((i) => values[i]),
    ]);
  });
});
