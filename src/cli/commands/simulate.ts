/**
 * `gutresponse simulate`: writes a simulated cohort (signal implantation into the human gut
 * template) as a ready study folder: table.biom (BIOM 2.1 HDF5), table.tsv, taxonomy.tsv,
 * metadata.tsv (QIIME 2, #q2:types), truth.json (the planted effects) and study.yaml.
 */
import { REFERENCE_DESIGNS, referenceDesign } from "../../core/simulate/designs/index.js";
import { simulateCohort } from "../../core/simulate/simulate-cohort.js";
import { simulatedStudyConfig } from "../../core/simulate/study-config.js";
import { COHORT_FILES, cohortFiles } from "../../node/cohort-files.js";
import { checkOutputDir, writeOutputDir } from "../../node/output-dir.js";
import { designHelp, intOption, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { announceParentFolders } from "../output.js";

const DEFAULT_SEED = 42;

export const simulate: Command = {
  name: "simulate",
  summary: "simulate a cohort (a reference design or a null design) as a ready study folder",
  help: `gutresponse simulate --design ${REFERENCE_DESIGNS.map((d) => d.name).join("|")} [--n N] [--seed N] --out DIR [--force]

Simulates a cohort by signal implantation (Wirbel et al. 2024): each participant's gut profile is
a real human stool profile (Arumugam et al. 2011) with effects planted where the design says, reads
are drawn at a realistic depth, and outcomes come from the true abundances. The data are simulated:
no real participant is represented.

${designHelp()}
  --n N             participants (default: the design's, e.g. 65 for kratom)
  --seed N          random seed (default ${DEFAULT_SEED}); the same seed gives the same data
  --out DIR         output folder (must be empty or new, unless --force)

Writes: table.biom (BIOM 2.1 HDF5), table.tsv, taxonomy.tsv, metadata.tsv, truth.json, study.yaml

Example:
  gutresponse simulate --design kratom --n 65 --seed 1 --out cohort && gutresponse run cohort/study.yaml`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("simulate", argv, {
      design: { type: "string" },
      n: { type: "string" },
      seed: { type: "string" },
      out: { type: "string" },
      force: { type: "boolean" },
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const designName = values.design ?? "kratom";
    const reference = referenceDesign(designName);
    const design = reference.design();
    const out = requireOption("simulate", values.out, "out");
    const n = intOption("simulate", values.n, "n", reference.defaultN, 1);
    const seed = intOption("simulate", values.seed, "seed", DEFAULT_SEED, 0);
    await checkOutputDir(out, values.force === true);
    await announceParentFolders(ctx, "simulate", out);
    const cohort = simulateCohort(design, { n, seed });
    const { table, truth } = cohort;
    const config = simulatedStudyConfig(design, seed, COHORT_FILES);
    const description = `gutresponse simulate --design ${designName} --n ${n} --seed ${seed}`;
    await writeOutputDir(out, await cohortFiles(cohort, description, config), values.force === true);
    ctx.stdout(
      `simulated ${n} participants (${design.visits ? "2 visits each: before and after starting" : `${truth.exposure.nExposed} users`}), ${table.featureIds.length} features, ` +
        `design '${designName}', seed ${seed} -> ${out}/\n`,
    );
    return 0;
  },
};
