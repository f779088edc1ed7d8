/** `gutresponse convert`: a table between BIOM HDF5, BIOM JSON and classic TSV (spec: specs/convert.ts). */
import { resolve } from "node:path";
import { InputError } from "../../core/errors.js";
import { VERSION } from "../../core/version.js";
import { writeBiomHdf5 } from "../../io/biom-hdf5.js";
import { writeBiomJson } from "../../io/biom-json.js";
import { formatTableTsv } from "../../io/biom-tsv.js";
import { loadTable } from "../../node/load.js";
import { implement } from "../command.js";
import { checkOutputFiles, writeOutputFile } from "../output.js";
import { spec } from "../specs/convert.js";

/** `gutresponse convert`, run with its arguments checked against specs/convert.ts. */
export const convert = implement(spec, async ({ checked }, ctx) => {
  const { table: path, to, out, force } = checked();
  if (resolve(out) === resolve(path)) {
    throw InputError.single({
      code: "bad_argument",
      message: "--out is the input file; inputs are never overwritten",
      hint: "write to a new file",
    });
  }
  await checkOutputFiles([out], force);
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
});
