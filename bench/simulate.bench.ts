/**
 * Cohort simulation speed: the reference 65-person kratom cohort (what `gutresponse demo` simulates)
 * and larger cohorts, plus the multinomial read sampler alone. Baseline: the 65-person cohort.
 */
import { createRng } from "../src/core/random/rng.js";
import { kratomDesign } from "../src/core/simulate/designs/kratom.js";
import { sampleMultinomial } from "../src/core/simulate/multinomial.js";
import { simulateCohort } from "../src/core/simulate/simulate-cohort.js";
import { gutTemplate } from "../src/core/simulate/template.js";

function time(fn: () => void, reps: number): number {
  fn();
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
}

export async function run(): Promise<void> {
  const t0 = performance.now();
  gutTemplate();
  process.stdout.write(`decode gut template (first use): ${(performance.now() - t0).toFixed(1)} ms\n`);
  const design = kratomDesign();
  const base = time(() => simulateCohort(design, { n: 65, seed: 1 }), 5);
  process.stdout.write(`simulate n=65:   ${base.toFixed(1)} ms (baseline)\n`);
  for (const n of [200, 1000]) {
    const ms = time(() => simulateCohort(design, { n, seed: 1 }), 1);
    process.stdout.write(`simulate n=${n}: ${ms.toFixed(1)} ms (${(ms / base).toFixed(1)}x baseline)\n`);
  }
  const rng = createRng(1);
  const weights = new Float64Array(1000).map((_, i) => 1 / (i + 1));
  const out = new Float64Array(1000);
  const ms = time(() => sampleMultinomial(rng, 30_000, weights, out), 200);
  process.stdout.write(`multinomial 30,000 reads over 1,000 features: ${(ms * 1000).toFixed(0)} us\n`);
}
