/** `gutresponse demo`: declarative definition (help, options); the run is commands/demo.ts. */
import { defineCommand } from "../command.js";
import { designOption, seedOption, threadsOption } from "./shared.js";

/** `gutresponse demo`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["[--design kratom] [--out DIR] [--seed N] [--force] [--threads N]"],
  description: `Simulates the reference design — 65 participants, kratom users and non-users; Faecalibacterium and
Akkermansia raised in users; pain relief rising with Faecalibacterium; constipation with
Clostridium; an age confounder — and runs every analysis of the study on it. The cohort is
SIMULATED (signal implantation into real human gut profiles): no real participant is represented,
and the demo's effect sizes are chosen to be visible at n = 65.`,
  options: {
    design: designOption("the demo plants larger effects than `simulate`, so they show at the default n"),
    out: {
      kind: "text",
      value: "DIR",
      default: "demo-out",
      description: "results folder; the cohort is written to DIR/cohort/",
    },
    seed: seedOption(),
    force: { kind: "flag", description: "replace a non-empty results folder" },
    threads: threadsOption(
      "threads for the calibration shuffles and prediction permutation tests;\nresults are identical for any N",
    ),
  },
  examples: ["gutresponse demo --out demo-out --seed 42"],
});
