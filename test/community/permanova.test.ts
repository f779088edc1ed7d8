import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromSquare, selectIds } from "../../src/core/beta/distance-matrix.js";
import { permanova } from "../../src/core/community/permanova.js";
import { designMatrix } from "../../src/core/stats/design-matrix.js";
import {
  type AnovaTable,
  braycurtis,
  expectAdonisTable,
  fixtureMetadata,
  handDesign,
  metadataColumns,
  readReference,
  withinBinomialBand,
} from "./helpers.js";

type PermanovaRef = { results: Record<string, { values: AnovaTable }> };

describe("permanova vs vegan 2.6-4 adonis2 (dune, Bray–Curtis)", () => {
  const dm = braycurtis("dune");
  const md = metadataColumns("dune");
  const ref = readReference<PermanovaRef>("dune", "permanova").results;
  const management = { label: "Management", factor: md.column("Management") };
  const a1 = { label: "A1", numeric: md.column("A1").map(Number) };
  const B = 999;

  it("bc ~ Management (by = terms)", () => {
    const r = permanova(dm, handDesign([management]), { permutations: B, seed: 1 });
    const want = ref["adonis2.Management_by_terms"]!.values;
    expectAdonisTable(r.rows, want);
    expect(withinBinomialBand(r.rows[0]!.p!, want.p[0]!, B, 9999)).toBe(true);
    expect(r.permutations).toBe(B);
  });

  it("bc ~ Management + A1, by = terms and by = margin", () => {
    const design = handDesign([management, a1]);
    for (const by of ["terms", "margin"] as const) {
      const r = permanova(dm, design, { permutations: B, seed: 2, by });
      const want = ref[`adonis2.Management_A1_by_${by}`]!.values;
      expectAdonisTable(r.rows, want);
      for (let i = 0; i < 2; i++) expect(withinBinomialBand(r.rows[i]!.p!, want.p[i]!, B, 9999)).toBe(true);
    }
  });

  it("by = none gives one Model row whose SS is the sum of the sequential SS", () => {
    const r = permanova(dm, handDesign([management, a1]), { permutations: 0, by: "none" });
    const t = ref["adonis2.Management_A1_by_terms"]!.values;
    expect(r.rows.map((x) => x.term)).toEqual(["Model", "Residual", "Total"]);
    expect(r.rows[0]!.df).toBe(4);
    expect(r.rows[0]!.sumOfSquares).toBeCloseTo(t.SumOfSqs[0]! + t.SumOfSqs[1]!, 12);
    expect(r.rows[0]!.p).toBeNull();
  });
});

describe("permanova vs vegan (GlobalPatterns, 9 sample types)", () => {
  it("bc ~ SampleType", () => {
    const dm = braycurtis("GlobalPatterns");
    const md = metadataColumns("GlobalPatterns");
    const want = readReference<PermanovaRef>("GlobalPatterns", "permanova").results[
      "adonis2.SampleType_by_terms"
    ]!.values;
    const r = permanova(dm, handDesign([{ label: "SampleType", factor: md.column("SampleType") }]), {
      permutations: 499,
    });
    expectAdonisTable(r.rows, want);
    expect(withinBinomialBand(r.rows[0]!.p!, want.p[0]!, 499, 9999)).toBe(true);
  });
});

/** Pseudo-F of a two-group split by hand: Anderson (2001) eq. via within-group squared distances. */
function handF(d: number[][], groups: number[]): number {
  const n = groups.length;
  let sst = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sst += d[i]![j]! ** 2;
  sst /= n;
  let ssw = 0;
  for (const g of new Set(groups)) {
    const idx = groups.flatMap((x, i) => (x === g ? [i] : []));
    let s = 0;
    for (let a = 0; a < idx.length; a++)
      for (let b = a + 1; b < idx.length; b++) s += d[idx[a]!]![idx[b]!]! ** 2;
    ssw += s / idx.length;
  }
  const k = new Set(groups).size;
  return (sst - ssw) / (k - 1) / (ssw / (n - k));
}

