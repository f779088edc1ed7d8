/** The command registry: every `gutresponse <command>`, in the order --help lists them. */
import type { Command } from "../command.js";
import { anosim } from "./anosim.js";
import { assoc } from "./assoc.js";
import { convert } from "./convert.js";
import { da } from "./da.js";
import { demo } from "./demo.js";
import { mantel } from "./mantel.js";
import { permanova } from "./permanova.js";
import { permdisp } from "./permdisp.js";
import { simulate } from "./simulate.js";
import { summarize } from "./summarize.js";
import { validate } from "./validate.js";

export const commands: readonly Command[] = [
  demo,
  validate,
  summarize,
  convert,
  permanova,
  permdisp,
  anosim,
  mantel,
  simulate,
  da,
  assoc,
];
