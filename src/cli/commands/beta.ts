/** `gutresponse beta`: beta diversity distance matrix, whole or one stripe job (spec: specs/beta.ts). */
import { basename } from "node:path";
import { type BetaMetricId, validateBeta } from "../../core/beta/beta-diversity.js";
import { nStripes } from "../../core/beta/stripes.js";
import { checkMatrixSamples } from "../../core/beta/distance-matrix.js";
import { InputError } from "../../core/errors.js";
import { betaDiversityParallel, betaStripeJob, startBetaWorkers } from "../../node/beta-parallel.js";
import { stripePartHeader, writeStripePart } from "../../node/beta-partial.js";
import { isHdf5Path, writeDistanceMatrix } from "../../node/dm-file.js";
import { loadTable, loadTree } from "../../node/load.js";
import { implement } from "../command.js";
import { checkOutputFiles, createParentFolder } from "../output.js";
import { spec } from "../specs/beta.js";

/** `gutresponse beta`, run with its arguments checked against specs/beta.ts. */
export const beta = implement(spec, async ({ values, problems, checked }, ctx) => {
  const { out, stripes } = values;
  if (values.float32 && out !== undefined && !isHdf5Path(out) && stripes === undefined) {
    problems.issues.push({
      code: "bad_argument",
      message: `--float32 applies to HDF5 output and --stripes partials only, but --out is '${out}'`,
      hint: "name the output F.h5, or leave out --float32",
    });
  }
  const job = stripes === undefined ? undefined : problems.check(() => stripesOption(stripes));
  await problems.load(() => checkOutputFiles([out], values.force));
  // workers start now, so that their start-up overlaps reading the inputs (idle, they do not keep
  // the process alive if the inputs turn out invalid)
  const early = values.threads ?? 1;
  const workers = early > 1 ? startBetaWorkers(early) : undefined;
  // the tree is parsed while the table's reader waits (h5wasm compiles its wasm off the thread);
  // its problems are still listed after the table's
  const treeRead = values.tree === undefined ? undefined : loadTree(values.tree);
  treeRead?.catch(() => undefined);
  const read = await problems.loadPath(values.table, loadTable);
  const tree = await problems.loadPath(values.tree, () => treeRead!);
  const v = checked();
  const table = read!.table;
  const options = { tree, alpha: v.alpha, pseudocount: v.pseudocount };
  if (job !== undefined) {
    validateBeta(table, v.metric, options);
    const header = stripePartHeader({
      metric: v.metric,
      ...options,
      table,
      tableFile: basename(v.table),
      treeFile: v.tree === undefined ? undefined : basename(v.tree),
      job: job.index,
      jobs: job.count,
      precision: values.float32 ? "float32" : "float64",
    });
    const { start, stop, n } = header;
    await createParentFolder(ctx, "beta", v.out);
    await writeStripePart(v.out, header, (emit) =>
      betaStripeJob(table, v.metric as BetaMetricId, options, [start, stop], v.threads, emit, workers),
    );
    ctx.stdout(
      `wrote ${v.out}: ${v.metric}, stripe job ${job.index}/${job.count} (stripes [${start}, ${stop}) of ${nStripes(n)}), ${n} samples\n`,
    );
    if (start === stop) {
      ctx.stderr(
        `note: job ${job.index}/${job.count} has no stripe (${n} samples make ${nStripes(n)} stripes, fewer than ${job.count} jobs): its part is empty, and beta-merge still needs it to know no job was lost\n`,
      );
    }
    return 0;
  }
  checkMatrixSamples(table.sampleIds.length, v.table);
  const dm = await betaDiversityParallel(table, v.metric, { ...options, threads: v.threads, workers });
  await createParentFolder(ctx, "beta", v.out);
  await writeDistanceMatrix(v.out, dm, { float32: v.float32 });
  ctx.stdout(`wrote ${v.out}: ${v.metric}, ${dm.ids.length} samples\n`);
  return 0;
});

/**
 * Parses `--stripes I/N` (integers, 1 <= I <= N).
 * @throws InputError `bad_argument` when the text is not I/N in range
 */
export function stripesOption(text: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!(count >= 1 && index >= 1 && index <= count)) {
    throw InputError.single({
      code: "bad_argument",
      key: "stripes",
      message: `--stripes takes I/N with 1 <= I <= N (job I of N), got '${text}'`,
      hint: "e.g. --stripes 1/8 ... --stripes 8/8, one job each",
    });
  }
  return { index, count };
}
