/** Shared builders for the DA tests: tables from dense counts and simulated count data. */
import { type FeatureTable, fromDense } from "../../src/core/table/feature-table.js";
import { categorical, numeric, type SampleMetadata } from "../../src/core/table/metadata.js";
import type { Rng } from "../../src/core/random/rng.js";

export function tableFromRows(rows: readonly (readonly number[])[]): FeatureTable {
  const n = rows.length;
  const m = rows[0]!.length;
  return fromDense(
    Array.from({ length: n }, (_, i) => `s${i + 1}`),
    Array.from({ length: m }, (_, j) => `t${j + 1}`),
    rows.flat(),
  );
}

export function metadataOf(
  n: number,
  columns: Record<string, readonly (string | null)[] | ArrayLike<number>>,
  levels: Record<string, readonly string[]> = {},
): SampleMetadata {
  return {
    idHeader: "sample-id",
    ids: Array.from({ length: n }, (_, i) => `s${i + 1}`),
    columns: Object.entries(columns).map(([name, values]) =>
      typeof (values as ArrayLike<unknown>)[0] === "number"
        ? numeric(name, values as ArrayLike<number>)
        : categorical(name, values as (string | null)[], levels[name]),
    ),
  };
}

/**
 * Negative-binomial counts (gamma-Poisson): n samples x m taxa, base log-abundances drawn once,
 * log fold change `effect[j]` (natural log) applied where `exposed[i]`, plus `covariateEffect[j] *
 * covariate[i]`, depth ~ exp(N(log depth, 0.5)), overdispersion 1 / size with size = 2.
 */
export function simulateCounts(
  rng: Rng,
  options: {
    n: number;
    m: number;
    exposed: ArrayLike<number>;
    effect?: ArrayLike<number>;
    covariate?: ArrayLike<number>;
    covariateEffect?: ArrayLike<number>;
    depth?: number;
  },
): number[][] {
  const { n, m, exposed } = options;
  const base = Array.from({ length: m }, () => rng.normal() * 1.5 - 0.03 * rng.int(100));
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const logMu = base.map(
      (b, j) =>
        b +
        (options.effect?.[j] ?? 0) * exposed[i]! +
        (options.covariateEffect?.[j] ?? 0) * (options.covariate?.[i] ?? 0),
    );
    const maxLog = Math.max(...logMu);
    const w = logMu.map((l) => Math.exp(l - maxLog));
    const total = w.reduce((a, b) => a + b, 0);
    const depth = (options.depth ?? 5000) * Math.exp(0.5 * rng.normal());
    rows.push(w.map((x) => rng.poisson(rng.gamma(2, 2 / ((depth * x) / total)))));
  }
  return rows;
}

export function groupLabels(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i < n / 2 ? "ctrl" : "case"));
}
