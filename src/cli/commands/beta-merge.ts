/** `gutresponse beta-merge`: assembles the parts of `beta --stripes I/N` jobs into the matrix (spec: specs/beta-merge.ts). */
import { mergeStripeParts } from "../../node/beta-partial.js";
import { writeDistanceMatrix } from "../../node/dm-file.js";
import { implement } from "../command.js";
import { checkOutputFiles, createParentFolder } from "../output.js";
import { spec } from "../specs/beta-merge.js";

/** `gutresponse beta-merge`, run with its arguments checked against specs/beta-merge.ts. */
export const betaMerge = implement(spec, async ({ positionals, checked }, ctx) => {
  const v = checked();
  await checkOutputFiles([v.out], v.force);
  const { dm, header } = await mergeStripeParts(positionals);
  await createParentFolder(ctx, "beta-merge", v.out);
  await writeDistanceMatrix(v.out, dm, { float32: v.float32 || header.precision === "float32" });
  ctx.stdout(
    `wrote ${v.out}: ${header.metric}, ${dm.ids.length} samples from ${header.jobs} stripe job(s)\n`,
  );
  return 0;
});
