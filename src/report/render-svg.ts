/**
 * Static SVG from a Vega-Lite spec: compile with vega-lite, run a headless vega View (renderer
 * "none": no DOM, no canvas needed) and serialise its scenegraph with `toSVG()`. Works in Node, in
 * browsers and in Web Workers; async because vega's dataflow is. Vega escapes text and attribute
 * values itself (`&`, `<`, `>`, quotes). Data are inline, so the loader never touches the network.
 */
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
