/**
 * The calibration grid of docs/DA.md and docs/POWER.md ("Calibration"): per design and n, every test
 * family `gutresponse power` scores (each DA method, the consensus of the voting methods, the
 * association scans of pain_relief and constipation, the confirmatory hypotheses): mean
 * false-discovery proportion at q < 0.1 ± its Monte Carlo standard error (power.ts: FDP = V / max(R,
 * 1) per replicate, averaged), calls per replicate and the share of replicates with a false call;
 * then power for the planted effects (Faecalibacterium x2, Akkermansia x3, pain_relief ~
 * Faecalibacterium, constipation ~ Clostridium) per family.
 * Run: node --import tsx bench/fdp.bench.ts [--n 65,200,400] [--reps 100] [--threads 2]
 *        [--methods linda,ancombc,aldex2,maaslin] [--designs kratom,null] [--assoc-model agreement]
 *        [--mc 128] [--json out.jsonl] [--template-draw balanced] [--template illumina]
 * Designs: kratom, null, real (real-profile label shuffles, below; use n <= 126 for no reuse).
 * `--json` appends one JSON line per (design, n) cell: the FdpRow and PowerRow lists of power.ts.
 * (`npm run bench -- fdp` runs a small grid: n = 65, 10 replicates.) Seed 42, as `power`.
 * Default methods: the DA registry's consensus voters under covariates (every method but
 * wilcoxon_clr), so the `consensus` family is the one `da` and `run` report.
 */
import { appendFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { AssociationModel } from "../src/core/assoc/associations.js";
import { DA_METHODS, type DaMethodName } from "../src/core/da/types.js";
import { kratomDesign, nullDesign } from "../src/core/simulate/designs/kratom.js";
import { gutTemplate, isIlluminaGutProfile, selectTemplateSamples } from "../src/core/simulate/template.js";
import type { PowerResult } from "../src/core/simulate/power.js";
import { powerAnalysisParallel } from "../src/node/power-parallel.js";

interface Grid {
  sizes: number[];
  reps: number;
  threads: number;
  methods: DaMethodName[];
  designs: string[];
  assocModel?: AssociationModel;
  mc?: number;
  json?: string;
  /** `illumina`: the gut template's 85 Illumina profiles only (`--template illumina`). */
  template?: "illumina";
  /** Overrides every design's `templateDraw` (`--template-draw balanced`). */
  templateDraw?: "with_replacement" | "balanced";
}

/**
 * `real`: real-profile label shuffles — the null design (nothing planted; covariates drawn
 * independently of the profiles) with each participant one real template profile, none reused
 * (`templateDraw: "balanced"`: n = 65 drawn without replacement, n = 126 all of them), counts by
 * multinomial sampling at the design's depth, and exposure labels shuffled over 35 of 65 (the same
 * share at other n). Every call is false; its FDP separates the methods from the simulator.
 */
const DESIGNS = {
  kratom: kratomDesign,
  null: nullDesign,
  real: () =>
    nullDesign({ name: "real-profile shuffles", templateDraw: "balanced", exposedProportion: 35 / 65 }),
} as const;
const VOTING_METHODS = DA_METHODS.filter((m) => m !== "wilcoxon_clr");

export async function runGrid(grid: Grid): Promise<void> {
  const started = Date.now();
  for (const name of grid.designs) {
    const base = DESIGNS[name as keyof typeof DESIGNS]();
    const design = {
      ...base,
      ...(grid.templateDraw ? { templateDraw: grid.templateDraw } : {}),
      ...(grid.template ? { template: selectTemplateSamples(gutTemplate(), isIlluminaGutProfile) } : {}),
    };
    for (const n of grid.sizes) {
      const t0 = Date.now();
      const r: PowerResult = await powerAnalysisParallel(
        {
          design,
          sizes: [n],
          reps: grid.reps,
          methods: grid.methods,
          seed: 42,
          ...(grid.assocModel ? { assocModel: grid.assocModel } : {}),
          ...(grid.mc === undefined ? {} : { mc: grid.mc }),
        },
        grid.threads,
      );
      const seconds = (Date.now() - t0) / 1000;
      const fdp = r.fdp.map(
        (f) =>
          `    ${f.method.padEnd(32)} FDP ${f.mean_fdp.toFixed(3)} ± ${f.fdp_se.toFixed(3)}` +
          `  calls/rep ${f.mean_calls.toFixed(2)}  any false ${f.any_false_call.toFixed(2)}`,
      );
      const power = r.rows.map(
        (p) => `    ${p.method.padEnd(32)} ${p.effect.padEnd(34)} ${p.power.toFixed(2)}`,
      );
      process.stdout.write(
        `${name}${grid.templateDraw ? ` (${grid.templateDraw})` : ""}${grid.template ? ` (${grid.template} template)` : ""} n=${n} reps=${grid.reps} methods=${grid.methods.join(",")} (${seconds.toFixed(0)} s)\n` +
          `  mean FDP at q < ${r.fdr}:\n${fdp.join("\n")}\n` +
          (power.length > 0 ? `  power:\n${power.join("\n")}\n` : ""),
      );
      if (grid.json) {
        const cell = {
          design: name,
          templateDraw: design.templateDraw ?? "with_replacement",
          template: grid.template ?? "gut (126)",
          n,
          reps: grid.reps,
          methods: grid.methods,
          seconds,
          fdp: r.fdp,
          power: r.rows,
        };
        appendFileSync(grid.json, `${JSON.stringify(cell)}\n`);
      }
    }
  }
  process.stdout.write(`total ${((Date.now() - started) / 1000).toFixed(0)} s, ${grid.threads} thread(s)\n`);
}

export async function run(): Promise<void> {
  await runGrid({ sizes: [65], reps: 10, threads: 2, methods: VOTING_METHODS, designs: ["kratom", "null"] });
}

const invokedDirectly = process.argv[1]?.endsWith("fdp.bench.ts") === true;
if (invokedDirectly) {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "65,200,400" },
      reps: { type: "string", default: "100" },
      threads: { type: "string", default: "2" },
      methods: { type: "string", default: VOTING_METHODS.join(",") },
      designs: { type: "string", default: "kratom,null" },
      "assoc-model": { type: "string" },
      mc: { type: "string" },
      json: { type: "string" },
      "template-draw": { type: "string" },
      template: { type: "string" },
    },
  });
  await runGrid({
    sizes: values.n.split(",").map(Number),
    reps: Number(values.reps),
    threads: Number(values.threads),
    methods: values.methods.split(",") as DaMethodName[],
    designs: values.designs.split(","),
    ...(values["assoc-model"] ? { assocModel: values["assoc-model"] as AssociationModel } : {}),
    ...(values.mc ? { mc: Number(values.mc) } : {}),
    ...(values.json ? { json: values.json } : {}),
    ...(values.template === "illumina" ? { template: "illumina" as const } : {}),
    ...(values["template-draw"]
      ? { templateDraw: values["template-draw"] as "with_replacement" | "balanced" }
      : {}),
  });
}
