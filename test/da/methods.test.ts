import { describe, expect, it } from "vitest";
import { Aldex2InstanceCache, aldex2 } from "../../src/core/da/aldex2.js";
import { ancombc, estimateBiasEm } from "../../src/core/da/ancombc.js";
import { consensus, isConsensusCall } from "../../src/core/da/consensus.js";
import { differentialAbundance } from "../../src/core/da/differential-abundance.js";
import { linda } from "../../src/core/da/linda.js";
import { maaslin } from "../../src/core/da/maaslin.js";
import { prepareDaInput } from "../../src/core/da/prepare.js";
import { DA_ROW_COLUMNS, type DaRow } from "../../src/core/da/types.js";
import { InputError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { adjustPValues } from "../../src/core/stats/p-adjust.js";
import { metadataOf, simulateCounts, tableFromRows } from "./helpers.js";

/**
 * Noise-free compositional data with a known answer: absolute abundance of taxon j in sample i is
 * A_j 2^(b_j g_i) (g = 0/1), observed as a composition scaled to a sample-specific depth. Every
 * CLR / log-count coefficient then equals b_j - (common offset), and a bias-corrected method must
 * return b_j itself (the majority of taxa have b_j = 0). A tiny deterministic perturbation keeps
 * the residual variance positive.
 */
function knownEffectData(): { rows: number[][]; b: number[]; labels: string[] } {
  const m = 30;
  const n = 24;
  const b = Array.from({ length: m }, (_, j) => (j === 0 ? 2 : j === 1 ? -1.5 : j === 2 ? 3 : 0));
  const labels = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? "ctrl" : "case"));
  const rows = labels.map((g, i) => {
    const abs = b.map((bj, j) => 1000 * (1 + (j % 7)) * 2 ** (bj * (g === "case" ? 1 : 0)));
    const total = abs.reduce((s, v) => s + v, 0);
    const depth = 1e6 * (1 + (i % 5));
    return abs.map((v, j) => Math.round((depth * v * (1 + 0.01 * Math.sin(7 * i + 3 * j))) / total));
  });
  return { rows, b, labels };
}

describe("bias correction recovers known log2 fold changes", () => {
  const { rows, b, labels } = knownEffectData();
  const input = prepareDaInput(
    tableFromRows(rows),
    metadataOf(rows.length, { group: labels }, { group: ["ctrl", "case"] }),
    {
      formula: "~ group",
    },
  );

  it("linda: estimate = b_j (mode of the CLR coefficients removes the compositional offset)", () => {
    const est = linda(input, { zeroHandling: "pseudocount" }).rows.map((r) => r.log2_fold_change);
    est.forEach((e, j) => {
      expect(Math.abs(e - b[j]!)).toBeLessThan(0.02);
    });
  });

  it("ancombc: estimate = b_j (EM bias of the log-count coefficients)", () => {
    const est = ancombc(input).rows.map((r) => r.log2_fold_change);
    est.forEach((e, j) => {
      expect(Math.abs(e - b[j]!)).toBeLessThan(0.02);
    });
  });

  it("maaslin (no compositional correction) is shifted by the offset on null taxa", () => {
    const est = maaslin(input).rows.map((r) => r.log2_fold_change);
    expect(Math.abs(est[10]!)).toBeGreaterThan(0.05);
  });
});

describe("estimateBiasEm", () => {
  it("finds the centre of the null component of a seeded mixture", () => {
    const rng = createRng(5);
    const m = 400;
    const beta = new Float64Array(m);
    const nu = new Float64Array(m).fill(0.01);
    for (let j = 0; j < m; j++) {
      const u = j % 10;
      beta[j] = (u === 0 ? -2 : u === 1 ? 2.5 : 0) + 0.7 + 0.1 * rng.normal();
    }
    const est = estimateBiasEm(beta, nu);
    expect(Math.abs(est.delta - 0.7)).toBeLessThan(0.03);
    expect(est.varDelta).toBeGreaterThan(0);
  });
});

