/** `gutresponse run`: declarative definition (help, options); the run is commands/run.ts. */
import { defineCommand } from "../command.js";
import { threadsOption } from "./shared.js";

/** `gutresponse run`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["STUDY.yaml [--out DIR] [--force] [--threads N]"],
  description: `Reads study.yaml and the files it names, checks them (as 'validate' does), then runs: filtering and
rarefaction, alpha diversity and tests, beta diversity (UniFrac only with a tree), PCoA, PERMANOVA
and PERMDISP, differential abundance by several methods with a consensus, taxon–outcome
associations and dose–response, the pre-registered hypotheses (study.yaml 'hypotheses:', Holm
across the list), the sensitivity panel (findings re-checked under other analysis choices; off with
'sensitivity: false'), and prediction when configured. Writes the results contract
(docs/RESULTS.md): TSV files, report.html and provenance.json. The folder appears only when
complete (Ctrl-C leaves nothing half-written); a non-empty --out is refused unless --force.`,
  positionals: { name: "STUDY.yaml", min: 1 },
  options: {
    out: { kind: "text", value: "DIR", default: "results", description: "results folder" },
    force: { kind: "flag", description: "replace a non-empty results folder" },
    threads: threadsOption(
      "worker threads for the distance kernels, calibration shuffles and prediction\npermutation tests; results are identical for any N",
    ),
  },
  examples: ["gutresponse run study.yaml --out results"],
});
