/**
 * Look of every plot: the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008, "Color Universal
 * Design"; Wong 2011, Nat Methods 8:441, doi:10.1038/nmeth.1618) and a quiet Vega-Lite config.
 * Yellow is last: it is hard to see on white.
 */
import type { Config } from "vega-lite";

export const OKABE_ITO = [
  "#0072B2", // blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#56B4E9", // sky blue
  "#D55E00", // vermillion
  "#000000", // black
  "#F0E442", // yellow
] as const;

export const MUTED = "#9a9a9a";
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const VEGA_CONFIG: Config = {
  font: FONT,
  background: "white",
  padding: 8,
  view: { stroke: "#d9d9d9" },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    titleFontWeight: "normal",
    gridColor: "#ececec",
    domainColor: "#8c8c8c",
    tickColor: "#8c8c8c",
    labelLimit: 320,
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal", labelLimit: 320 },
  header: { labelFontSize: 12, labelFontWeight: "bold", labelLimit: 260, titleFontSize: 12 },
  range: { category: [...OKABE_ITO] },
};
