import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { consensus } from "../../src/core/da/consensus.js";
import { globalKernelMode, meanShiftMode } from "../../src/core/da/kernel-mode.js";
import { linda } from "../../src/core/da/linda.js";
import { clrRowsInPlace } from "../../src/core/da/log-ratio.js";
import { maaslin } from "../../src/core/da/maaslin.js";
import { prepareDaInput } from "../../src/core/da/prepare.js";
import type { DaRow } from "../../src/core/da/types.js";
import { createRng } from "../../src/core/random/rng.js";
import { metadataOf, simulateCounts, tableFromRows } from "./helpers.js";

const positiveRows = fc.integer({ min: 2, max: 6 }).chain((m) =>
  fc.array(fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: m, maxLength: m }), {
    minLength: 1,
    maxLength: 5,
  }),
);

describe("CLR identities", () => {
  it("each row sums to zero and is invariant to scaling the row", () => {
    fc.assert(
      fc.property(positiveRows, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (rows, scale) => {
        const m = rows[0]!.length;
        const a = Float64Array.from(rows.flat());
        const b = Float64Array.from(rows.flat(), (v) => v * scale);
        clrRowsInPlace(a, rows.length, m);
        clrRowsInPlace(b, rows.length, m);
        for (let i = 0; i < rows.length; i++) {
          let sum = 0;
          for (let j = 0; j < m; j++) sum += a[i * m + j]!;
          expect(Math.abs(sum)).toBeLessThan(1e-9);
        }
        for (let k = 0; k < a.length; k++) expect(Math.abs(a[k]! - b[k]!)).toBeLessThan(1e-9);
      }),
    );
  });
});

describe.each([
  ["globalKernelMode", globalKernelMode],
  ["meanShiftMode", meanShiftMode],
] as const)("%s", (_, mode) => {
  // values on a 0.01 grid: Silverman's rule (as R bw.nrd0) is discontinuous when the IQR is a
  // denormal number, which arbitrary doubles can produce; real coefficients never do. The
  // tolerance is relative: modeest stops the mean shift at a relative step of sqrt(eps)
  it("is shift equivariant and lies within the data range", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: -5_000, max: 5_000 }),
        (k, j) => {
          const x = k.map((v) => v / 100);
          const shift = j / 100;
          const at = mode(x);
          expect(at).toBeGreaterThanOrEqual(Math.min(...x) - 1e-9);
          expect(at).toBeLessThanOrEqual(Math.max(...x) + 1e-9);
          const tol = 1e-6 * Math.max(1, Math.abs(at), Math.abs(at + shift));
          expect(Math.abs(mode(x.map((v) => v + shift)) - (at + shift))).toBeLessThan(tol);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("DA results do not depend on sample order", () => {
  it("linda and maaslin give the same rows after a seeded permutation of the samples", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const rng = createRng(seed);
        const n = 16;
        const labels = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? "ctrl" : "case"));
        const counts = simulateCounts(rng, { n, m: 12, exposed: labels.map((g) => (g === "case" ? 1 : 0)) });
        const order = Array.from({ length: n }, (_, i) => i);
        rng.shuffle(order);
        const run = (rows: number[][], groups: string[], method: typeof linda | typeof maaslin): DaRow[] =>
          method(
            prepareDaInput(
              tableFromRows(rows),
              metadataOf(n, { group: groups }, { group: ["ctrl", "case"] }),
              {
                formula: "~ group",
                minPrevalence: 0,
              },
            ),
          ).rows;
        for (const method of [linda, maaslin]) {
          const a = run(counts, labels, method);
          const b = run(
            order.map((i) => counts[i]!),
            order.map((i) => labels[i]!),
            method,
          );
          a.forEach((r, j) => {
            expect(Math.abs(r.log2_fold_change - b[j]!.log2_fold_change)).toBeLessThan(1e-9);
            expect(Math.abs(r.p - b[j]!.p)).toBeLessThan(1e-9);
          });
        }
      }),
      { numRuns: 10 },
    );
  });
});

describe("consensus", () => {
  it("does not depend on the order of the rows", () => {
    const arbRow = fc.record({
      taxon: fc.constantFrom("a", "b", "c"),
      method: fc.constantFrom("linda", "ancombc", "aldex2", "maaslin", "wilcoxon_clr" as const),
      lfc: fc.double({ min: -5, max: 5, noNaN: true }),
      q: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbRow, { selector: (r) => `${r.taxon}${r.method}` }), (items) => {
        const rows: DaRow[] = items.map((r) => ({
          taxon: r.taxon,
          method: r.method,
          term: "groupcase",
          contrast: "case vs ctrl",
          log2_fold_change: r.lfc,
          se: 1,
          statistic: r.lfc,
          p: r.q,
          q: r.q,
          prevalence: 1,
          mean_relative_abundance: 0.1,
        }));
        const strip = (c: ReturnType<typeof consensus>) =>
          c.map(({ significant_methods, tested_methods, ...rest }) => ({
            ...rest,
            significant_methods: [...significant_methods].sort(),
            tested_methods: [...tested_methods].sort(),
          }));
        expect(strip(consensus([...rows].reverse(), 0.1))).toEqual(strip(consensus(rows, 0.1)));
      }),
    );
  });
});
