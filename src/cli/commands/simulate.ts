/**
 * `gutresponse simulate`: writes a simulated cohort (signal implantation into the human gut
 * template) as a ready study folder: table.biom (BIOM 2.1 HDF5), table.tsv, taxonomy.tsv,
 * metadata.tsv (QIIME 2, #q2:types), truth.json (the planted effects) and study.yaml.
 */
import { referenceDesign } from "../../core/simulate/designs/index.js";
import { simulateCohort } from "../../core/simulate/simulate-cohort.js";
import { simulatedStudyConfig } from "../../core/simulate/study-config.js";
import { COHORT_FILES, cohortFiles } from "../../node/cohort-files.js";
import { checkOutputDir, writeOutputDir } from "../../node/output-dir.js";
import { implement } from "../command.js";
import { announceParentFolders } from "../output.js";
import { spec } from "../specs/simulate.js";

/** `gutresponse simulate`, run with its arguments checked against specs/simulate.ts. */
export const simulate = implement(spec, async ({ checked }, ctx) => {
  const values = checked();
  const reference = referenceDesign(values.design);
  const designName = reference.name;
  const design = reference.design();
  const { out, seed } = values;
  const n = values.n ?? reference.defaultN;
  await checkOutputDir(out, values.force);
  await announceParentFolders(ctx, "simulate", out);
  const cohort = simulateCohort(design, { n, seed });
  const { table, truth } = cohort;
  const config = simulatedStudyConfig(design, seed, COHORT_FILES);
  const description = `gutresponse simulate --design ${designName} --n ${n} --seed ${seed}`;
  await writeOutputDir(out, await cohortFiles(cohort, description, config), values.force);
  ctx.stdout(
    `simulated ${n} participants (${design.visits ? "2 visits each: before and after starting" : `${truth.exposure.nExposed} users`}), ${table.featureIds.length} features, ` +
      `design '${designName}', seed ${seed} -> ${out}/\n`,
  );
  return 0;
});
