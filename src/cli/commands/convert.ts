import { resolve } from "node:path";
import { InputError } from "../../core/errors.js";
import { writeBiomHdf5 } from "../../io/biom-hdf5.js";
import { writeBiomJson } from "../../io/biom-json.js";
import { formatTableTsv } from "../../io/biom-tsv.js";
import { loadTable } from "../../node/load.js";
import { VERSION } from "../../core/version.js";
import { choiceOption, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { checkOutputFiles, OUT_FILE_ARGS, writeOutputFile } from "../output.js";

const TARGETS = ["biom-json", "biom-hdf5", "tsv"] as const;

export const convert: Command = {
  name: "convert",
  summary: "convert a table between BIOM HDF5, BIOM JSON and classic TSV",
  help: `gutresponse convert --table T --to biom-json|biom-hdf5|tsv --out F [--force]

Reads a table in any supported format (detected from the content) and writes it in the chosen
format, keeping the taxonomy when the input carries one (BIOM observation metadata or a TSV
taxonomy column). The output is written atomically; the input is never modified.

Examples:
  gutresponse convert --table feature-table.qza --to biom-hdf5 --out table.biom
  gutresponse convert --table table.biom --to tsv --out table.tsv`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("convert", argv, {
      table: { type: "string" },
      to: { type: "string" },
      ...OUT_FILE_ARGS,
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const path = requireOption("convert", values.table, "table");
    const to = choiceOption("convert", requireOption("convert", values.to, "to"), "to", TARGETS, TARGETS[0]);
    const out = requireOption("convert", values.out, "out");
    if (resolve(out) === resolve(path)) {
      throw InputError.single({
        code: "bad_argument",
        message: "--out is the input file; inputs are never overwritten",
        hint: "write to a new file",
      });
    }
    await checkOutputFiles([out], values.force);
    const { table, taxonomy } = await loadTable(path);
    const options = { ...(taxonomy ? { taxonomy } : {}), generatedBy: `gutresponse ${VERSION}` };
    const data =
      to === "biom-hdf5"
        ? await writeBiomHdf5(table, options)
        : to === "biom-json"
          ? writeBiomJson(table, options)
          : formatTableTsv(table, taxonomy);
    await writeOutputFile(ctx, "convert", out, data);
    ctx.stdout(
      `wrote ${out} (${to}): ${table.sampleIds.length} samples, ${table.featureIds.length} features${taxonomy ? ", with taxonomy" : ""}\n`,
    );
    return 0;
  },
};
