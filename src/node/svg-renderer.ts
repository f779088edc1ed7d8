/**
 * Report charts rendered on a worker thread started ahead of them: the worker imports vega and
 * vega-lite (~0.6 s) while the main thread loads and runs the study, then renders the charts of
 * the report. The same functions as on the main thread (src/report/render-svg.ts), so the same
 * SVG bytes.
 */
import type { TopLevelSpec } from "vega-lite";
import { renderSvgsHere, type SvgRenderer } from "../report/render-svg.js";
import { WorkerTeam } from "./worker-team.js";

/**
 * A report's chart renderer for a command allowed `threads` threads: from 2 threads, a worker
 * started now (to be used once, for one report); with one thread, this thread.
 */
export function startSvgRenderer(threads: number): SvgRenderer {
  if (threads < 2) return renderSvgsHere;
  const team = WorkerTeam.start("svg-worker", 1);
  return async (specs) => {
    const [svgs] = await team.run<readonly TopLevelSpec[], string[]>([specs]);
    return svgs!;
  };
}
