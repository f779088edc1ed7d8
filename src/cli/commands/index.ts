/** The command registry: every `gutresponse <command>`, in the order --help lists them. */
import type { Command } from "../command.js";
import { demo } from "./demo.js";
import { serve } from "./serve.js";

export const commands: readonly Command[] = [demo, serve];
