/** The command registry: every `gutresponse <command>`, in the order --help lists them. */
import type { Command } from "../command.js";
import { anosim } from "./anosim.js";
import { demo } from "./demo.js";
import { mantel } from "./mantel.js";
import { permanova } from "./permanova.js";
import { permdisp } from "./permdisp.js";
import { simulate } from "./simulate.js";

export const commands: readonly Command[] = [demo, permanova, permdisp, anosim, mantel, simulate];
