/**
 * The calibration step's label shuffles on worker threads give the same calibration table, bit for
 * bit, as the serial loop (each shuffle runs on its own RNG stream).
 */
import { describe, expect, it } from "vitest";
import { kratomDemoDesign } from "../../src/core/simulate/designs/kratom.js";
import { Aldex2InstanceCache } from "../../src/core/da/aldex2.js";
import {
  calibrationSeeds,
  calibrationStep,
  shuffleCalls,
} from "../../src/core/study/steps/calibration-step.js";
import { runStudy } from "../../src/core/study/pipeline.js";
import { prepareStudy } from "../../src/core/study/steps/prepare.js";
import { stepRng } from "../../src/core/study/steps/streams.js";
import { associationStep, daStep } from "../../src/core/study/steps/taxa-step.js";
import { simulatedStudy } from "../helpers/study.js";

describe("calibration shuffles on worker threads", () => {
  it("gives the same table for 1, 2 and 3 threads", async () => {
    const { calibrationShufflesParallel } = await import("../../src/node/calibration-parallel.js");
    const { config, data } = simulatedStudy(kratomDemoDesign(), 30, 7, {
      analysis: { da_methods: ["linda", "aldex2", "wilcoxon_clr"] },
      calibration: { shuffles: 5 },
    });
    const prepared = prepareStudy(config, data);
    const daRng = () => stepRng(config.seed, "differentialAbundance");
    // the DA step keeps ALDEx2's instances for the shuffles (as runStudy does) without changing its rows
    const aldex2Cache = new Aldex2InstanceCache();
    const da = daStep(config, prepared, daRng(), aldex2Cache).result;
    expect(da).toEqual(daStep(config, prepared, daRng()).result);
    expect(aldex2Cache.contents()?.instances.length).toBe(128);
    const observed = { da: da.rows, associations: associationStep(config, prepared).result.rows };
    const rng = stepRng(config.seed, "calibration");
    const serial = calibrationStep(config, prepared, observed, rng);
    expect(serial.result.rows.length).toBeGreaterThan(2);
    expect(calibrationStep(config, prepared, observed, rng, { aldex2Cache })).toEqual(serial);
    for (const threads of [2, 3]) {
      const seeds = calibrationSeeds(config, rng);
      // workers drawing their own instances, workers given the DA step's (shared memory), and
      // the workers alone (the main thread claims no shuffle)
      for (const options of [{}, { aldex2Cache }, { aldex2Cache, mainThreadClaims: false }]) {
        const calls = await calibrationShufflesParallel(config, prepared, seeds, threads, options);
        expect(calibrationStep(config, prepared, observed, rng, { given: calls })).toEqual(serial);
      }
    }
  }, 300_000);

  it("gives the same calls with ALDEx2's instances kept between shuffles (calls only) as full runs", () => {
    const { config, data } = simulatedStudy(kratomDemoDesign(), 30, 7, {
      analysis: { da_methods: ["aldex2", "linda"] },
      calibration: { shuffles: 3 },
    });
    const prepared = prepareStudy(config, data);
    const seeds = calibrationSeeds(config, stepRng(config.seed, "calibration"));
    const cache = new Aldex2InstanceCache();
    const kept = [0, 1, 2].map((s) => shuffleCalls(config, prepared, seeds, s, cache));
    // without a cache every shuffle draws its instances and computes every taxon's diff.btw
    expect(kept).toEqual([0, 1, 2].map((s) => shuffleCalls(config, prepared, seeds, s)));
  }, 300_000);

  it("runStudy starts the engine right after prepare, with the results of a run without it", async () => {
    const { startCalibrationShuffles } = await import("../../src/node/calibration-parallel.js");
    const { config, data } = simulatedStudy(kratomDemoDesign(), 30, 7, {
      analysis: { da_methods: ["linda", "aldex2"] },
      calibration: { shuffles: 3 },
    });
    const now = () => new Date("2026-12-08T00:00:00Z");
    const events: string[] = [];
    const withEngine = await runStudy(config, data, {
      now,
      onProgress: (step, done) => {
        if (done === 0) events.push(step);
      },
      calibrationShuffles: (c, prepared, seeds, aldex2Cache) => {
        events.push("engine started");
        expect(aldex2Cache.contents()).toBeNull(); // the DA step has not drawn yet
        return startCalibrationShuffles(c, prepared, seeds, 2, { aldex2Cache });
      },
    });
    expect(events.slice(0, 3)).toEqual(["prepare", "engine started", "alpha"]);
    const without = await runStudy(config, data, { now });
    expect(withEngine.results).toEqual(without.results);
  }, 300_000);
});
