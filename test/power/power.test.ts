/**
 * Power analysis (core): determinism and seed layout, scoring and aggregation against hand-counted
 * replicate results, the null design (every call is false), and power growing with n on a strong
 * planted effect.
 */
import { describe, expect, it } from "vitest";
import { createRng } from "../../src/core/random/rng.js";
import { kratomDesign, nullDesign } from "../../src/core/simulate/designs/kratom.js";
import {
  FDP_ROW_COLUMNS,
  POWER_ROW_COLUMNS,
  type PowerOptions,
  powerAnalysis,
  powerTasks,
  summarisePower,
} from "../../src/core/simulate/power.js";
import {
  type PlantedEffect,
  plantedEffects,
  runPowerReplicate,
  type ReplicateResult,
  scaleDesignEffects,
} from "../../src/core/simulate/power-replicate.js";
import { simulateCohort } from "../../src/core/simulate/simulate-cohort.js";
import { formatRecords } from "../../src/io/tsv-format.js";
import { wilsonReference } from "./wilson-reference.js";

const tiny: PowerOptions = { design: kratomDesign(), sizes: [24], reps: 2, methods: ["maaslin"], seed: 7 };
const tsv = (o: PowerOptions): string => {
  const r = powerAnalysis(o);
  return formatRecords([...POWER_ROW_COLUMNS], r.rows) + formatRecords([...FDP_ROW_COLUMNS], r.fdp);
};

describe("powerTasks", () => {
  it("seeds replicate (n, r) with createRng(seed).fork(n).fork(r), whatever else is asked", () => {
    const a = powerTasks({ ...tiny, sizes: [30, 40], reps: 3 }).tasks;
    const b = powerTasks({ ...tiny, sizes: [40, 30, 50], reps: 5 }).tasks;
    for (const t of a) {
      expect(b.find((u) => u.n === t.n && u.rep === t.rep)!.seed).toBe(t.seed);
      expect(t.seed).toBe(createRng(7).fork(t.n).fork(t.rep).seed);
    }
    expect(new Set(b.map((t) => t.seed)).size).toBe(b.length);
  });

  it("collects every bad option in one InputError", () => {
    expect(() =>
      powerTasks({ ...tiny, sizes: [2, 2.5], reps: 0, fdr: 1, effect: -1, methods: ["nope" as "linda"] }),
    ).toThrow(/sizes.*\n?.*reps|reps/s);
    try {
      powerTasks({ ...tiny, sizes: [], reps: 0, fdr: 1 });
    } catch (e) {
      expect((e as { issues: unknown[] }).issues).toHaveLength(3);
    }
  });
});

describe("summarisePower", () => {
  const effects: PlantedEffect[] = [
    { effect: "A", kind: "abundance", taxon: "A", outcome: null, log2FoldChange: 1, direction: 1 },
    { effect: "B", kind: "prevalence", taxon: "B", outcome: null, log2FoldChange: Number.NaN, direction: 1 },
    {
      effect: "y ~ A",
      kind: "association",
      taxon: "A",
      outcome: "y",
      log2FoldChange: Number.NaN,
      direction: 1,
    },
  ];
  const rep = (
    r: number,
    linda: [string[], number, number],
    ols: [string[], number, number],
  ): ReplicateResult => ({
    n: 10,
    rep: r,
    effects,
    warnings: [],
    tests: [
      { method: "linda", outcome: null, detected: linda[0], calls: linda[1], falseCalls: linda[2] },
      { method: "ols:y", outcome: "y", detected: ols[0], calls: ols[1], falseCalls: ols[2] },
    ],
  });
  // linda: rep 0 calls A + 3 false (FDP 3/4); rep 1 calls A, B (0); rep 2 nothing (0); rep 3 only false (1).
  const results = [
    rep(0, [["A"], 4, 3], [["y ~ A"], 1, 0]),
    rep(1, [["A", "B"], 2, 0], [[], 2, 2]),
    rep(2, [[], 0, 0], [["y ~ A"], 2, 1]),
    rep(3, [[], 1, 1], [[], 0, 0]),
  ];
  const options: PowerOptions = { design: kratomDesign(), sizes: [10], reps: 4, methods: ["linda"], seed: 1 };

  it("counts power per effect and FDP = V / max(R, 1) per replicate, as counted by hand", () => {
    const s = summarisePower(options, results);
    const row = (method: string, effect: string) =>
      s.rows.find((r) => r.method === method && r.effect === effect)!;
    expect(row("linda", "A").power).toBe(2 / 4);
    expect(row("linda", "B").power).toBe(1 / 4);
    expect(row("ols:y", "y ~ A").power).toBe(2 / 4);
    expect(s.rows.map((r) => `${r.method}/${r.effect}`)).toEqual(["linda/A", "linda/B", "ols:y/y ~ A"]);
    const linda = s.fdp.find((f) => f.method === "linda")!;
    expect(linda.mean_fdp).toBeCloseTo((0.75 + 0 + 0 + 1) / 4, 15);
    // sample sd of (0.75, 0, 0, 1) over sqrt(4)
    const m = 1.75 / 4;
    const sd = Math.sqrt(((0.75 - m) ** 2 + 2 * m ** 2 + (1 - m) ** 2) / 3);
    expect(linda.fdp_se).toBeCloseTo(sd / 2, 15);
    expect(linda.mean_calls).toBe(7 / 4);
    expect(linda.mean_false_calls).toBe(1);
    expect(linda.any_false_call).toBe(2 / 4);
    const ols = s.fdp.find((f) => f.method === "ols:y")!;
    expect(ols.mean_fdp).toBeCloseTo((0 + 1 + 0.5 + 0) / 4, 15);
    expect(row("linda", "A").mean_fdp).toBe(linda.mean_fdp);
    expect(row("linda", "A").power_ci_low).toBeCloseTo(wilsonReference(2, 4).low, 12);
  });

  it("does not depend on the order of the replicate results", () => {
    const a = summarisePower(options, results);
    const b = summarisePower(options, [results[2]!, results[0]!, results[3]!, results[1]!]);
    expect(b).toEqual(a);
  });
});

