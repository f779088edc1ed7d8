/** `gutresponse validate`: declarative definition (help, options); the run is commands/validate.ts. */
import { defineCommand } from "../command.js";
import { METADATA, TABLE, TAXONOMY_FILE, TREE } from "./shared.js";

/** `gutresponse validate`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["STUDY.yaml", "--table T [--metadata M] [--tree X] [--taxonomy Y]"],
  description: `With STUDY.yaml: reads the config and every file it names, checks the config against the data
(columns exist with the right types, the reference level exists, groups are large enough, outcomes
and doses present for exposed participants, the data dictionary's ranges and levels hold for every
cell), prints every problem and then what 'run' will do.

With --table:

Reads each input (formats detected from the content), prints what was read, then checks that they
fit together: every table sample in the metadata, every table feature a tip of the tree and in the
taxonomy, no empty samples, branch lengths present. Prints every problem found and exits 2 when
there is any, 0 when all is well.`,
  positionals: { name: "STUDY.yaml" },
  options: {
    table: { ...TABLE, required: false },
    metadata: { ...METADATA, required: false },
    tree: TREE,
    taxonomy: TAXONOMY_FILE,
  },
  examples: [
    "gutresponse validate study.yaml",
    "gutresponse validate --table table.biom --metadata metadata.tsv --tree tree.nwk --taxonomy taxonomy.tsv",
  ],
});