describe("aldex2", () => {
  const rng = createRng(3);
  const labels = Array.from({ length: 20 }, (_, i) => (i < 10 ? "ctrl" : "case"));
  const counts = simulateCounts(rng, {
    n: 20,
    m: 25,
    exposed: labels.map((g) => (g === "case" ? 1 : 0)),
    effect: Array.from({ length: 25 }, (_, j) => (j === 0 ? 3 : 0)),
  });
  const input = prepareDaInput(
    tableFromRows(counts),
    metadataOf(20, { group: labels }, { group: ["ctrl", "case"] }),
    {
      formula: "~ group",
    },
  );

  it("is reproducible: same seed, same output", () => {
    expect(aldex2(input, { seed: 9, mc: 16 })).toEqual(aldex2(input, { seed: 9, mc: 16 }));
  });

  it("reports expected BH >= expected p, and detects a planted 3-log-unit change", () => {
    const res = aldex2(input, { seed: 9, mc: 16 });
    for (const r of res.rows) expect(r.q).toBeGreaterThanOrEqual(r.p - 1e-15);
    const planted = res.rows.find((r) => r.taxon === "t1")!;
    expect(planted.q).toBeLessThan(0.05);
    expect(planted.log2_fold_change).toBeGreaterThan(2);
    expect(res.effect![0]!).toBeGreaterThan(1);
  });

  it("welch reports diff.btw, glm the mean coefficient: same sign and size where the change is clear", () => {
    const w = aldex2(input, { seed: 9, mc: 16, test: "welch" });
    const g = aldex2(input, { seed: 9, mc: 16, test: "glm" });
    expect(w.summary.parameters.log2_fold_change).toBe("diff.btw");
    expect(g.summary.parameters.p_adjust).toBe("holm");
    const planted = (rows: DaRow[]) => rows.find((r) => r.taxon === "t1")!.log2_fold_change;
    expect(Math.abs(planted(w.rows) - planted(g.rows))).toBeLessThan(0.5);
    w.rows.forEach((r, j) => {
      // Holm (glm) adjusts at least as much as BH (welch) on the same per-direction p
      expect(g.rows[j]!.q).toBeGreaterThanOrEqual(Math.min(g.rows[j]!.p, 1) - 1e-12);
      expect(r.p).toBeLessThanOrEqual(1);
    });
  });

  it.each(["welch", "glm"] as const)(
    "with one instance (%s), q is the smaller of the two directions' adjusted p (R p.adjust)",
    (test) => {
      // mc = 1: p = min(p_greater, p_less), and the direction not taken has p = 1 (t > 0 means
      // p_up < 1/2, so p_less = min(2 (1 - p_up), 1) = 1); q must be min(adjust(p_greater),
      // adjust(p_less)) taxon by taxon, ties included, as adjustPValues computes them.
      const res = aldex2(input, { seed: 5, mc: 1, test });
      const greater = res.rows.map((r) => (r.statistic > 0 ? r.p : 1));
      const less = res.rows.map((r) => (r.statistic < 0 ? r.p : 1));
      const method = test === "welch" ? "bh" : "holm";
      const qg = adjustPValues(greater, method);
      const ql = adjustPValues(less, method);
      res.rows.forEach((r, j) => expect(r.q).toBe(Math.min(qg[j]!, ql[j]!)));
    },
  );

  it("an instance cache changes nothing: kept instances reproduce a fresh call, other labels included", () => {
    const cache = new Aldex2InstanceCache();
    const shuffled = prepareDaInput(
      tableFromRows(counts),
      metadataOf(20, { group: labels.map((_, i) => labels[(i * 7) % 20]!) }, { group: ["ctrl", "case"] }),
      { formula: "~ group" },
    );
    for (const test of ["welch", "glm"] as const) {
      const fresh = aldex2(input, { seed: 9, mc: 16, test });
      expect(aldex2(input, { seed: 9, mc: 16, test, cache })).toEqual(fresh); // drawn and kept
      expect(aldex2(input, { seed: 9, mc: 16, test, cache })).toEqual(fresh); // from the cache
      expect(aldex2(shuffled, { seed: 9, mc: 16, test, cache })).toEqual(
        aldex2(shuffled, { seed: 9, mc: 16, test }),
      );
    }
    // another seed or mc is drawn anew (and replaces the kept instances)
    expect(aldex2(input, { seed: 10, mc: 16, cache })).toEqual(aldex2(input, { seed: 10, mc: 16 }));
    expect(aldex2(input, { seed: 10, mc: 8, cache })).toEqual(aldex2(input, { seed: 10, mc: 8 }));
    expect(aldex2(input, { seed: 10, mc: 1, cache })).toEqual(aldex2(input, { seed: 10, mc: 1 }));
    // effect only below a q threshold: the called taxa get the full run's values, the others NaN
    const full = aldex2(input, { seed: 9, mc: 16 });
    for (const round of [0, 1]) {
      const calls = aldex2(input, { seed: 9, mc: 16, cache, effectBelowQ: 0.1 });
      expect(calls.rows.map((r) => r.q)).toEqual(full.rows.map((r) => r.q));
      expect(full.rows.some((r) => r.q < 0.1)).toBe(true);
      calls.rows.forEach((r, j) => {
        const called = full.rows[j]!.q < 0.1;
        expect(r.log2_fold_change).toBe(called ? full.rows[j]!.log2_fold_change : Number.NaN);
        expect(calls.effect![j]).toBe(called ? full.effect![j]! : Number.NaN);
      });
      expect(round).toBeLessThan(2); // first round draws and keeps, the second reads the cache
    }
    // too large to keep: still the same results
    const small = new Aldex2InstanceCache(10);
    expect(aldex2(input, { seed: 9, mc: 16, cache: small })).toEqual(aldex2(input, { seed: 9, mc: 16 }));
    expect(small.lookup(input.counts, 9, 16)).toBeNull();
  });

  it("p is the expected per-direction p: at most 1, and <= 2 x the smaller one-sided mean", () => {
    const res = aldex2(input, { seed: 4, mc: 8 });
    for (const r of res.rows) {
      expect(r.p).toBeGreaterThan(0);
      expect(r.p).toBeLessThanOrEqual(1);
      expect(r.q).toBeGreaterThanOrEqual(r.p - 1e-15);
    }
  });
});

