/**
 * Aligns a table with its metadata, tree and taxonomy by ID before any analysis.
 *
 * - metadata must hold every table sample (extra metadata rows are fine and dropped, listed in
 *   `dropped.metadataSamples`), then is reordered to the table's sample order;
 * - the tree must have a tip for every table feature (extra tips are fine);
 * - the taxonomy must cover every table feature (extra entries are fine).
 * Any shortfall is an InputError with one `id_mismatch` / `missing_tips` issue per side, naming
 * the first few IDs, their count and which input lacks them — never a silent drop. With
 * `intersect: true` the table is instead reduced to the samples in the metadata and the features
 * in the tree and taxonomy, and what was removed is returned in `dropped`.
 */
import { InputError, type Issue, listIds } from "../errors.js";
import { type Tree, tips } from "../phylo/tree.js";
import type { FeatureTable } from "./feature-table.js";
import { type SampleMetadata, selectRows } from "./metadata.js";
import { selectFeatures, selectSamples } from "./subset.js";
import type { Taxonomy } from "./taxonomy.js";

/** The optional companions of a feature table, to be aligned with it by ID. */
export interface AlignInputs {
  metadata?: SampleMetadata;
  tree?: Tree;
  taxonomy?: Taxonomy;
}

/** A table and its companions after alignment, and what alignment removed. */
export interface Aligned {
  table: FeatureTable;
  metadata?: SampleMetadata;
  tree?: Tree;
  taxonomy?: Taxonomy;
  dropped: {
    /** Table samples removed (intersect) because the metadata lacks them. */
    tableSamples: string[];
    /** Table features removed (intersect) because the tree or taxonomy lacks them. */
    tableFeatures: string[];
    /** Metadata rows not in the table (always dropped from the aligned metadata). */
    metadataSamples: string[];
  };
}

/**
 * Aligns a table with its metadata (reordered to the table's samples), tree and taxonomy by ID. With
 * `intersect: true` the table is reduced to what every input covers, and the removed IDs returned.
 * @throws {InputError} `id_mismatch` / `missing_tips` (without `intersect`), one issue per input that
 *   lacks table IDs, naming the first few.
 */
export function alignInputs(
  table: FeatureTable,
  inputs: AlignInputs = {},
  options: { intersect?: boolean } = {},
): Aligned {
  const issues: Issue[] = [];
  const { metadata, tree, taxonomy } = inputs;
  let keepSample = table.sampleIds.map(() => true);
  let keepFeature = table.featureIds.map(() => true);
  const check = (
    have: Set<string>,
    ids: readonly string[],
    keep: boolean[],
    issue: (missing: string[]) => Issue,
  ): void => {
    const missing = ids.filter((id, i) => {
      const ok = have.has(id);
      if (!ok) keep[i] = false;
      return !ok;
    });
    if (missing.length > 0) issues.push(issue(missing));
  };
  if (metadata) {
    check(new Set(metadata.ids), table.sampleIds, keepSample, (missing) => ({
      code: "id_mismatch",
      message: `${missing.length} table sample(s) are not in the metadata: ${listIds(missing)}`,
      hint: "add them to the metadata, or remove them from the table (e.g. qiime feature-table filter-samples --p-exclude-ids)",
    }));
  }
  if (tree) {
    check(new Set(tips(tree).names), table.featureIds, keepFeature, (missing) => ({
      code: "missing_tips",
      message: `${missing.length} table feature(s) have no tip in the tree: ${listIds(missing)}`,
      hint: "use the tree built from the same features (e.g. QIIME 2 phylogeny align-to-tree-mafft-fasttree)",
    }));
  }
  if (taxonomy) {
    check(new Set(taxonomy.featureIds), table.featureIds, keepFeature, (missing) => ({
      code: "id_mismatch",
      message: `${missing.length} table feature(s) are not in the taxonomy: ${listIds(missing)}`,
      hint: "classify every table feature (the same taxonomy run as the table), or remove the unclassified ones from the table",
    }));
  }
  if (issues.length > 0 && !options.intersect) throw new InputError(issues);
  if (!options.intersect) {
    keepSample = keepSample.map(() => true);
    keepFeature = keepFeature.map(() => true);
  }
  const sampleCols = keepSample.flatMap((k, s) => (k ? [s] : []));
  let out = selectSamples(table, sampleCols);
  if (keepFeature.some((k) => !k)) out = selectFeatures(out, keepFeature);
  const inTable = new Set(out.sampleIds);
  const result: Aligned = {
    table: out,
    dropped: {
      tableSamples: table.sampleIds.filter((_, s) => !keepSample[s]),
      tableFeatures: table.featureIds.filter((_, f) => !keepFeature[f]),
      metadataSamples: metadata ? metadata.ids.filter((id) => !inTable.has(id)) : [],
    },
  };
  if (metadata) result.metadata = selectRows(metadata, out.sampleIds);
  if (tree) result.tree = tree;
  if (taxonomy) result.taxonomy = taxonomy;
  return result;
}
