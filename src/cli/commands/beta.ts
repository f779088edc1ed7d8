import { BETA_METRIC_IDS } from "../../core/beta/beta-diversity.js";
import { betaDiversityParallel } from "../../node/beta-parallel.js";
import { isHdf5Path, writeDistanceMatrix } from "../../node/dm-file.js";
import { loadTable, loadTree } from "../../node/load.js";
import type { Command } from "../command.js";
import { intOption, numberOption, Problems, parseCommandArgs, requireOption } from "../args.js";
import { checkOutputFiles, createParentFolder, OUT_FILE_ARGS } from "../output.js";

export const beta: Command = {
  name: "beta",
  summary: "beta diversity distance matrix (Bray-Curtis, Jaccard, Aitchison, UniFrac family)",
  help: `gutresponse beta --table T [--tree X] --metric M [--alpha A] [--pseudocount C] [--threads N] --out F.tsv|F.h5 [--float32] [--force]

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
  --float32          store an .h5 matrix as float32 (half the size, ~7 digits)

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
    if (values.float32 && out !== undefined && !isHdf5Path(out)) {
      p.issues.push({
        code: "bad_argument",
        message: `--float32 applies to HDF5 output only, but --out is '${out}'`,
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
    await p.load(() => checkOutputFiles([out], values.force));
    const read = tablePath === undefined ? undefined : await p.load(() => loadTable(tablePath));
    const treePath = values.tree;
    const tree = treePath === undefined ? undefined : await p.load(() => loadTree(treePath));
    p.throwIfAny();
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