describe("confounding: a taxon driven only by a covariate correlated with the exposure", () => {
  const rng = createRng(17);
  const n = 60;
  const age = Array.from({ length: n }, () => 40 + 10 * rng.normal());
  const exposed = age.map((a) => (a + 4 * rng.normal() > 40 ? 1 : 0));
  const labels = exposed.map((e) => (e === 1 ? "case" : "ctrl"));
  const counts = simulateCounts(rng, {
    n,
    m: 40,
    exposed,
    covariate: age.map((a) => (a - 40) / 10),
    covariateEffect: Array.from({ length: 40 }, (_, j) => (j === 0 ? 1.5 : 0)),
  });
  const table = tableFromRows(counts);
  const metadata = metadataOf(n, { group: labels, age }, { group: ["ctrl", "case"] });
  const run = (formula: string): DaRow[] =>
    differentialAbundance(table, metadata, {
      formula,
      term: "group",
      seed: 1,
      methods: ["linda", "ancombc", "maaslin"],
      mc: 8,
    }).rows;

  it("is called by the unadjusted model and not by the adjusted one, for every adjusting method", () => {
    const unadjusted = run("~ group").filter((r) => r.taxon === "t1");
    const adjusted = run("~ group + age").filter((r) => r.taxon === "t1");
    expect(unadjusted.map((r) => r.q < 0.05)).toEqual([true, true, true]);
    expect(adjusted.map((r) => r.q < 0.05)).toEqual([false, false, false]);
  });
});

