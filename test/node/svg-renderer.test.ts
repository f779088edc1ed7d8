/** Report charts drawn on a worker thread (src/node/svg-renderer.ts): the bytes of this thread's. */
import { describe, expect, it } from "vitest";
import type { TopLevelSpec } from "vega-lite";
import { renderSvgsHere } from "../../src/report/render-svg.js";
import { startSvgRenderer } from "../../src/node/svg-renderer.js";

const bars = (label: string): TopLevelSpec => ({
  data: {
    values: [
      { taxon: `${label} <b>&`, n: 3 },
      { taxon: "Akkermansia", n: 5 },
    ],
  },
  mark: "bar",
  encoding: { x: { field: "taxon", type: "nominal" }, y: { field: "n", type: "quantitative" } },
});

describe("report charts on a worker", () => {
  it("renders the same SVGs, in order, as this thread; one thread renders here", async () => {
    const specs = [bars("Faecalibacterium"), bars("Clostridium")];
    const here = await renderSvgsHere(specs);
    expect(here[0]).toContain("Faecalibacterium &lt;b&gt;&amp;");
    expect(await startSvgRenderer(2)(specs)).toEqual(here);
    expect(startSvgRenderer(1)).toBe(renderSvgsHere);
  }, 60_000);
});