describe("plantedEffects and scaleDesignEffects", () => {
  it("lists the kratom truth: two abundance shifts (Akkermansia's prevalence shift folded in) and two links", () => {
    const effects = plantedEffects(simulateCohort(kratomDesign(), { n: 20, seed: 3 }).truth);
    expect(effects.map((e) => [e.effect, e.kind])).toEqual([
      ["Faecalibacterium", "abundance"],
      ["Akkermansia", "abundance"],
      ["pain_relief ~ Faecalibacterium", "association"],
      ["constipation ~ Clostridium", "association"],
    ]);
    expect(effects[1]!.log2FoldChange).toBeCloseTo(Math.log2(3), 14);
  });

  it("scales log fold changes and outcome slopes by the effect factor", () => {
    const d = scaleDesignEffects(kratomDesign(), 2);
    expect(d.abundanceShifts.map((s) => s.foldChange)).toEqual([4, 9]);
    const pain = d.outcomes.find((o) => o.column === "pain_relief");
    expect(pain?.kind === "continuous" && pain.links[0]!.effect).toBeCloseTo(1.6, 14);
    expect(d.covariateEffects).toEqual(kratomDesign().covariateEffects);
    expect(scaleDesignEffects(kratomDesign(), 1)).toEqual(kratomDesign());
  });
});

describe("powerAnalysis", () => {
  it("gives byte-identical tables for the same seed and reports progress", () => {
    const progress: number[] = [];
    const first = tsv({ ...tiny, onProgress: (done) => progress.push(done) });
    expect(tsv(tiny)).toBe(first);
    expect(progress).toEqual([1, 2]);
  });

  it("under the null design plants nothing and counts every call as false", () => {
    // fdr 0.5 so that some taxa are called in a tiny cohort
    const r = powerAnalysis({ ...tiny, design: nullDesign(), fdr: 0.5 });
    expect(r.effects).toEqual([]);
    expect(r.rows).toEqual([]);
    expect(r.fdp.map((f) => f.method)).toEqual([
      "maaslin",
      "linda_agreement:pain_relief",
      "linda_agreement:constipation",
      "confirmatory",
      "single_test",
    ]);
    expect(r.fdp.some((f) => f.mean_calls > 0)).toBe(true);
    for (const f of r.fdp) {
      expect(f.mean_false_calls).toBe(f.mean_calls);
      // FDP is 1 in a replicate with a call and 0 without: its mean is the share with any call
      expect(f.mean_fdp).toBe(f.any_false_call);
    }
  });

  it("scores the consensus as a family when two or more methods vote, with only consensus calls", () => {
    const options: PowerOptions = { ...tiny, methods: ["linda", "maaslin"], fdr: 0.5 };
    const r = powerAnalysis(options);
    expect(r.fdp.map((f) => f.method).slice(0, 3)).toEqual(["linda", "maaslin", "consensus"]);
    const { config, tasks } = powerTasks(options);
    for (const task of tasks) {
      const rep = runPowerReplicate(config, task);
      const consensusCalls = rep.tests.find((t) => t.method === "consensus")!.calls;
      const linda = rep.tests.find((t) => t.method === "linda")!.calls;
      const maaslin = rep.tests.find((t) => t.method === "maaslin")!.calls;
      // with two voting methods a consensus call needs both
      expect(consensusCalls).toBeLessThanOrEqual(Math.min(linda, maaslin));
    }
  });

  it("stops when the signal is aborted", () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => powerAnalysis({ ...tiny, signal: controller.signal })).toThrow();
  });

  it("gains power with n on a strong planted effect", () => {
    // effect 4: Faecalibacterium x16, Akkermansia x81 in users
    const r = powerAnalysis({ ...tiny, sizes: [10, 80], reps: 4, effect: 4 });
    const power = (n: number) => r.rows.find((x) => x.n === n && x.effect === "Faecalibacterium")!.power;
    expect(power(80)).toBe(1);
    expect(power(80)).toBeGreaterThanOrEqual(power(10));
  });
});
