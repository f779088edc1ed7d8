/**
 * Step-level progress of a study run on stderr: a line when a step starts, at each further quarter
 * of a long step, and when it is done.
 */
import type { CliContext } from "./command.js";

/** A study-run progress callback writing step lines (start, each quarter) to stderr. */
export function stepProgress(ctx: CliContext): (step: string, done: number, total: number) => void {
  let lastStep = "";
  let lastQuarter = 0;
  return (step, done, total) => {
    if (step !== lastStep) {
      lastStep = step;
      lastQuarter = 0;
      ctx.stderr(`  ${step} ...
`);
    }
    const quarter = Math.floor((4 * done) / total);
    if (quarter > lastQuarter && quarter < 4)
      ctx.stderr(`  ${step} ${25 * quarter}%
`);
    lastQuarter = Math.max(lastQuarter, quarter);
  };
}
