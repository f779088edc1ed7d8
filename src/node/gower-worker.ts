/** Worker entry of pcoa-parallel.ts: takes part in the Gower products until told to stop. */
import { type GowerTask, serveProducts } from "./pcoa-parallel.js";
import { serveOneTask } from "./worker-team.js";

serveOneTask((task: GowerTask) => serveProducts(task));
