/** Worker entry of svg-renderer.ts: imports vega at once, then renders the specs it is sent. */
import { loadVega, renderSvgsHere } from "../report/render-svg.js";
import { serveOneTask } from "./worker-team.js";

void loadVega();
serveOneTask(renderSvgsHere);