describe("permanova exact enumeration (2 groups of 3)", () => {
  const pts = [0, 1, 2.5, 4, 7, 11];
  const d = pts.map((a, i) => pts.map((b, j) => Math.abs(a - b) + (i === j ? 0 : 0.1 * ((i * j) % 3))));
  const sym = d.map((row, i) => row.map((_, j) => (i < j ? d[i]![j]! : d[j]![i]!)));
  const dm = fromSquare(["a", "b", "c", "d", "e", "f"], sym.flat());
  const labels = ["x", "x", "x", "y", "y", "y"];

  it("p = #{splits with F >= F_obs} / 10, counted by hand", () => {
    const fObs = handF(sym, [0, 0, 0, 1, 1, 1]);
    let hits = 0;
    // the 10 distinct 3+3 splits: sample 0 always in group 0
    for (let a = 1; a < 6; a++)
      for (let b = a + 1; b < 6; b++) {
        const g = [1, 1, 1, 1, 1, 1];
        g[0] = g[a] = g[b] = 0;
        if (handF(sym, g) >= fObs - 1e-12) hits++;
      }
    const r = permanova(dm, handDesign([{ label: "g", factor: labels }]), { permutations: "exact" });
    expect(r.exact).toBe(true);
    expect(r.permutations).toBe(720);
    expect(r.rows[0]!.F).toBeCloseTo(fObs, 12);
    expect(r.rows[0]!.p).toBeCloseTo(hits / 10, 12);
  });

  it("a random-permutation p lies within the binomial band of the exact p", () => {
    const design = handDesign([{ label: "g", factor: labels }]);
    const exact = permanova(dm, design, { permutations: "exact" }).rows[0]!.p!;
    const mc = permanova(dm, design, { permutations: 2000, seed: 9 }).rows[0]!.p!;
    expect(Math.abs(mc - exact)).toBeLessThan(3.29 * Math.sqrt((exact * (1 - exact)) / 2000) + 1 / 2001);
  });
});

