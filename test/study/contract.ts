/**
 * The results contract (docs/RESULTS.md): each TSV's columns, as users' scripts rely on them, written
 * here apart from the code that writes them (one line per file, columns in order).
 */
const columns = (names: string): string[] => names.split(" ");

/** Columns per file of the results folder. */
export const CONTRACT_COLUMNS: Record<string, string[]> = {
  "alpha_tests.tsv": columns("metric term test statistic p q"),
  "permanova.tsv": columns("metric term df sum_of_squares r2 F p permutations"),
  "permdisp.tsv": columns("metric term F p permutations"),
  "differential_abundance.tsv": columns(
    "taxon method term contrast log2_fold_change se statistic p q prevalence mean_relative_abundance",
  ),
  "consensus.tsv": columns(
    "taxon term contrast direction methods_significant methods_tested log2_fold_change_median",
  ),
  "associations.tsv": columns("outcome taxon method contrast estimate estimate_scale se statistic p q n"),
  "hypotheses.tsv": columns("taxon target direction estimate se p p_adjusted confirmed"),
  "sensitivity.tsv": columns("finding analysis held variants not_held_in"),
  "sensitivity_variants.tsv": columns("finding analysis variant estimate p q holds"),
  "calibration.tsv": columns(
    "analysis method shuffled observed_calls shuffles mean_calls shuffles_with_calls max_calls",
  ),
  "prediction.tsv": columns("target model metric estimate ci_low ci_high null_p"),
};
