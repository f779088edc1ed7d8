/**
 * Power analysis cost: one replicate (simulate, collapse to genus, LinDA + ANCOM-BC + MaAsLin, the
 * two association scans, scoring) at several cohort sizes, in this thread. Baseline: n = 30.
 * Multiply by sizes x reps / threads for a run (`gutresponse power`, see docs/POWER.md).
 */
import { kratomDesign } from "../src/core/simulate/designs/kratom.js";
import { powerTasks } from "../src/core/simulate/power.js";
import { runPowerReplicate } from "../src/core/simulate/power-replicate.js";

export async function run(): Promise<void> {
  const { config, tasks } = powerTasks({
    design: kratomDesign(),
    sizes: [30, 100, 400],
    reps: 2,
    methods: ["linda", "ancombc", "maaslin"],
    seed: 1,
  });
  runPowerReplicate(config, tasks[0]!); // warm-up
  let base = 0;
  for (const n of [30, 100, 400]) {
    const mine = tasks.filter((t) => t.n === n);
    const t0 = performance.now();
    for (const task of mine) runPowerReplicate(config, task);
    const ms = (performance.now() - t0) / mine.length;
    if (n === 30) base = ms;
    const ratio = n === 30 ? "(baseline)" : `(${(ms / base).toFixed(1)}x baseline)`;
    process.stdout.write(`one replicate n=${n}: ${ms.toFixed(0)} ms ${ratio}\n`);
  }
}
