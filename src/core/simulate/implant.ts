/**
 * Signal implantation into one template profile (Wirbel et al. 2024, Genome Biol 25:31,
 * doi:10.1186/s13059-024-03169-z), in place on a relative-abundance vector a (sum 1):
 *
 * - prevalence shift: if a_g = 0, set a_g = v, where v is the abundance of taxon g in a template
 *   profile that carries it (chosen by the caller);
 * - abundance shift / covariate effect: a_g <- f_g a_g for the chosen taxa;
 * - renormalise: a <- a / sum(a).
 *
 * Invariant (tested): for a planted taxon g and any untouched taxon j, log(a_g / a_j) changes by
 * exactly log f_g; the relative abundance of g itself goes to f a / (1 + (f - 1) a), and every
 * untouched taxon shrinks by the same factor. This is why recovery is checked on log ratios to
 * untouched taxa, not on raw relative abundances.
 */

export function scaleTaxon(profile: Float64Array, taxon: number, foldChange: number): void {
  profile[taxon]! *= foldChange;
}

/** Gives an absent taxon the abundance `value`; returns whether it was added. */
export function addTaxonIfAbsent(profile: Float64Array, taxon: number, value: number): boolean {
  if (profile[taxon] !== 0) return false;
  profile[taxon] = value;
  return true;
}

export function renormalise(profile: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < profile.length; i++) sum += profile[i]!;
  if (!(sum > 0)) throw new RangeError("cannot renormalise an all-zero profile");
  for (let i = 0; i < profile.length; i++) profile[i]! /= sum;
}
