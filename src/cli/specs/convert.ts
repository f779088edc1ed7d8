/** `gutresponse convert`: declarative definition (help, options); the run is commands/convert.ts. */
import { defineCommand } from "../command.js";
import { forceOption, outOption, TABLE } from "./shared.js";

/** `gutresponse convert`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["--table T --to biom-json|biom-hdf5|tsv --out F [--force]"],
  description: `Reads a table in any supported format (detected from the content) and writes it in the chosen
format, keeping the taxonomy when the input carries one (BIOM observation metadata or a TSV
taxonomy column). The output is written atomically; the input is never modified.`,
  options: {
    table: { ...TABLE, description: "table in any supported format" },
    to: {
      kind: "choice",
      choices: ["biom-json", "biom-hdf5", "tsv"],
      required: true,
      description: "output format",
    },
    out: outOption("F", "output file"),
    force: forceOption("F if it exists"),
  },
  examples: [
    "gutresponse convert --table feature-table.qza --to biom-hdf5 --out table.biom",
    "gutresponse convert --table table.biom --to tsv --out table.tsv",
  ],
});
