/**
 * LinDA and MaAsLin on the data of the golden reference runs
 * (test/fixtures/extra/da-reference/linda_maaslin.R: LinDA 0.2.0 `linda()`, MicrobiomeStat 1.5.0
 * `linda()`, Maaslin2 1.15.1 `Maaslin2()`), compared per analysis and tested term: taxa tested, largest relative difference of
 * log2 fold change, se, p and q, Pearson r of the log2 fold changes, calls at q < 0.1.
 * Used by test/da/linda-maaslin-reference.test.ts and bench/da-reference.ts (docs/DA.md figures).
 */
import { readFileSync } from "node:fs";
import { type LindaOptions, linda } from "../../src/core/da/linda.js";
import { maaslin } from "../../src/core/da/maaslin.js";
import { type DaInput, prepareDaInput } from "../../src/core/da/prepare.js";
import type { DaRow } from "../../src/core/da/types.js";
import { type FeatureTable, fromDense } from "../../src/core/table/feature-table.js";
import { numeric, type SampleMetadata } from "../../src/core/table/metadata.js";
import { parseBiomTsv } from "../../src/io/biom-tsv.js";
import { parseMetadata } from "../../src/io/metadata.js";
import { metadataOf } from "./helpers.js";

const DIR = "test/fixtures/extra/da-reference";

interface LindaColumn {
  taxa: string[];
  log2FoldChange: number[];
  lfcSE: number[];
  pvalue: number[];
  padj: number[];
  df: number;
}
export interface LindaRun {
  output: Record<string, LindaColumn>;
  bias: Record<string, number>;
  zero_handling: string;
}
interface MaaslinRun {
  taxon: string[];
  name: string[];
  coef: number[];
  stderr: number[];
  pval: number[];
  qval: number[];
}
interface Analysis {
  name: string;
  formula: string;
  linda: LindaRun;
  linda_winsor: LindaRun;
  linda_microbiomestat: LindaRun;
  maaslin2: MaaslinRun;
}
export const ref = JSON.parse(readFileSync(`${DIR}/linda_maaslin.json`, "utf8")) as {
  prev_cut: number;
  gp_log_depth: number[];
  mode_sample: number[];
  meanshift_mode: number;
  analyses: Record<string, Analysis>;
};

function globalPatterns(): { table: FeatureTable; metadata: SampleMetadata } {
  const g = JSON.parse(readFileSync("test/fixtures/extra/globalpatterns_genus.json", "utf8")) as {
    feature_ids: string[];
    sample_ids: string[];
    human_associated: string[];
    counts: number[][];
  };
  const dense = g.sample_ids.flatMap((_, i) => g.counts.map((row) => row[i]!));
  const table = fromDense(g.sample_ids, g.feature_ids, dense);
  const md = metadataOf(g.sample_ids.length, { human_associated: g.human_associated });
  return {
    table,
    metadata: { ...md, ids: g.sample_ids, columns: [...md.columns, numeric("log_depth", ref.gp_log_depth)] },
  };
}

function fixture(dir: string): { table: FeatureTable; metadata: SampleMetadata } {
  return {
    table: parseBiomTsv(readFileSync(`${dir}/table.tsv`, "utf8"), `${dir}/table.tsv`).table,
    metadata: parseMetadata(readFileSync(`${dir}/metadata.tsv`, "utf8"), `${dir}/metadata.tsv`),
  };
}

const gp = globalPatterns();
const kratom = fixture(`${DIR}/kratom65`);
const dune = fixture("test/fixtures/dune");

/** Each analysis of the R script: data, the term tested and its reference level. */
export const CASES: { name: string; data: typeof gp; reference?: string }[] = [
  { name: "gp_human", data: gp, reference: "no" },
  { name: "gp_human_depth", data: gp, reference: "no" },
  { name: "kratom_use", data: kratom, reference: "non_user" },
  { name: "kratom_use_age", data: kratom, reference: "non_user" },
  { name: "kratom_dose_age", data: kratom },
  { name: "dune_a1", data: dune },
  { name: "dune_management_a1", data: dune, reference: "BF" },
];

export function inputFor(c: (typeof CASES)[number]): DaInput {
  const a = ref.analyses[c.name]!;
  return prepareDaInput(c.data.table, c.data.metadata, {
    formula: a.formula,
    minPrevalence: ref.prev_cut,
    ...(c.reference === undefined ? {} : { reference: c.reference }),
  });
}

