import { type PcoaCorrection, type PcoaSolver, pcoa as runPcoa } from "../../core/ordination/pcoa.js";
import { type Cell, formatTsv } from "../../io/tsv-format.js";
import { loadDistanceMatrix } from "../../node/load.js";
import type { Command } from "../command.js";
import { choiceOption, intOption, Problems, parseCommandArgs, requireOption } from "../args.js";
import { checkOutputFiles, OUT_FILE_ARGS, writeOutputFile } from "../output.js";

const CORRECTIONS: readonly PcoaCorrection[] = ["none", "lingoes", "cailliez"];
const SOLVERS: readonly PcoaSolver[] = ["auto", "full", "lanczos"];

/** F.tsv -> F.eigen.tsv */
export function eigenPath(out: string): string {
  return `${out.replace(/\.tsv$/i, "")}.eigen.tsv`;
}

export const pcoa: Command = {
  name: "pcoa",
  summary: "principal coordinates of a distance matrix (eigenvalues, proportion explained)",
  help: `gutresponse pcoa --dm F.tsv [--dimensions K] [--correction none|lingoes|cailliez] [--solver auto|full|lanczos] --out F.tsv

Principal coordinates analysis (Gower centring, eigen-decomposition). Writes F.tsv with columns
sample-id, PC1..PCk (axes with a positive eigenvalue; at most K) and F.eigen.tsv with columns
axis, eigenvalue, proportion for every axis (negative eigenvalues included, proportion 0).
Negative eigenvalues are reported on stderr; --correction lingoes|cailliez removes them.

Options:
  --dm F             distance matrix (lsmat TSV or HDF5, as written by 'gutresponse beta')
  --dimensions K     number of axes to write (default: all with a positive eigenvalue)
  --correction C     none (default), lingoes or cailliez
  --solver S         auto (default): Lanczos (only the K leading axes, O(K n^2) per step) when
                     --dimensions K is given, K <= n/10, n >= 500 and no correction; else full
                     (all n eigenvalues, O(n^3)). With Lanczos, F.eigen.tsv lists the K axes and
                     proportions are relative to the sum of all eigenvalues (as scikit-bio fsvd)
  --out F.tsv        output file (F.eigen.tsv is written next to it)
  --force            replace them if they exist (default: refuse)

Example:
  gutresponse pcoa --dm braycurtis.tsv --out braycurtis_pcoa.tsv`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("pcoa", argv, {
      dm: { type: "string" },
      dimensions: { type: "string" },
      correction: { type: "string" },
      solver: { type: "string" },
      ...OUT_FILE_ARGS,
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const p = new Problems();
    const dmPath = p.check(() => requireOption("pcoa", values.dm, "dm"));
    const out = p.check(() => requireOption("pcoa", values.out, "out"));
    const correction: PcoaCorrection =
      p.check(() => choiceOption("pcoa", values.correction, "correction", CORRECTIONS, "none")) ?? "none";
    const solver: PcoaSolver =
      p.check(() => choiceOption("pcoa", values.solver, "solver", SOLVERS, "auto")) ?? "auto";
    const dimensions = values.dimensions;
    const dims =
      dimensions === undefined ? undefined : p.check(() => intOption("pcoa", dimensions, "dimensions", 0, 1));
    if (out !== undefined) await p.load(() => checkOutputFiles([out, eigenPath(out)], values.force));
    const dm = dmPath === undefined ? undefined : await p.load(() => loadDistanceMatrix(dmPath));
    p.throwIfAny();
    const file = out!;
    const res = runPcoa(dm!, { dimensions: dims, correction, solver });
    const k = res.axes.length;
    const rows = res.ids.map((id, i): Cell[] => [id, ...res.coordinates.subarray(i * k, (i + 1) * k)]);
    const eigen = Array.from(res.eigenvalues, (l, j): Cell[] => [
      `PC${j + 1}`,
      l,
      res.proportionExplained[j]!,
    ]);
    await writeOutputFile(ctx, "pcoa", file, formatTsv(["sample-id", ...res.axes], rows));
    await writeOutputFile(
      ctx,
      "pcoa",
      eigenPath(file),
      formatTsv(["axis", "eigenvalue", "proportion"], eigen),
    );
    for (const w of res.warnings) ctx.stderr(`warning: ${w}\n`);
    ctx.stdout(`wrote ${file} and ${eigenPath(file)}: ${res.ids.length} samples, ${k} axes\n`);
    return 0;
  },
};
