/**
 * The permutation test of trainModel evaluated piecewise (any order, any split, on worker threads)
 * equals the serial one bit for bit; and the permutation null equals the naive rerun that draws each
 * permutation and evaluates it in turn (the definition in permutation-null.ts).
 */
import { describe, expect, it } from "vitest";
import { permutationNull, permutationP, permutationSources } from "../../src/core/models/permutation-null.js";
import type { ModelSpec } from "../../src/core/models/learner.js";
import {
  permutationStatistics,
  type TrainModelInput,
  trainModel,
} from "../../src/core/models/train-model.js";
import { createRng } from "../../src/core/random/rng.js";
import { kratomDemoDesign } from "../../src/core/simulate/designs/kratom.js";
import { predictionJobs, predictionStep } from "../../src/core/study/steps/prediction-step.js";
import { runStudy } from "../../src/core/study/pipeline.js";
import { prepareStudy } from "../../src/core/study/steps/prepare.js";
import { simulatedStudy } from "../helpers/study.js";

describe("permutationNull", () => {
  it("equals the naive rerun: draw permutation b on one stream, permute y, evaluate, count", () => {
    const rng0 = createRng(1);
    const y = Float64Array.from({ length: 12 }, () => rng0.normal());
    const statistic = (yy: Float64Array) => yy[0]! - yy[5]! + 0.5 * yy[7]!;
    const res = permutationNull(y, statistic, { permutations: 49, seed: 8 });
    // naive: one RNG, each permutation is a fresh shuffle of 0..n-1 drawn just before its evaluation
    const rng = createRng(8);
    const naive: number[] = [];
    for (let b = 0; b < 49; b++) {
      const source = Int32Array.from({ length: 12 }, (_, i) => i);
      rng.shuffle(source);
      naive.push(statistic(Float64Array.from(source, (s) => y[s]!)));
    }
    const observed = statistic(y);
    const atLeast = naive.filter((t) => t >= observed - 1e-12 * (1 + Math.abs(observed))).length;
    expect(res.null).toEqual(naive);
    expect(res.p).toBe((1 + atLeast) / 50);
    expect(permutationP(observed, naive)).toBe(res.p);
  });

  it("takes statistics evaluated elsewhere on permutationSources", () => {
    const y = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);
    const groups = ["a", "a", "b", "b", "c", "c", "d", "d"].map((g, i) => (i % 2 === 0 ? g : g));
    const yg = Float64Array.from([3, 3, 1, 1, 5, 5, 2, 2]);
    const statistic = (yy: Float64Array) => yy[0]! * 2 + yy[3]!;
    for (const [yy, g] of [
      [y, undefined],
      [yg, groups],
    ] as const) {
      const serial = permutationNull(yy, statistic, { permutations: 19, seed: 4, groups: g });
      const given = permutationSources(8, 19, 4, g).map((s) =>
        statistic(Float64Array.from(s, (k) => yy[k]!)),
      );
      expect(
        permutationNull(yy, () => Number.NaN, {
          permutations: 19,
          seed: 4,
          groups: g,
          statistics: given,
          observed: statistic(yy),
        }),
      ).toEqual(serial);
    }
  });
});

function cohort(n: number, p: number, seed: number) {
  const rng = createRng(seed);
  const y = Float64Array.from({ length: n }, (_, i) => i % 2);
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const base = 20 * Math.exp(0.5 * rng.normal());
      x[i * p + j] = rng.poisson(j === 0 && y[i] === 1 ? 3 * base : base);
    }
  }
  return { x, y, featureNames: Array.from({ length: p }, (_, j) => `taxon_${j}`) };
}

