/** The command registry: every `gutresponse <command>`, in the order --help lists them. */
import type { Command } from "../command.js";
import { alpha } from "./alpha.js";
import { anosim } from "./anosim.js";
import { assoc } from "./assoc.js";
import { beta } from "./beta.js";
import { convert } from "./convert.js";
import { da } from "./da.js";
import { demo } from "./demo.js";
import { init } from "./init.js";
import { mantel } from "./mantel.js";
import { meta } from "./meta.js";
import { model } from "./model.js";
import { pcoa } from "./pcoa.js";
import { permanova } from "./permanova.js";
import { permdisp } from "./permdisp.js";
import { power } from "./power.js";
import { predict } from "./predict.js";
import { run } from "./run.js";
import { serve } from "./serve.js";
import { simulate } from "./simulate.js";
import { summarize } from "./summarize.js";
import { validate } from "./validate.js";

export const commands: readonly Command[] = [
  demo,
  init,
  run,
  validate,
  summarize,
  convert,
  alpha,
  beta,
  pcoa,
  permanova,
  permdisp,
  anosim,
  mantel,
  da,
  assoc,
  simulate,
  power,
  meta,
  model,
  predict,
  serve,
];
