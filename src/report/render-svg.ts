/**
 * Static SVG from a Vega-Lite spec: compile with vega-lite, run a headless vega View (renderer
 * "none": no DOM, no canvas needed) and serialise its scenegraph with `toSVG()`. Works in Node, in
 * browsers and in Web Workers; async because vega's dataflow is. Vega escapes text and attribute
 * values itself (`&`, `<`, `>`, quotes). Data are inline, so the loader never touches the network.
 * vega and vega-lite (about 1 s to import in Node) load on first use, so importing the library
 * does not pay for them.
 */
import type { TopLevelSpec } from "vega-lite";

type VegaModules = [typeof import("vega"), typeof import("vega-lite")];

let modules: Promise<VegaModules> | undefined;

function loadVega(): Promise<VegaModules> {
  modules ??= Promise.all([import("vega"), import("vega-lite")]);
  return modules;
}

export async function renderVegaLiteSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await loadVega();
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
