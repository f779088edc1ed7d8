/**
 * Prints the DA calibration and power figures reported in docs/DA.md (seeded, same datasets as
 * test/da/calibration-real.test.ts and calibration-simulated.test.ts): family-wise false-positive rate at q < 0.05 over 100 null
 * datasets of each kind, and power / false discovery proportion on planted effects.
 * Run: node --import tsx bench/da-calibration.ts [method ...]   (default: every method)
 */
import { createRng } from "../src/core/random/rng.js";
import {
  discoveries,
  familyWiseRate,
  globalPatternsTop,
  gutTemplateCounts,
  inputOf,
  METHOD_RUNNERS,
  shuffledLabels,
  simulatedInput,
} from "../test/da/null-data.js";

const Q = 0.05;
const methods = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(METHOD_RUNNERS);

function nullRates(label: string, make: () => ReturnType<typeof inputOf>): void {
  const rates = familyWiseRate(make, 100, Q, methods);
  console.log(`${label}: ${methods.map((m) => `${m} ${Math.round(100 * rates[m]!)}%`).join(", ")}`);
}

const rngA = createRng(2024);
const gut = gutTemplateCounts(rngA);
nullRates("FWER, shuffled gut template (100 datasets)", () => inputOf(gut, shuffledLabels(rngA, gut.length)));
const gp = globalPatternsTop(50);
const rngG = createRng(2024);
nullRates("FWER, shuffled GlobalPatterns (100 datasets)", () => inputOf(gp, shuffledLabels(rngG, gp.length)));
const rngB = createRng(7);
nullRates("FWER, simulated NB nulls (100 datasets)", () => simulatedInput(rngB, 40, 50, 0, 0));

const planted = 10;
const reps = 50;
const rngC = createRng(11);
const tp = new Map(methods.map((m) => [m, 0]));
const fp = new Map(methods.map((m) => [m, 0]));
const calls = new Map(methods.map((m) => [m, 0]));
const plantedTaxa = new Set(Array.from({ length: planted }, (_, j) => `t${j + 1}`));
for (let k = 0; k < reps; k++) {
  const input = simulatedInput(rngC, 40, 50, planted, 1.5);
  for (const m of methods) {
    const d = discoveries(METHOD_RUNNERS[m]!(input, k), Q, plantedTaxa);
    tp.set(m, tp.get(m)! + d.truePositives);
    fp.set(m, fp.get(m)! + d.falsePositives);
    calls.set(m, calls.get(m)! + d.truePositives + d.falsePositives);
  }
}
console.log(
  `power (10 of 50 taxa changed by exp(+-1.5), 40 samples, ${reps} datasets, q < ${Q}): ` +
    methods
      .map((m) => {
        const fdp = calls.get(m)! > 0 ? fp.get(m)! / calls.get(m)! : 0;
        return `${m} power ${((100 * tp.get(m)!) / (planted * reps)).toFixed(1)}% FDP ${(100 * fdp).toFixed(1)}%`;
      })
      .join(", "),
);
