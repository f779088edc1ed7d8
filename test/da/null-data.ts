/**
 * Null and planted-effect datasets for the DA calibration tests and bench/da-calibration.ts:
 * shuffled group labels of real tables — the gut template (40 human stool profiles, 50 most
 * abundant genera, drawn once as Poisson counts at depth ~10,000) and GlobalPatterns (26 samples of
 * 9 environments, 50 most abundant OTUs; a stress case: samples cluster strongly) — and simulated
 * negative-binomial counts.
 */
import { readFileSync } from "node:fs";
import { aldex2 } from "../../src/core/da/aldex2.js";
import { ancombc } from "../../src/core/da/ancombc.js";
import { linda } from "../../src/core/da/linda.js";
import { maaslin } from "../../src/core/da/maaslin.js";
import { type DaInput, prepareDaInput } from "../../src/core/da/prepare.js";
import type { DaMethodResult } from "../../src/core/da/types.js";
import { wilcoxonClr } from "../../src/core/da/wilcoxon-clr.js";
import type { Rng } from "../../src/core/random/rng.js";
import { groupLabels, metadataOf, simulateCounts, tableFromRows } from "./helpers.js";

export const METHOD_RUNNERS: Record<string, (input: DaInput, seed: number) => DaMethodResult> = {
  linda: (input) => linda(input),
  ancombc: (input) => ancombc(input),
  aldex2: (input, seed) => aldex2(input, { seed, mc: 8 }),
  maaslin: (input) => maaslin(input),
  wilcoxon_clr: (input) => wilcoxonClr(input),
};

/** GlobalPatterns counts of the `top` most abundant OTUs, samples as rows (test-only TSV split). */
export function globalPatternsTop(top: number): number[][] {
  const lines = readFileSync("test/fixtures/GlobalPatterns/table.tsv", "utf8").split("\n");
  const rows = lines
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => l.split("\t").slice(1).map(Number));
  rows.sort((a, b) => b.reduce((s, v) => s + v, 0) - a.reduce((s, v) => s + v, 0));
  const kept = rows.slice(0, top);
  return kept[0]!.map((_, i) => kept.map((r) => r[i]!));
}

/**
 * The gut template's 50 most abundant assigned genera in its first 40 samples, as counts:
 * Poisson(depth_i x relative abundance), depth_i = 10,000 exp(0.5 N(0, 1)), seeded.
 */
export function gutTemplateCounts(rng: Rng, samples = 40, top = 50): number[][] {
  const lines = readFileSync("data/gut_template/genus_relative_abundance.tsv", "utf8").trim().split("\n");
  const genera = lines
    .slice(1)
    .map((l) => l.split("\t"))
    .filter((f) => f[0] !== "unassigned")
    .map((f) => f.slice(1, samples + 1).map(Number));
  genera.sort((a, b) => b.reduce((s, v) => s + v, 0) - a.reduce((s, v) => s + v, 0));
  const kept = genera.slice(0, top);
  return Array.from({ length: samples }, (_, i) => {
    const depth = 10_000 * Math.exp(0.5 * rng.normal());
    return kept.map((g) => rng.poisson(depth * g[i]!));
  });
}

export function inputOf(rows: number[][], labels: string[]): DaInput {
  const n = rows.length;
  return prepareDaInput(tableFromRows(rows), metadataOf(n, { group: labels }, { group: ["ctrl", "case"] }), {
    formula: "~ group",
    minPrevalence: 0.1,
  });
}

export function shuffledLabels(rng: Rng, n: number): string[] {
  const labels = groupLabels(n);
  rng.shuffle(labels);
  return labels;
}

/** Simulated dataset: n x m NB counts; the first `planted` taxa change by +-effect (log) in group case. */
export function simulatedInput(rng: Rng, n: number, m: number, planted: number, effect: number): DaInput {
  const labels = groupLabels(n);
  const exposed = labels.map((g) => (g === "case" ? 1 : 0));
  const eff = Array.from({ length: m }, (_, j) => (j < planted ? (j % 2 === 0 ? effect : -effect) : 0));
  return inputOf(simulateCounts(rng, { n, m, exposed, effect: eff }), labels);
}

/** Number of taxa with q < fdr, split into planted (first `planted` taxa) and others. */
export function discoveries(
  result: DaMethodResult,
  fdr: number,
  plantedTaxa: Set<string>,
): { truePositives: number; falsePositives: number } {
  let truePositives = 0;
  let falsePositives = 0;
  for (const r of result.rows) {
    if (r.q >= fdr) continue;
    if (plantedTaxa.has(r.taxon)) truePositives++;
    else falsePositives++;
  }
  return { truePositives, falsePositives };
}

/**
 * Fraction of `datasets` null datasets in which each method (default: all) calls any taxon at
 * q < `q`.
 */
export function familyWiseRate(
  make: (k: number) => DaInput,
  datasets = 100,
  q = 0.05,
  methods: readonly string[] = Object.keys(METHOD_RUNNERS),
): Record<string, number> {
  const hits: Record<string, number> = Object.fromEntries(methods.map((m) => [m, 0]));
  for (let k = 0; k < datasets; k++) {
    const input = make(k);
    for (const name of methods) {
      if (METHOD_RUNNERS[name]!(input, k).rows.some((r) => r.q < q)) hits[name]!++;
    }
  }
  return Object.fromEntries(Object.entries(hits).map(([m, h]) => [m, h / datasets]));
}
