/** `gutresponse beta-merge`: assembles the parts of `beta --stripes I/N` jobs into the matrix (spec: specs/beta-merge.ts). */
import { partRows } from "../../node/beta-part-rows.js";
import { mergeStripeParts, readCheckedParts } from "../../node/beta-partial.js";
import { isHdf5Path, writeDistanceMatrix, writeDmHdf5File } from "../../node/dm-file.js";
import { implement } from "../command.js";
import { checkOutputFiles, createParentFolder } from "../output.js";
import { spec } from "../specs/beta-merge.js";

/**
 * `gutresponse beta-merge`, run with its arguments checked against specs/beta-merge.ts. HDF5
 * output is written row block by row block from the parts (the matrix is never held); lsmat text
 * goes through one condensed matrix.
 */
export const betaMerge = implement(spec, async ({ positionals, checked }, ctx) => {
  const v = checked();
  await checkOutputFiles([v.out], v.force);
  let written: { metric: string; jobs: number; n: number };
  if (isHdf5Path(v.out)) {
    const parts = await readCheckedParts(positionals);
    const { header } = parts[0]!;
    const source = partRows(parts);
    try {
      await createParentFolder(ctx, "beta-merge", v.out);
      await writeDmHdf5File(v.out, header.ids, source.rows, {
        float32: v.float32 || header.precision === "float32",
      });
    } finally {
      source.close();
    }
    written = header;
  } else {
    const { dm, header } = await mergeStripeParts(positionals);
    await createParentFolder(ctx, "beta-merge", v.out);
    await writeDistanceMatrix(v.out, dm);
    written = header;
  }
  ctx.stdout(`wrote ${v.out}: ${written.metric}, ${written.n} samples from ${written.jobs} stripe job(s)\n`);
  return 0;
});
