// Property tests draw their cases from one fixed seed so a CI run is reproducible: a failure
// found on one machine is found on every machine. Set FC_SEED to explore other cases locally
// (FC_SEED=random draws a fresh seed per run, as fast-check does by default).
import fc from "fast-check";

const requested = process.env.FC_SEED;
if (requested !== "random") {
  const seed = requested === undefined ? 20_261_207 : Number(requested);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got "${requested}"`);
  fc.configureGlobal({ seed });
}
