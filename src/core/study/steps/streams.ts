/**
 * The study's random streams. Each step that draws random numbers gets its own child stream of the
 * study seed, `createRng(seed).fork(k)` (src/core/random/rng.ts), with a fixed k per step, and
 * splits it further by fork when it has several consumers. So no two consumers share a stream, and
 * adding a step (or changing what one step draws) shifts no other step's numbers:
 *
 *   k  step                     its consumers
 *   1  prepare                  rarefaction
 *   3  beta                     PERMANOVA: fork(1); PERMDISP: fork(2) (the same for every metric)
 *   4  differential abundance   the DA methods' seed (ALDEx2's Monte Carlo instances)
 *   5  calibration              shuffle s: fork(s); its DA methods' seed: fork(s).fork(1)
 *   -  prediction               the study seed's own stream (no fork): nested cross-validation
 *                               folds, label permutations, bootstrap. No other consumer draws
 *                               from it, and a fitted model records the seed the user gave, so
 *                               `model train --seed S` reproduces `run`'s model with S.
 *
 * Steps that draw nothing (alpha, associations, hypotheses) have no stream. The sensitivity panel
 * refits on the run's own differential-abundance and beta streams, so that a variant differs from
 * the run only by the choice it changes. A new step takes a number not in this table.
 */
import { createRng, type Rng } from "../../random/rng.js";

/**
 * Stream number k of each step that draws random numbers (see the table above); null: the study
 * seed's own stream.
 */
export const STEP_STREAMS = {
  prepare: 1,
  beta: 3,
  differentialAbundance: 4,
  calibration: 5,
  prediction: null,
} as const;

/** Sub-streams of the beta step's stream. */
export const BETA_STREAMS = { permanova: 1, permdisp: 2 } as const;

/** The stream of one step: `createRng(seed).fork(STEP_STREAMS[step])`, or `createRng(seed)` for null. */
export function stepRng(seed: number, step: keyof typeof STEP_STREAMS): Rng {
  const k = STEP_STREAMS[step];
  return k === null ? createRng(seed) : createRng(seed).fork(k);
}
