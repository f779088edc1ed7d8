/**
 * A simulated kratom cohort cut down to the most abundant genera (plus the planted ones), so that
 * models train in seconds in tests: ASV-level table + taxonomy + metadata, and the genus table.
 */
import type { CohortDesign } from "../../src/core/simulate/design.js";
import { simulateCohort } from "../../src/core/simulate/simulate-cohort.js";
import { collapseToRank } from "../../src/core/table/collapse.js";
import { featureTotals } from "../../src/core/table/feature-table.js";
import { subsetFeatures } from "../../src/core/table/subset.js";
import { labelAtRank } from "../../src/core/table/taxonomy.js";

export const PLANTED = ["Faecalibacterium", "Clostridium"];

export function smallCohort(design: CohortDesign, n: number, seed: number, genera = 20) {
  const cohort = simulateCohort(design, { n, seed });
  const full = collapseToRank(cohort.table, cohort.taxonomy, "genus").table;
  const totals = featureTotals(full);
  const keep = new Set(
    full.featureIds
      .map((id, f) => ({ id, total: totals[f]! }))
      .sort((a, b) => b.total - a.total)
      .slice(0, genera)
      .map((g) => g.id),
  );
  for (const g of PLANTED) keep.add(g);
  const ids = cohort.taxonomy.featureIds.filter((_, f) =>
    keep.has(labelAtRank(cohort.taxonomy.lineages[f]!, "genus")),
  );
  const table = subsetFeatures(cohort.table, ids);
  const lineageOf = new Map(cohort.taxonomy.featureIds.map((id, f) => [id, cohort.taxonomy.lineages[f]!]));
  const taxonomy = {
    featureIds: table.featureIds,
    lineages: table.featureIds.map((id) => lineageOf.get(id)!),
  };
  const genus = collapseToRank(table, taxonomy, "genus").table;
  return { table, taxonomy, metadata: cohort.metadata, genus };
}
