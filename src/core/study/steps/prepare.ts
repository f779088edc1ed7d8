/**
 * Study step 1 — the analysis table: metadata aligned to the table's samples, samples without an
 * exposure, below the depth floor or in a dropped small group left out (select-samples.ts, named in
 * warnings), a rarefied copy for the analyses
 * that need equal depth, and the table collapsed to the configured taxonomic level.
 *
 * Rarefaction (`rarefy: auto`) subsamples every kept sample without replacement to the smallest
 * kept depth (Weiss et al. 2017, Microbiome 5:27, recommend it for alpha diversity and for
 * presence/absence and abundance distances); compositional analyses (Aitchison distances,
 * differential abundance, associations, prediction) use all reads.
 */
import { InputError, listIds } from "../../errors.js";
import type { Rng } from "../../random/rng.js";
import { sampleTotals, type FeatureTable } from "../../table/feature-table.js";
import { collapseToRank } from "../../table/collapse.js";
import { selectRows } from "../../table/metadata.js";
import { rarefy } from "../../table/rarefy.js";
import { subsetSamples } from "../../table/subset.js";
import type { Taxonomy } from "../../table/taxonomy.js";
import type { StudyConfig } from "../config.js";
import { method } from "../methods.js";
import type { StudyData } from "../types.js";
import { selectSamples } from "./select-samples.js";
import type { AnalysisConfig, PreparedStudy, StepOutput } from "./shared.js";
import { STEP_STREAMS, stepRng } from "./streams.js";

/**
 * The analysis table of a study. `rng`: the rarefaction's stream; callers outside the pipeline (e.g.
 * `model train`) leave it out and get the run's own stream of `config.seed`, so they analyse the
 * same rarefied table as `run`.
 * @throws InputError when the samples cannot be selected (select-samples.ts).
 */
export function prepareStudy(
  config: AnalysisConfig & Pick<StudyConfig, "seed">,
  data: StudyData,
  rng: Rng = stepRng(config.seed, "prepare"),
): PreparedStudy {
  return prepare(config, data, rng);
}

/** The pipeline's prepare step: the analysis table, its warnings and the rarefaction's method record. */
export function prepareStep(config: AnalysisConfig, data: StudyData, rng: Rng): StepOutput<PreparedStudy> {
  const prepared = prepare(config, data, rng);
  return {
    result: prepared,
    warnings: [
      ...prepared.warnings,
      ...(data.tree ? [] : ["no tree given: UniFrac distances and Faith PD were not computed"]),
    ],
    methods:
      prepared.rarefiedDepth === null
        ? []
        : [
            method(
              "rarefaction",
              `Samples were rarefied to ${prepared.rarefiedDepth} reads (random stream ${STEP_STREAMS.prepare} of the study seed) for alpha diversity and non-compositional distances.`,
            ),
          ],
  };
}

function prepare(config: AnalysisConfig, data: StudyData, rng: Rng): PreparedStudy {
  const warnings: string[] = [];
  const inTable = new Set(data.table.sampleIds);
  const unsampled = data.metadata.ids.filter((id) => !inTable.has(id));
  if (unsampled.length > 0) {
    warnings.push(
      `${unsampled.length} metadata row(s) have no sample in the table and are not analysed: ${listIds(unsampled)}`,
    );
  }
  const selection = selectSamples(config, data);
  if (selection.issues.length > 0) throw new InputError(selection.issues);
  warnings.push(...selection.warnings);
  const { groupOf, counts } = selection;
  const table = subsetSamples(data.table, [...groupOf.keys()]);

  let rarefied = table;
  let rarefiedDepth: number | null = null;
  if (config.analysis.rarefy !== "none") {
    if (!counts) {
      warnings.push(
        "the table holds relative abundances, not counts: no rarefaction, and count-based alpha metrics are skipped",
      );
    } else {
      const totals = sampleTotals(table);
      const depth = config.analysis.rarefy === "auto" ? Math.min(...totals) : config.analysis.rarefy;
      const result = rarefy(table, depth, { seed: rng.seed });
      if (result.dropped.length > 0) {
        warnings.push(
          `${result.dropped.length} sample(s) have fewer than ${depth} reads and are left out of rarefied analyses: ${listIds(result.dropped)}`,
        );
      }
      rarefied = result.table;
      rarefiedDepth = depth;
    }
  }

  const { collapsed, level } = collapseTo(table, data.taxonomy, config.analysis.level, warnings);
  const metadata = selectRows(data.metadata, table.sampleIds);
  return { table, rarefied, rarefiedDepth, collapsed, level, metadata, groupOf, warnings };
}

function collapseTo(
  table: FeatureTable,
  taxonomy: Taxonomy | undefined,
  level: AnalysisConfig["analysis"]["level"],
  warnings: string[],
): { collapsed: FeatureTable; level: string } {
  if (level === "feature") return { collapsed: table, level };
  if (!taxonomy) {
    warnings.push(`no taxonomy given: taxon-level analyses run on features instead of ${level}`);
    return { collapsed: table, level: "feature" };
  }
  return { collapsed: collapseToRank(table, taxonomy, level).table, level };
}
