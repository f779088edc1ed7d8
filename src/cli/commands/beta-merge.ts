/** `gutresponse beta-merge`: assembles the parts of `beta --stripes I/N` jobs into the matrix. */
import { InputError } from "../../core/errors.js";
import { mergeStripeParts } from "../../node/beta-partial.js";
import { writeDistanceMatrix } from "../../node/dm-file.js";
import { parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { checkOutputFiles, createParentFolder, OUT_FILE_ARGS } from "../output.js";

export const betaMerge: Command = {
  name: "beta-merge",
  summary: "assemble the partial files of `beta --stripes I/N` jobs into one distance matrix",
  help: `gutresponse beta-merge PART... --out F.h5|F.tsv [--float32] [--force]

Merges the N partial files written by \`gutresponse beta --stripes I/N\` (I = 1..N) into the
distance matrix, identical bit for bit to one \`gutresponse beta\` run on the same input. Before
writing anything it checks every part and lists every problem: each of jobs 1..N given exactly
once, all from the same table and tree (SHA-256 fingerprints), metric, options and N, and none
truncated. Memory: one condensed matrix (n(n-1)/2 doubles) plus a 32 MB read buffer.

Options:
  --out F            .h5 (HDF5, the layout of ssu -r hdf5) or .tsv (lsmat text)
  --float32          store an .h5 matrix as float32 (implied when the parts are float32)

Example:
  gutresponse beta-merge parts/unweighted_unifrac.*.bin --out unweighted_unifrac.h5`,
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(
      "beta-merge",
      argv,
      { ...OUT_FILE_ARGS, float32: { type: "boolean" } },
      true,
    );
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const out = requireOption("beta-merge", values.out, "out");
    if (positionals.length === 0) {
      throw InputError.single({
        code: "bad_argument",
        message: "beta-merge needs the partial files",
        hint: "gutresponse beta-merge part-1.bin part-2.bin ... --out dm.h5",
      });
    }
    await checkOutputFiles([out], values.force);
    const { dm, header } = await mergeStripeParts(positionals);
    await createParentFolder(ctx, "beta-merge", out);
    await writeDistanceMatrix(out, dm, {
      float32: values.float32 === true || header.precision === "float32",
    });
    ctx.stdout(
      `wrote ${out}: ${header.metric}, ${dm.ids.length} samples from ${header.jobs} stripe job(s)\n`,
    );
    return 0;
  },
};