describe("consensus", () => {
  const row = (method: DaRow["method"], taxon: string, lfc: number, q: number): DaRow => ({
    taxon,
    method,
    term: "groupcase",
    contrast: "case vs ctrl",
    log2_fold_change: lfc,
    se: 1,
    statistic: lfc,
    p: q,
    q,
    prevalence: 1,
    mean_relative_abundance: 0.1,
  });
  it("classifies up, down, mixed and none and takes the median log2 fold change", () => {
    const rows = [
      row("linda", "a", 1, 0.01),
      row("maaslin", "a", 2, 0.02),
      row("aldex2", "a", 3, 0.5),
      row("linda", "b", -1, 0.01),
      row("linda", "c", 1, 0.01),
      row("maaslin", "c", -1, 0.01),
      row("linda", "d", 1, 0.5),
    ];
    const c = Object.fromEntries(consensus(rows, 0.1).map((r) => [r.taxon, r]));
    expect(c.a).toMatchObject({
      direction: "up",
      methods_significant: 2,
      significant_methods: ["linda", "maaslin"],
      methods_tested: 3,
      log2_fold_change_median: 2,
    });
    expect(c.b!.direction).toBe("down");
    expect(c.c!.direction).toBe("mixed");
    expect(c.d).toMatchObject({ direction: "none", methods_significant: 0, significant_methods: [] });
    // consensus calls: at least half of the methods that tested the taxon, two or more, one direction
    expect(
      Object.values(c)
        .filter(isConsensusCall)
        .map((r) => r.taxon),
    ).toEqual(["a", "b"]);
  });

  it("a consensus call needs two agreeing methods (one when only one tested), at least half, and two families", () => {
    type M = "linda" | "ancombc" | "aldex2" | "maaslin" | "wilcoxon_clr";
    const call = (direction: "up" | "mixed", significant: M[], tested: M[]) =>
      isConsensusCall({ direction, significant_methods: significant, tested_methods: tested });
    const four: M[] = ["linda", "ancombc", "aldex2", "maaslin"];
    expect([
      call("up", ["linda"], ["linda"]),
      call("up", ["linda"], ["linda", "maaslin"]),
      call("up", ["linda", "maaslin"], ["linda", "maaslin"]),
      call("up", ["linda", "maaslin"], four),
      call("up", ["aldex2", "maaslin"], [...four, "wilcoxon_clr"]),
    ]).toEqual([true, false, true, true, false]);
    expect(call("mixed", ["linda", "aldex2", "maaslin"], four)).toBe(false);
    // two methods of one family (LinDA and ANCOM-BC: log counts, bias-corrected) are one vote
    expect(call("up", ["linda", "ancombc"], four)).toBe(false);
    expect(call("up", ["linda", "ancombc", "maaslin"], four)).toBe(true);
    expect(call("up", ["ancombc", "aldex2"], four)).toBe(true);
    // when only one family tested, its methods' agreement is the call
    expect(call("up", ["linda", "ancombc"], ["linda", "ancombc"])).toBe(true);
    expect(call("up", ["linda"], ["linda", "ancombc"])).toBe(false);
  });
});

describe("differentialAbundance", () => {
  const { rows, labels } = knownEffectData();
  const table = tableFromRows(rows);
  const metadata = metadataOf(rows.length, { group: labels }, { group: ["ctrl", "case"] });

  it("runs every method and returns contract rows and consensus", () => {
    const res = differentialAbundance(table, metadata, { formula: "~ group", seed: 1, mc: 8 });
    expect(res.methods.map((m) => m.method)).toEqual([
      "linda",
      "ancombc",
      "aldex2",
      "maaslin",
      "wilcoxon_clr",
    ]);
    // the contract of differential_abundance.tsv (DESIGN §7, plus the contrast in words, docs/RESULTS.md)
    const contract =
      "taxon, method, term, contrast, log2_fold_change, se, statistic, p, q, prevalence, mean_relative_abundance";
    expect(Object.keys(res.rows[0]!)).toEqual(contract.split(", "));
    expect([...DA_ROW_COLUMNS]).toEqual(contract.split(", "));
    for (const r of res.rows)
      for (const v of Object.values(r)) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    const t3 = res.consensus.find((c) => c.taxon === "t3")!;
    expect(t3.direction).toBe("up");
  });

  it("rejects unknown methods, a bad term and table samples missing from the metadata", () => {
    expect(() =>
      differentialAbundance(table, metadata, { formula: "~ group", seed: 1, methods: ["deseq" as "linda"] }),
    ).toThrow(InputError);
    expect(() =>
      differentialAbundance(table, metadata, { formula: "~ group", term: "age", seed: 1 }),
    ).toThrow(/term/);
    const short = metadataOf(5, { group: labels.slice(0, 5) });
    expect(() => differentialAbundance(table, short, { formula: "~ group", seed: 1 })).toThrow(
      /not in the metadata/,
    );
  });
});
