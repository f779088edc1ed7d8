/** `gutresponse da`: differential abundance by several methods, plus their consensus. */
import {
  type DifferentialAbundanceResult,
  differentialAbundance,
} from "../../core/da/differential-abundance.js";
import { CONSENSUS_COLUMNS, DA_METHODS, DA_ROW_COLUMNS, type DaMethodName } from "../../core/da/types.js";
import { formatRecords } from "../../io/tsv-format.js";
import { loadMetadata } from "../../node/load.js";
import { fractionOption, intOption, Problems, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { checkOutputFiles, OUT_FILE_ARGS, writeOutputFile } from "../output.js";
import { listOption, loadTableAtLevel } from "../table-at-level.js";
import { listIds } from "../../core/errors.js";
import { relativeTo, termLabel } from "../../core/stats/contrast-words.js";

export const da: Command = {
  name: "da",
  summary: "differential abundance (LinDA, ANCOM-BC, ALDEx2, MaAsLin, Wilcoxon-CLR) and their consensus",
  help: `gutresponse da --table T --metadata M --formula "~ exposure + age" --out F.tsv [options]

Tests every taxon for a difference in abundance with the exposure (the first formula term, or
--term), adjusted for the other terms, by each method; writes one row per taxon, method and
exposure level (log2 fold changes for every method; the contrast column says which way round,
e.g. "user vs non_user": positive = higher in user) and, next to it, F.consensus.tsv: per taxon
the methods calling it at q < --fdr and the direction. Without covariates wilcoxon_clr votes in
the consensus; with covariates it is reported but does not vote (it cannot adjust). Taxa present in fewer than --min-prevalence of
the samples are not tested. Associations in observational data are not causal effects.

Options:
  --table T            feature table of counts (BIOM, TSV, .qza)
  --metadata M         sample metadata (QIIME 2 TSV)
  --taxonomy Y         taxonomy, for --level when the table carries none
  --formula F          R-style formula, e.g. "~ kratom_use + age + sex"
  --term NAME          the exposure term to test (default: the first term)
  --reference LEVEL    reference level of the exposure (default: its first level in R's
                       factor order, sorted: e.g. non_user before user)
  --level RANK         collapse to domain|phylum|class|order|family|genus|species first
  --methods LIST       comma-separated subset of ${DA_METHODS.join(",")} (default: all;
                       wilcoxon_clr only for a two-level exposure)
  --fdr Q              q threshold of the consensus (default 0.1)
  --min-prevalence P   fraction of samples a taxon must be present in (default 0.1)
  --mc N               ALDEx2 Monte Carlo instances (default 128)
  --seed N             seed of ALDEx2's sampling (default 42)
  --out F.tsv          results (F.consensus.tsv is written next to it)
  --force              replace them if they exist (default: refuse)

Example:
  gutresponse da --table table.biom --metadata metadata.tsv --formula "~ kratom_use + age" \\
    --reference non_user --level genus --out da.tsv`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("da", argv, {
      table: { type: "string" },
      metadata: { type: "string" },
      taxonomy: { type: "string" },
      formula: { type: "string" },
      term: { type: "string" },
      reference: { type: "string" },
      level: { type: "string" },
      methods: { type: "string" },
      fdr: { type: "string" },
      "min-prevalence": { type: "string" },
      mc: { type: "string" },
      seed: { type: "string" },
      ...OUT_FILE_ARGS,
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    // Every option and input is checked before any problem is reported, so all are listed at once.
    const p = new Problems();
    const out = p.check(() => requireOption("da", values.out, "out"));
    const formula = p.check(() => requireOption("da", values.formula, "formula"));
    const tablePath = p.check(() => requireOption("da", values.table, "table"));
    const metadataPath = p.check(() => requireOption("da", values.metadata, "metadata"));
    const fdr = p.check(() => fractionOption("da", values.fdr, "fdr", 0.1));
    const minPrevalence = p.check(() =>
      fractionOption("da", values["min-prevalence"], "min-prevalence", 0.1),
    );
    const mc = p.check(() => intOption("da", values.mc, "mc", 128, 1));
    const seed = p.check(() => intOption("da", values.seed, "seed", 42));
    const consensusPath = out?.replace(/(\.tsv)?$/, ".consensus.tsv");
    await p.load(() => checkOutputFiles([out, consensusPath], values.force));
    const table =
      tablePath === undefined
        ? undefined
        : await p.load(() => loadTableAtLevel("da", tablePath, values.taxonomy, values.level));
    const metadata = metadataPath === undefined ? undefined : await p.load(() => loadMetadata(metadataPath));
    p.throwIfAny();
    const methods = listOption(values.methods);
    const result = differentialAbundance(table!, metadata!, {
      formula: formula!,
      ...(values.term === undefined ? {} : { term: values.term }),
      ...(values.reference === undefined ? {} : { reference: values.reference }),
      ...(methods.length === 0 ? {} : { methods: methods as DaMethodName[] }),
      fdr,
      minPrevalence,
      mc,
      seed: seed!,
    });
    await writeOutputFile(ctx, "da", out!, formatRecords([...DA_ROW_COLUMNS], result.rows));
    await writeOutputFile(ctx, "da", consensusPath!, formatRecords([...CONSENSUS_COLUMNS], result.consensus));
    for (const w of result.warnings) ctx.stderr(`warning: ${w}\n`);
    const called = result.consensus.filter((c) => c.direction !== "none").length;
    ctx.stdout(
      `${result.taxaTested} taxa x ${result.methods.length} methods on ${result.samples} samples; ` +
        `${called} taxa called by at least one method at q < ${result.fdr}\n`,
    );
    for (const contrast of result.contrasts) ctx.stdout(`${contrastSummary(result, contrast)}\n`);
    ctx.stdout(`wrote ${out}\nwrote ${consensusPath}\n`);
    return 0;
  },
};

/** "kratom_use: user vs non_user: 2 taxa up, 1 down in user relative to non_user (A, B; C)". */
function contrastSummary(result: DifferentialAbundanceResult, contrast: string): string {
  const rows = result.consensus.filter((c) => c.contrast === contrast);
  const named = (direction: string) => rows.filter((c) => c.direction === direction).map((c) => c.taxon);
  const up = named("up");
  const down = named("down");
  const list = (taxa: string[]) => (taxa.length > 0 ? ` (${listIds(taxa)})` : "");
  return (
    `${termLabel(result.term, contrast)}: ${up.length} taxa up${list(up)}, ${down.length} down${list(down)} ` +
    `${relativeTo(contrast)} (consensus of ${result.consensusMethods.join(", ")})`
  );
}
