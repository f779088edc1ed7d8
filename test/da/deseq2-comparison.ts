/**
 * Our DA methods on the GlobalPatterns genus counts DESeq2 was run on (design ~ human_associated,
 * reference "no"), compared with DESeq2 1.38.3 (test/fixtures/GlobalPatterns/reference/deseq2.json):
 * Spearman correlation of the test statistics (taxa tested by both, DESeq2 stat not NA), sign
 * agreement of log2 fold changes over those taxa, and direction agreement among taxa called by both
 * (q < 0.1 and DESeq2 padj < 0.1). For reporting (docs/DA.md); the test asserts loose bounds only.
 */
import { readFileSync } from "node:fs";
import {
  type DifferentialAbundanceResult,
  differentialAbundance,
} from "../../src/core/da/differential-abundance.js";
import { fromDense } from "../../src/core/table/feature-table.js";
import { spearman } from "../../src/core/stats/correlation.js";
import { metadataOf } from "./helpers.js";

interface Deseq2Values {
  feature_ids: string[];
  log2FoldChange: (number | null)[];
  stat: (number | null)[];
  padj: (number | null)[];
}

export interface MethodAgreement {
  method: string;
  taxa: number;
  spearmanStatistic: number;
  signAgreement: number;
  calledByBoth: number;
  directionAgreement: number;
}

export function runOnGlobalPatternsGenus(seed = 42, mc = 128): DifferentialAbundanceResult {
  const g = JSON.parse(readFileSync("test/fixtures/extra/globalpatterns_genus.json", "utf8")) as {
    feature_ids: string[];
    sample_ids: string[];
    human_associated: string[];
    counts: number[][];
  };
  const n = g.sample_ids.length;
  const dense = g.sample_ids.flatMap((_, i) => g.counts.map((row) => row[i]!));
  const table = fromDense(g.sample_ids, g.feature_ids, dense);
  const md = { ...metadataOf(n, { human_associated: g.human_associated }), ids: g.sample_ids };
  return differentialAbundance(table, md, { formula: "~ human_associated", reference: "no", seed, mc });
}

export function compareWithDeseq2(result: DifferentialAbundanceResult, fdr = 0.1): MethodAgreement[] {
  const ref = (
    JSON.parse(readFileSync("test/fixtures/GlobalPatterns/reference/deseq2.json", "utf8")) as {
      results: { DESeq2: { values: Deseq2Values } };
    }
  ).results.DESeq2.values;
  const index = new Map(ref.feature_ids.map((id, k) => [id, k]));
  return result.methods.map(({ method }) => {
    const ours: number[] = [];
    const theirs: number[] = [];
    let sameSign = 0;
    let both = 0;
    let bothSame = 0;
    for (const r of result.rows) {
      if (r.method !== method) continue;
      const k = index.get(r.taxon)!;
      const stat = ref.stat[k];
      const lfc = ref.log2FoldChange[k];
      if (stat === null || stat === undefined || lfc === null || lfc === undefined) continue;
      ours.push(r.statistic);
      theirs.push(stat);
      if (Math.sign(r.log2_fold_change) === Math.sign(lfc)) sameSign++;
      const padj = ref.padj[k];
      if (r.q < fdr && padj !== null && padj !== undefined && padj < fdr) {
        both++;
        if (Math.sign(r.log2_fold_change) === Math.sign(lfc)) bothSame++;
      }
    }
    return {
      method,
      taxa: ours.length,
      spearmanStatistic: spearman(ours, theirs).r,
      signAgreement: sameSign / ours.length,
      calledByBoth: both,
      directionAgreement: both > 0 ? bothSame / both : Number.NaN,
    };
  });
}
