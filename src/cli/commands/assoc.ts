/** `gutresponse assoc`: associations of each taxon (CLR) with a host outcome, adjusted for covariates. */
import {
  ASSOCIATION_MODELS,
  type AssociationModel,
  associations,
  OUTCOME_TYPES,
  type OutcomeType,
} from "../../core/assoc/associations.js";
import { ASSOCIATION_COLUMNS } from "../../core/assoc/types.js";
import { formatRecords } from "../../io/tsv-format.js";
import { loadMetadata } from "../../node/load.js";
import { choiceOption, fractionOption, Problems, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { checkOutputFiles, OUT_FILE_ARGS, writeOutputFile } from "../output.js";
import { listOption, loadTableAtLevel } from "../table-at-level.js";

export const assoc: Command = {
  name: "assoc",
  summary: "associations of each taxon with a host outcome, called where LinDA and outcome ~ CLR agree",
  help: `gutresponse assoc --table T --metadata M --outcome COL --out F.tsv [options]

For each taxon present in at least --min-prevalence of the samples, fits CLR(taxon) ~ outcome +
covariates by LinDA (zeros handled as LinDA does, CLR in log2 units, the shift every taxon shares
through compositionality removed) and the earlier outcome ~ CLR(taxon) + covariates (OLS, logistic,
or Poisson / negative binomial for counts). The default --model agreement calls a link only when
both models call it with the same sign (p and q: the larger of the two; Berger 1982), the list
that stayed calibrated on simulated cohorts (docs/DA.md); estimate = LinDA's log2 fold change of
the taxon per unit outcome, or between the two levels of a binary outcome. --model linda or
--model outcome_on_clr runs one model alone (outcome_on_clr is not calibrated: a rare taxon's
zero-count CLR tracks the whole composition).
q = BH across taxa. Associations are not causal effects.

Options:
  --table T            feature table of counts (BIOM, TSV, .qza)
  --metadata M         sample metadata (QIIME 2 TSV)
  --taxonomy Y         taxonomy, for --level when the table carries none
  --outcome COL        metadata column of the host response
  --type TYPE          continuous (default) | binary | count
  --positive LEVEL     level of a binary outcome coded 1 (default: its second level in R's
                       factor order, sorted: e.g. yes after no)
  --covariates LIST    comma-separated metadata columns to adjust for
  --level RANK         collapse to domain|phylum|class|order|family|genus|species first
  --min-prevalence P   fraction of samples a taxon must be present in (default 0.1)
  --model M            agreement (default: links both models call) | linda | outcome_on_clr
  --out F.tsv          results
  --force              replace F.tsv if it exists (default: refuse)

Example:
  gutresponse assoc --table table.biom --metadata metadata.tsv --outcome constipation \\
    --type binary --positive yes --covariates age,sex --level genus --out assoc.tsv`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("assoc", argv, {
      table: { type: "string" },
      metadata: { type: "string" },
      taxonomy: { type: "string" },
      outcome: { type: "string" },
      type: { type: "string" },
      positive: { type: "string" },
      covariates: { type: "string" },
      level: { type: "string" },
      "min-prevalence": { type: "string" },
      model: { type: "string" },
      ...OUT_FILE_ARGS,
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const p = new Problems();
    const out = p.check(() => requireOption("assoc", values.out, "out"));
    const outcome = p.check(() => requireOption("assoc", values.outcome, "outcome"));
    const tablePath = p.check(() => requireOption("assoc", values.table, "table"));
    const metadataPath = p.check(() => requireOption("assoc", values.metadata, "metadata"));
    const minPrevalence = p.check(() =>
      fractionOption("assoc", values["min-prevalence"], "min-prevalence", 0.1),
    );
    await p.load(() => checkOutputFiles([out], values.force));
    const type: OutcomeType =
      p.check(() => choiceOption("assoc", values.type, "type", OUTCOME_TYPES, "continuous")) ?? "continuous";
    const model: AssociationModel =
      p.check(() => choiceOption("assoc", values.model, "model", ASSOCIATION_MODELS, "agreement")) ??
      "agreement";
    const table =
      tablePath === undefined
        ? undefined
        : await p.load(() => loadTableAtLevel("assoc", tablePath, values.taxonomy, values.level));
    const metadata = metadataPath === undefined ? undefined : await p.load(() => loadMetadata(metadataPath));
    p.throwIfAny();
    const result = associations(table!, metadata!, {
      outcome: outcome!,
      type,
      ...(values.positive === undefined ? {} : { positive: values.positive }),
      covariates: listOption(values.covariates),
      minPrevalence,
      model,
    });
    await writeOutputFile(ctx, "assoc", out!, formatRecords([...ASSOCIATION_COLUMNS], result.rows));
    for (const note of result.notes) ctx.stdout(`${note}\n`);
    for (const w of result.warnings) ctx.stderr(`warning: ${w}\n`);
    const hits = result.rows.filter((r) => r.q < 0.1).length;
    const coding =
      type === "binary" ? `, log odds of ${result.rows[0]?.contrast ?? "the positive level"}` : "";
    ctx.stdout(
      `${result.taxaTested} taxa on ${result.n} samples (${result.method}${coding}); ${hits} at q < 0.1\nwrote ${out}\n`,
    );
    return 0;
  },
};