describe("trainModel with permutation statistics computed piecewise", () => {
  const n = 40;
  const p = 12;
  const d = cohort(n, p, 2);
  const binary = { x: d.x, n, p, featureNames: d.featureNames, y: d.y, task: "binary" as const, target: "r" };
  // a continuous outcome: its folds do not depend on it (binary folds are stratified)
  const yc = Float64Array.from({ length: n }, (_, i) => Math.log1p(d.x[i * p]!) + 0.3 * (i % 3));
  const continuous = { ...binary, y: yc, task: "continuous" as const };
  const elasticNet: ModelSpec = { type: "elastic_net", alphas: [0.5, 1], nlambda: 20 };
  const cases: [TrainModelInput, ModelSpec][] = [
    [binary, elasticNet],
    [continuous, elasticNet],
    [binary, { type: "random_forest", numTrees: 20 }],
  ];
  for (const [input, model] of cases) {
    it(`${model.type} (${input.task}): the same model bit for bit for any split of the indices`, () => {
      const opts = { seed: 6, k: 4, repeats: 2, bootstrapReplicates: 100, permutations: 8, model };
      const serial = trainModel(input, opts);
      // indices in a scrambled order, split in three uneven pieces, as worker lanes would do
      const order = [5, 0, 7, 2, 3, 8, 1, 6, 4];
      const pieces = [order.slice(0, 2), order.slice(2, 7), order.slice(7)];
      const stats = new Array<number>(9);
      for (const piece of pieces) {
        permutationStatistics(input, opts, piece).forEach((t, i) => {
          stats[piece[i]!] = t;
        });
      }
      expect(trainModel(input, { ...opts, permutationStatistics: stats })).toEqual(serial);
    }, 60_000);
  }
});

describe("prediction step on worker threads", () => {
  const { config, data } = simulatedStudy(kratomDemoDesign(), 30, 5, {
    prediction: {
      targets: ["pain_relief", "constipation"],
      models: ["elastic_net", "random_forest"],
      folds: 3,
      repeats: 1,
      permutations: 5,
      alphas: [1],
      inner_folds: 3,
      trees: 10,
    },
  });
  const prepared = prepareStudy(config, data);
  const serial = predictionStep(config, prepared);
  const jobs = predictionJobs(config, prepared);

  it("gives the same output for 1, 2 and 3 threads", async () => {
    const { predictionPermutationsParallel } = await import("../../src/node/prediction-parallel.js");
    for (const threads of [2, 3]) {
      const permutationStatistics = await predictionPermutationsParallel(jobs, threads);
      expect(predictionStep(config, prepared, { permutationStatistics })).toEqual(serial);
    }
  }, 180_000);

  it("gives the same output when the workers, started ahead, compute every statistic", async () => {
    const { startPredictionPermutations } = await import("../../src/node/prediction-parallel.js");
    const pending = startPredictionPermutations(jobs, 3, { mainThreadClaims: false });
    const permutationStatistics = await pending.result();
    expect(predictionStep(config, prepared, { permutationStatistics })).toEqual(serial);
  }, 180_000);

  it("runStudy starts the engine after prepare, and its results equal those without it", async () => {
    const { startPredictionPermutations } = await import("../../src/node/prediction-parallel.js");
    const now = () => new Date("2026-12-08T00:00:00Z");
    const steps: string[] = [];
    const withEngine = await runStudy(config, data, {
      now,
      onProgress: (step, done) => {
        if (done === 0) steps.push(step);
      },
      predictionPermutations: (given) => {
        steps.push("engine started");
        return startPredictionPermutations(given, 2);
      },
    });
    expect(steps.slice(0, 3)).toEqual(["prepare", "engine started", "alpha"]);
    const without = await runStudy(config, data, { now });
    expect(withEngine.results).toEqual(without.results);
    expect(withEngine.models).toEqual(without.models);
  }, 300_000);

  it("runStudy cancels the started engine when a later step fails", async () => {
    let cancelled = 0;
    const failing = runStudy(config, data, {
      predictionPermutations: () => ({
        result: () => Promise.reject(new Error("not to be asked for")),
        cancel: () => {
          cancelled++;
        },
      }),
      distances: () => {
        throw new Error("distance engine failed");
      },
    });
    await expect(failing).rejects.toThrow("distance engine failed");
    expect(cancelled).toBe(1);
  }, 60_000);
});
