/**
 * Agreement of linda and maaslin with LinDA 0.2.0 and Maaslin2 1.15.1 on the golden datasets
 * (test/fixtures/extra/da-reference/): per analysis, method and term, taxa tested, Pearson r of
 * log2 fold changes, largest relative differences and calls at q < 0.1 (figures in docs/DA.md).
 * Run: node --import tsx bench/da-reference.ts
 */
import { CASES, referenceAgreements } from "../test/da/linda-maaslin-reference.js";

const e = (x: number): string => x.toExponential(1);
console.log(
  "| analysis | method | term | taxa | Pearson r | max rel. diff lfc / se / p / q | calls q < 0.1 (ours / R) |",
);
console.log("|---|---|---|---|---|---|---|");
for (const c of CASES) {
  for (const a of referenceAgreements(c)) {
    console.log(
      `| ${a.analysis} | ${a.method} | ${a.term} | ${a.taxa}${a.sameTaxa ? "" : " (different taxa)"} | ${a.pearson.toFixed(10)} | ${e(a.maxRelLfc)} / ${e(a.maxRelSe)} / ${e(a.maxRelP)} / ${e(a.maxRelQ)} | ${a.calls.ours} / ${a.calls.theirs} |`,
    );
  }
}
