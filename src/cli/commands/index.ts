/** The command registry: every `gutresponse <command>`, in the order --help lists them. */
import type { Command } from "../command.js";
import { alpha } from "./alpha.js";
import { beta } from "./beta.js";
import { assoc } from "./assoc.js";
import { da } from "./da.js";
import { demo } from "./demo.js";
import { pcoa } from "./pcoa.js";

export const commands: readonly Command[] = [demo, alpha, beta, pcoa];
import { anosim } from "./anosim.js";
import { demo } from "./demo.js";
import { mantel } from "./mantel.js";
import { permanova } from "./permanova.js";
import { permdisp } from "./permdisp.js";

export const commands: readonly Command[] = [demo, permanova, permdisp, anosim, mantel];
export const commands: readonly Command[] = [demo, da, assoc];
import { simulate } from "./simulate.js";

export const commands: readonly Command[] = [demo, simulate];
