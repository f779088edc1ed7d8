/**
 * The calibration step's label shuffles on worker threads give the same calibration table, bit for
 * bit, as the serial loop (each shuffle runs on its own RNG stream).
 */
import { describe, expect, it } from "vitest";
import { kratomDemoDesign } from "../../src/core/simulate/designs/kratom.js";
import { calibrationPlan, calibrationStep } from "../../src/core/study/steps/calibration-step.js";
import { prepareStudy } from "../../src/core/study/steps/prepare.js";
import { stepRng } from "../../src/core/study/steps/streams.js";
import { associationStep, daStep } from "../../src/core/study/steps/taxa-step.js";
import { simulatedStudy } from "../helpers/study.js";

describe("calibration shuffles on worker threads", () => {
  it("gives the same table for 1, 2 and 3 threads", async () => {
    const { calibrationShufflesParallel } = await import("../../src/node/calibration-parallel.js");
    const { config, data } = simulatedStudy(kratomDemoDesign(), 30, 7, {
      analysis: { da_methods: ["linda", "wilcoxon_clr"] },
      calibration: { shuffles: 5 },
    });
    const prepared = prepareStudy(config, data);
    const observed = {
      da: daStep(config, prepared, stepRng(config.seed, "differentialAbundance")).result.rows,
      associations: associationStep(config, prepared).result.rows,
    };
    const rng = stepRng(config.seed, "calibration");
    const serial = calibrationStep(config, prepared, observed, rng);
    expect(serial.result.rows.length).toBeGreaterThan(2);
    for (const threads of [2, 3]) {
      const calls = await calibrationShufflesParallel(
        config,
        prepared,
        calibrationPlan(config, observed, rng),
        threads,
      );
      expect(calibrationStep(config, prepared, observed, rng, { given: calls })).toEqual(serial);
    }
  }, 300_000);
});
