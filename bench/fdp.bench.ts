/**
 * The calibration grid of docs/DA.md and docs/POWER.md ("Calibration"): mean false-discovery
 * proportion at q < 0.1 of each DA method, the consensus and the association scan, on the kratom and
 * null designs, as `gutresponse power` computes it (power.ts: FDP = V / max(R, 1) per replicate,
 * averaged), plus power for Faecalibacterium x2 and pain_relief ~ Faecalibacterium.
 * Run: node --import tsx bench/fdp.bench.ts [--n 65,200,400] [--reps 100] [--threads 2]
 *        [--methods linda,ancombc,maaslin] [--designs kratom,null] [--assoc-model linda]
 * (`npm run bench -- fdp` runs a small grid: n = 65, 10 replicates.) Seed 42, as `power`.
 */
import { parseArgs } from "node:util";
import type { AssociationModel } from "../src/core/assoc/associations.js";
import type { DaMethodName } from "../src/core/da/types.js";
import { kratomDesign, nullDesign } from "../src/core/simulate/designs/kratom.js";
import { DEFAULT_POWER_METHODS, type PowerResult } from "../src/core/simulate/power.js";
import { powerAnalysisParallel } from "../src/node/power-parallel.js";

interface Grid {
  sizes: number[];
  reps: number;
  threads: number;
  methods: DaMethodName[];
  designs: string[];
  assocModel?: AssociationModel;
}

const DESIGNS = { kratom: kratomDesign, null: nullDesign } as const;

export async function runGrid(grid: Grid): Promise<void> {
  const started = Date.now();
  for (const name of grid.designs) {
    const design = DESIGNS[name as keyof typeof DESIGNS]();
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
        },
        grid.threads,
      );
      const cells = r.fdp.map((f) => `${f.method} ${f.mean_fdp.toFixed(3)}±${f.fdp_se.toFixed(3)}`);
      const power = r.rows
        .filter((p) => p.effect === "Faecalibacterium" || p.effect === "pain_relief ~ Faecalibacterium")
        .map((p) => `${p.method}/${p.effect} ${p.power.toFixed(2)}`);
      process.stdout.write(
        `${name} n=${n} reps=${grid.reps} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n  mean FDP: ${cells.join(", ")}\n` +
          (power.length > 0 ? `  power: ${power.join(", ")}\n` : ""),
      );
    }
  }
  process.stdout.write(`total ${((Date.now() - started) / 1000).toFixed(0)} s, ${grid.threads} thread(s)\n`);
}

export async function run(): Promise<void> {
  await runGrid({
    sizes: [65],
    reps: 10,
    threads: 2,
    methods: [...DEFAULT_POWER_METHODS],
    designs: ["kratom", "null"],
  });
}

const invokedDirectly = process.argv[1]?.endsWith("fdp.bench.ts") === true;
if (invokedDirectly) {
  const { values } = parseArgs({
    options: {
      n: { type: "string", default: "65,200,400" },
      reps: { type: "string", default: "100" },
      threads: { type: "string", default: "2" },
      methods: { type: "string", default: DEFAULT_POWER_METHODS.join(",") },
      designs: { type: "string", default: "kratom,null" },
      "assoc-model": { type: "string" },
    },
  });
  await runGrid({
    sizes: values.n.split(",").map(Number),
    reps: Number(values.reps),
    threads: Number(values.threads),
    methods: values.methods.split(",") as DaMethodName[],
    designs: values.designs.split(","),
    ...(values["assoc-model"] ? { assocModel: values["assoc-model"] as AssociationModel } : {}),
  });
}
