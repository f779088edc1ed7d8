/**
 * Small random variates for the cohort simulator, all driven by the one PRNG (random/rng.ts):
 * - truncated normal on [min, max] by rejection (redraw until inside; exact for the truncated
 *   law; after 1000 misses, which needs a window far in the tail, it returns the nearer bound);
 * - Bernoulli(p): U < p;
 * - log-normal with a given median and sd of the log: median * exp(sdLog * Z);
 * - categorical by inversion of the cumulative probabilities (weights need not sum to 1).
 * Reference: Devroye 1986, "Non-Uniform Random Variate Generation", ch. II (inversion, rejection).
 */
import type { Rng } from "../random/rng.js";

const MAX_REDRAWS = 1000;

export function truncatedNormal(rng: Rng, mean: number, sd: number, min: number, max: number): number {
  for (let i = 0; i < MAX_REDRAWS; i++) {
    const x = mean + sd * rng.normal();
    if (x >= min && x <= max) return x;
  }
  return Math.abs(mean - min) < Math.abs(mean - max) ? min : max;
}

export function bernoulli(rng: Rng, p: number): boolean {
  return rng.uniform() < p;
}

export function logNormal(rng: Rng, median: number, sdLog: number): number {
  return median * Math.exp(sdLog * rng.normal());
}

export function categoricalIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng.uniform() * total;
  for (let i = 0; i < weights.length - 1; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Rounds to a number of decimals (half away from zero on the decimal representation). */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return (Math.sign(x) * Math.round(Math.abs(x) * f + Number.EPSILON * f)) / f;
}
