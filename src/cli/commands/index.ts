/** The command registry: every `gutresponse <command>`, in the order --help lists them. */
import type { Command } from "../command.js";
import { alpha } from "./alpha.js";
import { anosim } from "./anosim.js";
import { assoc } from "./assoc.js";
import { beta } from "./beta.js";
import { convert } from "./convert.js";
import { da } from "./da.js";
import { demo } from "./demo.js";
import { mantel } from "./mantel.js";
import { pcoa } from "./pcoa.js";
import { permanova } from "./permanova.js";
import { permdisp } from "./permdisp.js";
import { power } from "./power.js";
import { simulate } from "./simulate.js";
import { summarize } from "./summarize.js";
import { validate } from "./validate.js";

export const commands: readonly Command[] = [
  demo,
  alpha,
  beta,
  pcoa,
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
  power,
];
