/** `gutresponse pcoa`: declarative definition (help, options); the run is commands/pcoa.ts. */
import type { PcoaCorrection, PcoaSolver } from "../../core/ordination/pcoa.js";
import { defineCommand } from "../command.js";
import { DM, forceOption, outOption, threadsOption } from "./shared.js";

const CORRECTIONS = ["none", "lingoes", "cailliez"] as const satisfies readonly PcoaCorrection[];
const SOLVERS = ["auto", "full", "lanczos"] as const satisfies readonly PcoaSolver[];

/** `gutresponse pcoa`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: [
    "--dm F.tsv [--dimensions K] [--correction none|lingoes|cailliez] [--solver auto|full|lanczos] [--threads N] --out F.tsv",
  ],
  description: `Principal coordinates analysis (Gower centring, eigen-decomposition). Writes F.tsv with columns
sample-id, PC1..PCk (axes with a positive eigenvalue; at most K) and F.eigen.tsv with columns
axis, eigenvalue, proportion for every axis (negative eigenvalues included, proportion 0).
Negative eigenvalues are reported on stderr; --correction lingoes|cailliez removes them.`,
  options: {
    dm: DM,
    dimensions: {
      kind: "number",
      value: "K",
      range: { integer: true, min: 1 },
      description: "number of axes to write",
      defaultText: "all with a positive eigenvalue",
    },
    correction: {
      kind: "choice",
      value: "C",
      choices: CORRECTIONS,
      default: "none",
      description: CORRECTIONS.join(", "),
    },
    solver: {
      kind: "choice",
      value: "S",
      choices: SOLVERS,
      default: "auto",
      description: `auto: Lanczos (only the K leading axes, O(K n^2) per step) when
--dimensions K is given, K <= n/10, n >= 500 and no correction; else full
(all n eigenvalues, O(n^3)). With Lanczos, F.eigen.tsv lists the K axes and
proportions are relative to the sum of all eigenvalues (as scikit-bio fsvd)`,
    },
    threads: threadsOption("split the Lanczos solver's products over N threads; same output for any N"),
    out: outOption("F.tsv", "output file (F.eigen.tsv is written next to it)"),
    force: forceOption("them if they exist"),
  },
  examples: ["gutresponse pcoa --dm braycurtis.tsv --out braycurtis_pcoa.tsv"],
});
