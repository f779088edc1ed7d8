import { basename } from "node:path";
import { BETA_METRIC_IDS, type BetaMetricId, validateBeta } from "../../core/beta/beta-diversity.js";
import { nStripes } from "../../core/beta/stripes.js";
import { InputError } from "../../core/errors.js";
import { betaDiversityParallel, betaStripeJob } from "../../node/beta-parallel.js";
import { stripePartHeader, writeStripePart } from "../../node/beta-partial.js";
import { isHdf5Path, writeDistanceMatrix } from "../../node/dm-file.js";
import { loadTable, loadTree } from "../../node/load.js";
import type { Command } from "../command.js";
import { intOption, numberOption, Problems, parseCommandArgs, requireOption } from "../args.js";
import { checkOutputFiles, createParentFolder, OUT_FILE_ARGS } from "../output.js";

export const beta: Command = {
  name: "beta",
  summary: "beta diversity distance matrix (Bray-Curtis, Jaccard, Aitchison, UniFrac family)",
  help: `gutresponse beta --table T [--tree X] --metric M [--alpha A] [--pseudocount C] [--threads N] --out F.tsv|F.h5 [--float32] [--force]
gutresponse beta ... --stripes I/N --out part-I.bin      (one job of N; then gutresponse beta-merge)

Computes the distances between all pairs of samples and writes them as a scikit-bio / QIIME 2
lsmat TSV (square matrix, sample IDs as header and first column) or, when F ends in .h5, as
binary HDF5 in the layout of Striped UniFrac (ssu -r hdf5: datasets 'order' and 'matrix'),
which every --dm option reads too. The result is identical bit for bit whatever --threads is.

Metrics: ${BETA_METRIC_IDS.join(", ")}
  UniFrac metrics need --tree; generalized_unifrac takes --alpha (default 0.5);
  aitchison takes --pseudocount (default 1, added to every cell).

Options:
  --table T          feature table (BIOM HDF5/JSON, TSV, .qza)
  --tree X           rooted Newick tree whose tips are the feature IDs
  --metric M         one metric ID
  --alpha A          generalized UniFrac alpha in [0, 1]
  --pseudocount C    Aitchison pseudocount (> 0)
  --threads N        worker threads (default 1)
  --out F            output file: .tsv (text) or .h5 (binary HDF5, float64)
  --float32          store an .h5 matrix (or a --stripes partial) as float32 (half the size, ~7 digits)
  --stripes I/N      compute only stripe block I of N (1 <= I <= N) into a binary partial file
                     (--out); \`gutresponse beta-merge\` assembles the N parts into the matrix, identical
                     bit for bit to one run. The n(n-1)/2 pairs form floor(n/2) stripes of n pairs;
                     when N exceeds that, some jobs get no stripe and write an empty part.

Example:
  gutresponse beta --table table.biom --tree tree.nwk --metric weighted_normalized_unifrac --threads 4 --out wunifrac.tsv`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("beta", argv, {
      table: { type: "string" },
      tree: { type: "string" },
      metric: { type: "string" },
      alpha: { type: "string" },
      pseudocount: { type: "string" },
      threads: { type: "string" },
      ...OUT_FILE_ARGS,
      float32: { type: "boolean" },
      stripes: { type: "string" },
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const p = new Problems();
    const tablePath = p.check(() => requireOption("beta", values.table, "table"));
    const metric = p.check(() => requireOption("beta", values.metric, "metric"));
    const out = p.check(() => requireOption("beta", values.out, "out"));
    const threads = p.check(() => intOption("beta", values.threads, "threads", 1, 1));
    if (values.float32 && out !== undefined && !isHdf5Path(out) && values.stripes === undefined) {
      p.issues.push({
        code: "bad_argument",
        message: `--float32 applies to HDF5 output and --stripes partials only, but --out is '${out}'`,
        hint: "name the output F.h5, or leave out --float32",
      });
    }
    const alphaText = values.alpha;
    const alpha =
      alphaText === undefined
        ? undefined
        : p.check(() => numberOption("beta", alphaText, "alpha", 0.5, { min: 0, max: 1 }));
    const pseudoText = values.pseudocount;
    const pseudocount =
      pseudoText === undefined
        ? undefined
        : p.check(() => numberOption("beta", pseudoText, "pseudocount", 1, { min: 0, minOpen: true }));
    const stripesText = values.stripes;
    const job = stripesText === undefined ? undefined : p.check(() => stripesOption(stripesText));
    await p.load(() => checkOutputFiles([out], values.force));
    const read = tablePath === undefined ? undefined : await p.load(() => loadTable(tablePath));
    const treePath = values.tree;
    const tree = treePath === undefined ? undefined : await p.load(() => loadTree(treePath));
    p.throwIfAny();
    if (job !== undefined) {
      validateBeta(read!.table, metric!, { tree, alpha, pseudocount });
      const table = read!.table;
      const header = stripePartHeader({
        metric: metric!,
        alpha,
        pseudocount,
        table,
        tableFile: basename(tablePath!),
        tree,
        treeFile: treePath === undefined ? undefined : basename(treePath),
        job: job.index,
        jobs: job.count,
        precision: values.float32 ? "float32" : "float64",
      });
      const { start, stop, n } = header;
      await createParentFolder(ctx, "beta", out!);
      const options = { tree, alpha, pseudocount };
      await writeStripePart(out!, header, (emit) =>
        betaStripeJob(table, metric as BetaMetricId, options, [start, stop], threads!, emit),
      );
      ctx.stdout(
        `wrote ${out}: ${metric}, stripe job ${job.index}/${job.count} (stripes [${start}, ${stop}) of ${nStripes(n)}), ${n} samples\n`,
      );
      return 0;
    }
    const dm = await betaDiversityParallel(read!.table, metric!, {
      tree,
      alpha,
      pseudocount,
      threads: threads!,
    });
    await createParentFolder(ctx, "beta", out!);
    await writeDistanceMatrix(out!, dm, { float32: values.float32 === true });
    ctx.stdout(`wrote ${out}: ${metric}, ${dm.ids.length} samples\n`);
    return 0;
  },
};

/** Parses `--stripes I/N` (integers, 1 <= I <= N). */
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