describe("permanova properties", () => {
  const dm = braycurtis("dune");
  const md = metadataColumns("dune");
  const management = md.column("Management");

  it("F is invariant to relabelling the groups", () => {
    const rename: Record<string, string> = { BF: "z1", HF: "a2", NM: "m3", SF: "b4" };
    const f0 = permanova(dm, handDesign([{ label: "M", factor: management }]), { permutations: 0 }).rows[0]!
      .F!;
    const f1 = permanova(dm, handDesign([{ label: "M", factor: management.map((v) => rename[v]!) }]), {
      permutations: 0,
    }).rows[0]!.F!;
    expect(f1).toBeCloseTo(f0, 12);
  });

  it("F, SS and p are invariant to the order of the samples (fast-check)", () => {
    const base = permanova(dm, handDesign([{ label: "M", factor: management }]), { permutations: 0 }).rows;
    fc.assert(
      fc.property(fc.shuffledSubarray([...dm.ids.keys()], { minLength: 20, maxLength: 20 }), (order) => {
        const ids = order.map((i) => dm.ids[i]!);
        const r = permanova(
          selectIds(dm, ids),
          handDesign([{ label: "M", factor: order.map((i) => management[i]!) }]),
          { permutations: 0 },
        ).rows;
        for (const [i, row] of r.entries()) expect(row.sumOfSquares).toBeCloseTo(base[i]!.sumOfSquares, 12);
        expect(r[0]!.F).toBeCloseTo(base[0]!.F!, 10);
      }),
      { numRuns: 20 },
    );
  });

  it("design rows select and reorder samples of the distance matrix", () => {
    const order = [...dm.ids.keys()].reverse();
    const r = permanova(dm, handDesign([{ label: "M", factor: order.map((i) => management[i]!) }], order), {
      permutations: 0,
    });
    const base = permanova(dm, handDesign([{ label: "M", factor: management }]), { permutations: 0 });
    expect(r.rows[0]!.F).toBeCloseTo(base.rows[0]!.F!, 10);
  });

  it("same seed, same p; strata are accepted and reported", () => {
    const design = handDesign([{ label: "M", factor: management }]);
    const a = permanova(dm, design, { permutations: 199, seed: 5 });
    const b = permanova(dm, design, { permutations: 199, seed: 5 });
    expect(a.rows[0]!.p).toBe(b.rows[0]!.p);
    const s = permanova(dm, design, { permutations: 199, seed: 5, strata: md.column("Use") });
    expect(s.strata).toBe(true);
    expect(s.rows[0]!.F).toBeCloseTo(a.rows[0]!.F!, 12);
  });

  it("drops an aliased column with a warning", () => {
    const use = md.column("Use");
    const r = permanova(
      dm,
      handDesign([
        { label: "Use", factor: use },
        { label: "Use2", factor: use.map((u) => `${u}!`) },
      ]),
      { permutations: 0 },
    );
    expect(r.rows[1]!.df).toBe(0);
    expect(r.rows[1]!.F).toBeNull();
    expect(r.warnings.length).toBeGreaterThan(0);
  });

  it("reports progress and honours an AbortSignal", () => {
    const design = handDesign([{ label: "M", factor: management }]);
    const seen: number[] = [];
    permanova(dm, design, { permutations: 250, onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(250);
    const ac = new AbortController();
    ac.abort();
    expect(() => permanova(dm, design, { permutations: 10, signal: ac.signal })).toThrow();
  });
});

describe("permanova from a formula (designMatrix of src/core/stats)", () => {
  const dm = braycurtis("dune");
  const md = fixtureMetadata("dune");
  const ref = readReference<PermanovaRef>("dune", "permanova").results;

  it.each(["terms", "margin"] as const)("bc ~ Management + A1, by = %s", (by) => {
    const design = designMatrix("~ Management + A1", md, { ids: dm.ids });
    const r = permanova(dm, design, { by, permutations: 0 });
    expectAdonisTable(r.rows, ref[`adonis2.Management_A1_by_${by}`]!.values);
  });

  it("the reference level does not change F", () => {
    const a = permanova(dm, designMatrix("~ Management", md, { ids: dm.ids }), { permutations: 0 });
    const b = permanova(
      dm,
      designMatrix("~ Management", md, { ids: dm.ids, reference: { Management: "SF" } }),
      {
        permutations: 0,
      },
    );
    expect(b.rows[0]!.F).toBeCloseTo(a.rows[0]!.F!, 12);
  });
});

describe("permanova kernels", () => {
  it("the one-factor fast path equals the general kernel (same seed, same F* and p)", () => {
    const dm = braycurtis("GlobalPatterns");
    const design = handDesign([
      { label: "T", factor: metadataColumns("GlobalPatterns").column("SampleType") },
    ]);
    const fast = permanova(dm, design, { permutations: 199, seed: 8 });
    const slow = permanova(dm, design, { permutations: 199, seed: 8, kernel: "general" });
    expect(fast.rows[0]!.F).toBeCloseTo(slow.rows[0]!.F!, 10);
    expect(fast.rows[0]!.p).toBe(slow.rows[0]!.p);
    const dune = braycurtis("dune");
    const d2 = handDesign([{ label: "M", factor: metadataColumns("dune").column("Management") }]);
    for (const seed of [1, 2, 3]) {
      expect(permanova(dune, d2, { permutations: 99, seed }).rows[0]!.p).toBe(
        permanova(dune, d2, { permutations: 99, seed, kernel: "general" }).rows[0]!.p,
      );
    }
  });
});

describe("permanova strata", () => {
  it("with strata equal to the groups no permutation changes F, so p = 1", () => {
    const dm = braycurtis("dune");
    const m = metadataColumns("dune").column("Management");
    const r = permanova(dm, handDesign([{ label: "M", factor: m }]), { permutations: 99, strata: m });
    expect(r.rows[0]!.p).toBe(1);
  });

  it("by = margin with one term equals by = terms", () => {
    const dm = braycurtis("dune");
    const design = handDesign([{ label: "M", factor: metadataColumns("dune").column("Management") }]);
    const t = permanova(dm, design, { permutations: 99, by: "terms", kernel: "general" });
    const mg = permanova(dm, design, { permutations: 99, by: "margin", kernel: "general" });
    expect(mg.rows[0]!.sumOfSquares).toBeCloseTo(t.rows[0]!.sumOfSquares, 12);
    expect(mg.rows[0]!.p).toBe(t.rows[0]!.p);
  });
});
