/** The command registry: every `gutresponse <command>`, in the order --help lists them. */
import type { Command } from "../command.js";
import { assoc } from "./assoc.js";
import { da } from "./da.js";
import { demo } from "./demo.js";

export const commands: readonly Command[] = [demo, da, assoc];
