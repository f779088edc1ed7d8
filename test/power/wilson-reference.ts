/** R's Wilson score intervals, `prop.test(x, n, correct = FALSE)$conf.int` (test/fixtures/extra/wilson.R). */
import { readFileSync } from "node:fs";

export interface WilsonCase {
  successes: number;
  trials: number;
  low: number;
  high: number;
}

export const WILSON_CASES = (
  JSON.parse(readFileSync("test/fixtures/extra/wilson.json", "utf8")) as { cases: WilsonCase[] }
).cases;

/** The reference interval for `successes` of `trials`; throws when the fixture lacks that case. */
export function wilsonReference(successes: number, trials: number): WilsonCase {
  const found = WILSON_CASES.find((c) => c.successes === successes && c.trials === trials);
  if (found === undefined) throw new Error(`wilson.json has no case ${successes}/${trials}`);
  return found;
}
