/**
 * Beta diversity against the shared references (test/fixtures/<dataset>/reference/beta_*.json and
 * test/fixtures/extra/diversity.json). Tolerances: 1e-9 relative against double-precision tools
 * (vegan, scikit-bio, GUniFrac); 1e-7 against Striped UniFrac `ssu`, which keeps branch lengths in
 * float32 even in its *_fp64 methods (fixture README).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { betaDiversity } from "../../src/core/beta/beta-diversity.js";
import { type DistanceMatrix, distance } from "../../src/core/beta/distance-matrix.js";
import { FIXTURES, type Json, loadReference, loadTable, loadTree, maxRelDiff } from "./fixtures.js";

function maxRelErr(ref: { ids: string[]; matrix: number[][] }, dm: DistanceMatrix): number {
  const pos = new Map(dm.ids.map((id, i) => [id, i]));
  let worst = 0;
  ref.ids.forEach((a, i) => {
    ref.ids.forEach((b, j) => {
      worst = Math.max(worst, maxRelDiff(ref.matrix[i]![j]!, distance(dm, pos.get(a)!, pos.get(b)!)));
    });
  });
  return worst;
}

const extra: Json = JSON.parse(readFileSync(resolve(FIXTURES, "extra/diversity.json"), "utf8"));

interface Case {
  file: string;
  metric: string;
  impl: string;
  tol: number;
  options?: { alpha?: number };
}

/** One case per implementation of a reference file, each with its tolerance. */
function cases(
  file: string,
  metric: string,
  tolerances: Record<string, number>,
  options?: Case["options"],
): Case[] {
  return Object.entries(tolerances).map(([impl, tol]) => ({
    file,
    metric,
    impl,
    tol,
    ...(options ? { options } : {}),
  }));
}

// ssu (Striped UniFrac) keeps branch lengths in float32: 1e-7 (SHARED_README.md)
const plain: Case[] = [
  ...cases("beta_braycurtis", "braycurtis", { vegan: 1e-9, skbio: 1e-9 }),
  ...cases("beta_jaccard", "jaccard", { vegan: 1e-9, skbio: 1e-9 }),
  // Aitchison with pseudocount 1 over ALL features (incl. the 228 all-zero OTUs of GlobalPatterns).
  ...cases("beta_aitchison", "aitchison", { vegan: 1e-9, skbio: 1e-9 }),
];
const phylo: Case[] = [
  ...cases("beta_unifrac_unweighted", "unweighted_unifrac", { skbio: 1e-9, GUniFrac: 1e-9, ssu: 1e-7 }),
  ...cases("beta_unifrac_weighted_unnormalized", "weighted_unifrac", {
    skbio: 1e-9,
    phyloseq: 1e-9,
    ssu: 1e-7,
  }),
  ...cases("beta_unifrac_weighted_normalized", "weighted_normalized_unifrac", {
    skbio: 1e-9,
    GUniFrac: 1e-9,
    ssu: 1e-7,
  }),
  ...cases(
    "beta_unifrac_generalized_a0.5",
    "generalized_unifrac",
    { GUniFrac: 1e-9, ssu: 1e-7 },
    { alpha: 0.5 },
  ),
];

for (const dataset of ["dune", "esophagus", "GlobalPatterns"]) {
  describe(`beta diversity on ${dataset}`, () => {
    const table = loadTable(dataset);
    const tree = dataset === "dune" ? undefined : loadTree(dataset);
    const cases = tree ? [...plain, ...phylo] : plain;
    for (const c of cases) {
      it(`${c.metric} matches ${c.impl} (${c.file}) to ${c.tol}`, () => {
        const ref = loadReference(dataset, c.file).results[c.impl].values;
        const dm = betaDiversity(table, c.metric, { tree, ...c.options });
        expect(maxRelErr(ref, dm)).toBeLessThanOrEqual(c.tol);
      });
    }
    it("robust_aitchison matches vegan vegdist(x, 'robust.aitchison') to 1e-9", () => {
      const dm = betaDiversity(table, "robust_aitchison");
      expect(maxRelErr(extra.results[dataset].robust_aitchison.values, dm)).toBeLessThanOrEqual(1e-9);
    });
    it("aitchison with pseudocount 0.5 matches vegan vegdist(x, 'aitchison', pseudocount = 0.5)", () => {
      const dm = betaDiversity(table, "aitchison", { pseudocount: 0.5 });
      expect(maxRelErr(extra.results[dataset]["aitchison_pc0.5"].values, dm)).toBeLessThanOrEqual(1e-9);
    });
  });
}