export const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1, Math.abs(b));

export interface Agreement {
  analysis: string;
  method: string;
  term: string;
  sameTaxa: boolean;
  taxa: number;
  maxRelLfc: number;
  maxRelSe: number;
  maxRelP: number;
  maxRelQ: number;
  pearson: number;
  calls: { ours: number; theirs: number; same: boolean };
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Compares our rows of one term with reference columns given per taxon. */
/** Compares our rows of one term with reference columns given per taxon. */
function agreement(
  label: { analysis: string; method: string; term: string },
  rows: readonly DaRow[],
  taxa: readonly string[],
  lfc: readonly number[],
  se: readonly number[],
  p: readonly number[],
  q: readonly number[],
): Agreement {
  const byTaxon = new Map(rows.map((r) => [r.taxon, r]));
  const a: Agreement = {
    ...label,
    sameTaxa: byTaxon.size === taxa.length && taxa.every((t) => byTaxon.has(t)),
    taxa: taxa.length,
    maxRelLfc: 0,
    maxRelSe: 0,
    maxRelP: 0,
    maxRelQ: 0,
    pearson: Number.NaN,
    calls: { ours: 0, theirs: 0, same: true },
  };
  if (!a.sameTaxa) return a;
  const ours: number[] = [];
  taxa.forEach((t, k) => {
    const r = byTaxon.get(t)!;
    ours.push(r.log2_fold_change);
    a.maxRelLfc = Math.max(a.maxRelLfc, rel(r.log2_fold_change, lfc[k]!));
    a.maxRelSe = Math.max(a.maxRelSe, rel(r.se, se[k]!));
    a.maxRelP = Math.max(a.maxRelP, rel(r.p, p[k]!));
    a.maxRelQ = Math.max(a.maxRelQ, rel(r.q, q[k]!));
    if (r.q < 0.1) a.calls.ours++;
    if (q[k]! < 0.1) a.calls.theirs++;
    if (r.q < 0.1 !== q[k]! < 0.1) a.calls.same = false;
  });
  a.pearson = pearson(ours, lfc);
  return a;
}

function lindaAgreements(
  analysis: string,
  input: DaInput,
  run: LindaRun,
  method: string,
  options: LindaOptions,
): Agreement[] {
  const result = linda(input, options);
  return input.termNames.map((term) => {
    const col = run.output[term];
    if (col === undefined || col.df !== result.summary.parameters.df) {
      throw new Error(`${analysis} ${method} ${term}: no reference column or different df`);
    }
    return agreement(
      { analysis, method, term },
      result.rows.filter((r) => r.term === term),
      col.taxa,
      col.log2FoldChange,
      col.lfcSE,
      col.pvalue,
      col.padj,
    );
  });
}

function maaslinAgreements(analysis: string, input: DaInput, run: MaaslinRun): Agreement[] {
  const { rows } = maaslin(input);
  return input.termNames.map((term) => {
    const k = run.name.flatMap((nm, i) => (nm === term ? [i] : []));
    const pick = (v: number[]): number[] => k.map((i) => v[i]!);
    return agreement(
      { analysis, method: "maaslin", term },
      rows.filter((r) => r.term === term),
      k.map((i) => run.taxon[i]!),
      pick(run.coef),
      pick(run.stderr),
      pick(run.pval),
      pick(run.qval),
    );
  });
}

/** MicrobiomeStat 1.5.0 `linda()` defaults in our options (see linda.ts). */
export const MICROBIOMESTAT: LindaOptions = { winsorQuantile: 0.97, zeroHandling: "pseudocount" };

/**
 * Every comparison, per term: linda (LinDA defaults), linda with winsorisation 0.97
 * (`linda(winsor.quan = 0.97)`), linda with MicrobiomeStat's behaviour (its `linda()`), maaslin.
 */
export function referenceAgreements(c: (typeof CASES)[number]): Agreement[] {
  const a = ref.analyses[c.name]!;
  const input = inputFor(c);
  return [
    ...lindaAgreements(c.name, input, a.linda, "linda", {}),
    ...lindaAgreements(c.name, input, a.linda_winsor, "linda winsorQuantile 0.97", { winsorQuantile: 0.97 }),
    ...lindaAgreements(c.name, input, a.linda_microbiomestat, "linda as MicrobiomeStat", MICROBIOMESTAT),
    ...maaslinAgreements(c.name, input, a.maaslin2),
  ];
}
