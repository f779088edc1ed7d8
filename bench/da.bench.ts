/**
 * Differential abundance on 200 samples x 2,000 taxa (simulated negative-binomial counts, a
 * two-level exposure and a numeric covariate, formula ~ group + age), every method timed
 * separately after one shared input preparation; ratios against MaAsLin (one shared-design least
 * squares fit, the cheapest method). ALDEx2 runs with its default mc = 128 and, for reference,
 * with two-group Welch tests (formula ~ group).
 */
import { aldex2 } from "../src/core/da/aldex2.js";
import { ancombc } from "../src/core/da/ancombc.js";
import { linda } from "../src/core/da/linda.js";
import { maaslin } from "../src/core/da/maaslin.js";
import { prepareDaInput } from "../src/core/da/prepare.js";
import { wilcoxonClr } from "../src/core/da/wilcoxon-clr.js";
import { createRng } from "../src/core/random/rng.js";
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
}
