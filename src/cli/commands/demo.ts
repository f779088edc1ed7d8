import type { Command } from "../command.js";
import { parseCommandArgs } from "../args.js";

export const demo: Command = {
  name: "demo",
  summary: "simulate the reference 65-person kratom cohort and run the full study on it",
  help: `gutresponse demo [--out DIR] [--seed N]

Simulates the reference design (65 participants, kratom users and non-users) and runs every
analysis of the study on it. The cohort is simulated: no real participant data are involved.

Example:
  gutresponse demo --out demo-out --seed 42`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("demo", argv, { out: { type: "string" }, seed: { type: "string" } });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    ctx.stdout(
      "gutresponse demo will simulate a 65-person kratom cohort (users vs non-users) and run the study:\n" +
        "alpha/beta diversity, PCoA, PERMANOVA, differential abundance, associations, prediction.\n" +
        "The simulator and pipeline are not built yet in this version.\n",
    );
    return 0;
  },
};
