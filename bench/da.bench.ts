/**
 * Differential abundance on 200 samples x 2,000 taxa (simulated negative-binomial counts, a
 * two-level exposure and a numeric covariate, formula ~ group + age), every method timed
 * separately after one shared input preparation; ratios against MaAsLin (one shared-design least
 * squares fit, the cheapest method). ALDEx2 runs with its default mc = 128 and, for reference,
 * with two-group Welch tests (formula ~ group); then ALDEx2 again, each variant BENCH_REPS times
 * (default 3; median wall and CPU seconds, CPU of the whole process, workers included): on this
 * thread and on worker threads (src/node/aldex2-parallel.ts) as `da --threads N` runs it, the
 * whole call timed: the workers' start-up (under tsx: their TypeScript compiled), the call, their
 * closing.
 */
import { availableParallelism } from "node:os";
import { type Aldex2Options, aldex2 } from "../src/core/da/aldex2.js";
import { ancombc } from "../src/core/da/ancombc.js";
import { linda } from "../src/core/da/linda.js";
import { maaslin } from "../src/core/da/maaslin.js";
import { prepareDaInput } from "../src/core/da/prepare.js";
import { wilcoxonClr } from "../src/core/da/wilcoxon-clr.js";
import type { DaInput } from "../src/core/da/prepare.js";
import { createRng } from "../src/core/random/rng.js";
import { Aldex2Workers } from "../src/node/aldex2-parallel.js";
import { groupLabels, metadataOf, simulateCounts, tableFromRows } from "../test/da/helpers.js";

export async function run(): Promise<void> {
  const n = 200;
  const m = 2000;
  const rng = createRng(1);
  const labels = groupLabels(n);
  const exposed = labels.map((g) => (g === "case" ? 1 : 0));
  const effect = Array.from({ length: m }, (_, j) => (j < 100 ? (j % 2 === 0 ? 1 : -1) : 0));
  const t0 = performance.now();
  const table = tableFromRows(simulateCounts(rng, { n, m, exposed, effect, depth: 20_000 }));
  const age = Array.from({ length: n }, () => 40 + 10 * rng.normal());
  const metadata = metadataOf(n, { group: labels, age }, { group: ["ctrl", "case"] });
  console.log(`simulate ${n} x ${m}: ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  const time = <T>(label: string, f: () => T): number => {
    const start = performance.now();
    f();
    const s = (performance.now() - start) / 1000;
    console.log(`${label.padEnd(34)} ${s.toFixed(2)} s`);
    return s;
  };
  let input = prepareDaInput(table, metadata, { formula: "~ group + age", term: "group" });
  time("prepare (filter, design, dense)", () =>
    prepareDaInput(table, metadata, { formula: "~ group + age", term: "group" }),
  );
  console.log(`taxa tested after the 10% prevalence filter: ${input.nTaxa}`);
  const base = time("maaslin", () => maaslin(input));
  const rows: [string, number][] = [
    ["linda", time("linda", () => linda(input))],
    ["ancombc", time("ancombc", () => ancombc(input))],
    ["aldex2 (glm, mc = 128)", time("aldex2 (glm, mc = 128)", () => aldex2(input, { seed: 1 }))],
  ];
  input = prepareDaInput(table, metadata, { formula: "~ group" });
  rows.push(["aldex2 (welch, mc = 128)", time("aldex2 (welch, mc = 128)", () => aldex2(input, { seed: 1 }))]);
  rows.push(["wilcoxon_clr", time("wilcoxon_clr", () => wilcoxonClr(input))]);
  console.log(`ratio to maaslin: ${rows.map(([l, s]) => `${l} ${(s / base).toFixed(1)}x`).join(", ")}`);
  const glm = prepareDaInput(table, metadata, { formula: "~ group + age", term: "group" });
  for (const [test, data] of [
    ["welch", input],
    ["glm", glm],
  ] as const) {
    for (const threads of [1, 2, availableParallelism()].filter((t, i, all) => all.indexOf(t) === i)) {
      aldex2Repeated(`aldex2 (${test}), ${threads} thread(s)`, data, threads);
    }
  }
}

/** Median wall and CPU seconds of BENCH_REPS whole calls on `threads` threads (workers started and closed in each). */
function aldex2Repeated(label: string, input: DaInput, threads: number): void {
  const reps = Number(process.env.BENCH_REPS ?? 3);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const workers = threads > 1 ? Aldex2Workers.start(threads) : undefined;
    const options: Aldex2Options = { seed: 1, ...(workers ? { threads: workers } : {}) };
    aldex2(input, options);
    void workers?.close();
    wall.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1e6);
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;
  const all = (v: number[]) => v.map((x) => x.toFixed(2)).join(" ");
  console.log(
    `${label.padEnd(34)} wall ${median(wall).toFixed(2)} s (${all(wall)}), CPU ${median(cpu).toFixed(2)} s (${all(cpu)})`,
  );
}
