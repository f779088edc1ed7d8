/**
 * The methods and citations a study run names in its report: one record per method that actually
 * ran, with the full reference (DOI) and one sentence on how it was used.
 */
import type { MethodRecord } from "./results.js";

type MethodId =
  | "rarefaction"
  | "alpha"
  | "wilcoxon"
  | "kruskal"
  | "ols"
  | "lmm"
  | "braycurtis"
  | "jaccard"
  | "aitchison"
  | "robust_aitchison"
  | "unifrac"
  | "generalized_unifrac"
  | "pcoa"
  | "permanova"
  | "permdisp"
  | "bh"
  | "holm"
  | "linda"
  | "ancombc"
  | "aldex2"
  | "maaslin"
  | "wilcoxon_clr"
  | "associations"
  | "calibration"
  | "elastic_net"
  | "random_forest"
  | "nested_cv";

const CATALOGUE: Record<MethodId, Omit<MethodRecord, "id" | "description">> = {
  rarefaction: {
    name: "Rarefaction",
    citation:
      "Weiss S et al. (2017) Normalization and microbial differential abundance strategies depend upon data characteristics. Microbiome 5:27. doi:10.1186/s40168-017-0237-y",
  },
  alpha: {
    name: "Alpha diversity",
    citation:
      "Shannon CE (1948) Bell Syst Tech J 27:379; Simpson EH (1949) Nature 163:688; Chao A (1984) Scand J Stat 11:265; Pielou EC (1966) J Theor Biol 13:131; Good IJ (1953) Biometrika 40:237; Faith DP (1992) Biol Conserv 61:1. doi:10.1016/0006-3207(92)91201-3",
  },
  wilcoxon: {
    name: "Wilcoxon rank-sum test",
    citation:
      "Wilcoxon F (1945) Individual comparisons by ranking methods. Biometrics Bull 1:80. doi:10.2307/3001968",
  },
  kruskal: {
    name: "Kruskal–Wallis test",
    citation: "Kruskal WH, Wallis WA (1952) J Am Stat Assoc 47:583. doi:10.1080/01621459.1952.10483441",
  },
  lmm: {
    name: "Linear mixed model (random intercept per subject), Satterthwaite tests",
    citation:
      "Bates D, Mächler M, Bolker B, Walker S (2015) Fitting linear mixed-effects models using lme4. J Stat Softw 67(1). doi:10.18637/jss.v067.i01; Kuznetsova A, Brockhoff PB, Christensen RHB (2017) lmerTest package: tests in linear mixed effects models. J Stat Softw 82(13). doi:10.18637/jss.v082.i13",
  },
  ols: {
    name: "Linear model (OLS)",
    citation: "Chambers JM, Hastie TJ (1992) Statistical Models in S. Wadsworth & Brooks/Cole",
  },
  braycurtis: {
    name: "Bray–Curtis dissimilarity",
    citation: "Bray JR, Curtis JT (1957) Ecol Monogr 27:325. doi:10.2307/1942268",
  },
  jaccard: {
    name: "Jaccard distance",
    citation: "Jaccard P (1912) New Phytol 11:37. doi:10.1111/j.1469-8137.1912.tb05611.x",
  },
  aitchison: {
    name: "Aitchison distance",
    citation:
      "Aitchison J (1982) J R Stat Soc B 44:139; Gloor GB et al. (2017) Front Microbiol 8:2224. doi:10.3389/fmicb.2017.02224",
  },
  robust_aitchison: {
    name: "Robust Aitchison distance",
    citation: "Martino C et al. (2019) mSystems 4:e00016-19. doi:10.1128/mSystems.00016-19",
  },
  unifrac: {
    name: "UniFrac",
    citation:
      "Lozupone C, Knight R (2005) Appl Environ Microbiol 71:8228; Lozupone CA et al. (2007) Appl Environ Microbiol 73:1576; McDonald D et al. (2018) Nat Methods 15:847. doi:10.1038/s41592-018-0187-8",
  },
  generalized_unifrac: {
    name: "Generalized UniFrac",
    citation: "Chen J et al. (2012) Bioinformatics 28:2106. doi:10.1093/bioinformatics/bts342",
  },
  pcoa: {
    name: "Principal coordinates analysis",
    citation: "Gower JC (1966) Biometrika 53:325. doi:10.1093/biomet/53.3-4.325",
  },
  permanova: {
    name: "PERMANOVA",
    citation:
      "Anderson MJ (2001) Austral Ecol 26:32. doi:10.1111/j.1442-9993.2001.01070.pp.x; as vegan adonis2 (Oksanen J et al., vegan 2.6)",
  },
  permdisp: {
    name: "PERMDISP",
    citation: "Anderson MJ (2006) Biometrics 62:245. doi:10.1111/j.1541-0420.2005.00440.x",
  },
  bh: {
    name: "Benjamini–Hochberg FDR",
    citation: "Benjamini Y, Hochberg Y (1995) J R Stat Soc B 57:289. doi:10.1111/j.2517-6161.1995.tb02031.x",
  },
  holm: {
    name: "Holm step-down adjustment",
    citation:
      "Holm S (1979) A simple sequentially rejective multiple test procedure. Scand J Stat 6:65. https://www.jstor.org/stable/4615733",
  },
  linda: {
    name: "LinDA",
    citation:
      "Zhou H et al. (2022) LinDA: linear models for differential abundance analysis of microbiome compositional data. Genome Biol 23:95. doi:10.1186/s13059-022-02655-5; as LinDA 0.2.0 linda() with its defaults (numeric variables scaled, adaptive zero handling, mean-shift bias, BH)",
  },
  ancombc: {
    name: "ANCOM-BC",
    citation:
      "Lin H, Peddada SD (2020) Analysis of compositions of microbiomes with bias correction. Nat Commun 11:3514. doi:10.1038/s41467-020-17041-7; as ancombc() of the R package ANCOMBC 1.6.5 with its defaults (log(count + 1), Holm-adjusted normal p values)",
  },
  aldex2: {
    name: "ALDEx2",
    citation:
      "Fernandes AD et al. (2014) Microbiome 2:15. doi:10.1186/2049-2618-2-15; as the R package ALDEx2 1.35 (aldex.ttest expected Welch p and BH q per direction, aldex.effect diff.btw as the log2 fold change; aldex.glm with Holm when there are covariates)",
  },
  maaslin: {
    name: "MaAsLin2 linear models",
    citation:
      "Mallick H et al. (2021) PLoS Comput Biol 17:e1009442. doi:10.1371/journal.pcbi.1009442; as Maaslin2 1.15.1 Maaslin2() with its defaults (TSS, LOG, LM, continuous metadata standardised, BH over all non-intercept coefficients)",
  },
  wilcoxon_clr: {
    name: "Wilcoxon rank-sum on CLR",
    citation: "Nearing JT et al. (2022) Nat Commun 13:342. doi:10.1038/s41467-022-28034-z",
  },
  associations: {
    name: "Taxon–outcome associations (LinDA: CLR(taxon) ~ outcome + covariates)",
    citation:
      "Zhou H, He K, Chen J, Zhang X (2022) LinDA: linear models for differential abundance analysis of microbiome compositional data. Genome Biol 23:95. doi:10.1186/s13059-022-02655-5; Aitchison J (1986) The Statistical Analysis of Compositional Data. Chapman & Hall",
  },
  calibration: {
    name: "Label-permutation calibration",
    citation:
      "Nearing JT et al. (2022) Microbiome differential abundance methods produce different results across 38 datasets. Nat Commun 13:342. doi:10.1038/s41467-022-28034-z",
  },
  elastic_net: {
    name: "Elastic net",
    citation: "Friedman J, Hastie T, Tibshirani R (2010) J Stat Softw 33:1. doi:10.18637/jss.v033.i01",
  },
  random_forest: {
    name: "Random forest",
    citation: "Breiman L (2001) Mach Learn 45:5. doi:10.1023/A:1010933404324",
  },
  nested_cv: {
    name: "Nested cross-validation",
    citation:
      "Varma S, Simon R (2006) BMC Bioinformatics 7:91. doi:10.1186/1471-2105-7-91; Wirbel J et al. (2021) SIAMCAT, Genome Biol 22:93. doi:10.1186/s13059-021-02306-1",
  },
};

export function method(id: MethodId, description: string): MethodRecord {
  return { id, ...CATALOGUE[id], description };
}
