/**
 * `gutresponse simulate`: writes a simulated cohort (signal implantation into the human gut
 * template) as a ready study folder: table.biom (BIOM 2.1 HDF5), table.tsv, taxonomy.tsv,
 * metadata.tsv (QIIME 2, #q2:types), truth.json (the planted effects) and study.yaml.
 */
import { InputError } from "../../core/errors.js";
import type { CohortDesign } from "../../core/simulate/design.js";
import {
  KRATOM_DEFAULT_N,
  kratomDesign,
  kratomLongitudinalDesign,
  nullDesign,
} from "../../core/simulate/kratom-design.js";
import { simulateCohort } from "../../core/simulate/simulate-cohort.js";
import { simulatedStudyConfig } from "../../core/simulate/study-config.js";
import { COHORT_FILES, cohortFiles } from "../../node/cohort-files.js";
import { checkOutputDir, writeOutputDir } from "../../node/output-dir.js";
import { intOption, parseCommandArgs, requireOption } from "../args.js";
import type { Command } from "../command.js";
import { announceParentFolders } from "../output.js";

/** The designs `--design` names. */
const DESIGNS: Record<string, () => CohortDesign> = {
  kratom: () => kratomDesign(),
  null: () => nullDesign(),
  "kratom-longitudinal": () => kratomLongitudinalDesign(),
};

/** The cohort design named by `--design`, or an InputError listing the available ones. */
export function designOption(name: string | undefined): CohortDesign {
  const make = DESIGNS[name ?? "kratom"];
  if (!make) {
    throw InputError.single({
      code: "bad_argument",
      message: `unknown --design '${name}'`,
      hint: `choose one of: ${Object.keys(DESIGNS).join(", ")}`,
    });
  }
  return make();
}
const DEFAULT_SEED = 42;

export const simulate: Command = {
  name: "simulate",
  summary: "simulate a cohort (kratom reference design or a null design) as a ready study folder",
  help: `gutresponse simulate --design kratom|null|kratom-longitudinal [--n ${KRATOM_DEFAULT_N}] [--seed N] --out DIR [--force]

Simulates a cohort by signal implantation (Wirbel et al. 2024): each participant's gut profile is
a real human stool profile (Arumugam et al. 2011) with effects planted where the design says, reads
are drawn at a realistic depth, and outcomes come from the true abundances. The data are simulated:
no real participant is represented.

  --design kratom   users vs non-users; Faecalibacterium x2 and Akkermansia x3 in users; an age
                    confounder; pain relief linked to Faecalibacterium, constipation to Clostridium
  --design null     nothing planted (for calibration)
  --design kratom-longitudinal
                    each participant sampled before and after starting (2 samples per person,
                    subject_id and visit columns); the kratom shifts at the follow-up visit
  --n N             participants (default ${KRATOM_DEFAULT_N})
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
    const design = designOption(designName);
    const out = requireOption("simulate", values.out, "out");
    const n = intOption("simulate", values.n, "n", KRATOM_DEFAULT_N, 1);
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
