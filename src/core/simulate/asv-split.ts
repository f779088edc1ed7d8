/**
 * Feature layout of a simulated table: each template taxon becomes 1..maxAsvs amplicon sequence
 * variants (ASVs), as a 16S pipeline (DADA2, Callahan et al. 2016, Nat Methods 13:581,
 * doi:10.1038/nmeth.3869) resolves several sequence variants per genus. The number of ASVs of a
 * taxon is uniform on 1..maxAsvs and their shares within the taxon are Dirichlet(1, ..., 1)
 * (normalised exponentials), fixed for the cohort. Feature IDs are `ASV_0001`, `ASV_0002`, ... in
 * taxon order (the gut template is sorted by mean abundance, so low numbers are common taxa).
 * With maxAsvs = 1 no random numbers are drawn.
 */
import type { Rng } from "../random/rng.js";

export interface FeatureLayout {
  readonly featureIds: readonly string[];
  /** Template taxon index of each feature. */
  readonly taxonOf: Int32Array;
  /** Share of its taxon's abundance that each feature carries (sums to 1 within a taxon). */
  readonly share: Float64Array;
}

export function splitIntoAsvs(rng: Rng, nTaxa: number, maxAsvs: number): FeatureLayout {
  const taxonOf: number[] = [];
  const share: number[] = [];
  for (let t = 0; t < nTaxa; t++) {
    const k = maxAsvs > 1 ? 1 + rng.int(maxAsvs) : 1;
    const first = share.length;
    let total = 0;
    for (let j = 0; j < k; j++) {
      const e = k === 1 ? 1 : -Math.log(1 - rng.uniform());
      taxonOf.push(t);
      share.push(e);
      total += e;
    }
    for (let j = first; j < share.length; j++) share[j]! /= total;
  }
  const width = Math.max(4, String(taxonOf.length).length);
  const featureIds = taxonOf.map((_, f) => `ASV_${String(f + 1).padStart(width, "0")}`);
  return { featureIds, taxonOf: Int32Array.from(taxonOf), share: Float64Array.from(share) };
}

/** Feature weights from a taxon profile: w_f = a_taxon(f) * share_f. */
export function expandToFeatures(layout: FeatureLayout, profile: Float64Array, out: Float64Array): void {
  for (let f = 0; f < layout.taxonOf.length; f++) out[f] = profile[layout.taxonOf[f]!]! * layout.share[f]!;
}
