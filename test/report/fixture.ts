/**
 * A small hand-built StudyResults with every section filled, for the report tests. Values are
 * made up (smooth deterministic formulas), not computed: the report only displays them. Carries
 * hostile strings in a sample ID, a taxon name and the config to test escaping.
 */
import type { DifferentialAbundanceRow, StudyResults } from "../../src/core/study/results.js";
import type { DaMethodName } from "../../src/core/da/types.js";

export const XSS_SAMPLE = "<img src=x onerror=alert(1)>";
export const XSS_TAXON = "</script><script>alert(1)</script>";
export const XSS_CONFIG = "<b onmouseover=alert(1)>bold</b>\u2028";

const GROUPS = ["non_user", "kratom_user"] as const;
const SAMPLES = Array.from({ length: 12 }, (_, i) =>
  i === 3 ? XSS_SAMPLE : `S${String(i + 1).padStart(2, "0")}`,
);
const groupOf = (i: number) => GROUPS[i % 2]!;
const wave = (i: number, k: number) => Math.sin(1.7 * i + k) * 0.5 + 0.5;
const TAXA = [
  "g__Bacteroides",
  "g__Prevotella",
  "g__Akkermansia",
  XSS_TAXON,
  "g__Faecalibacterium",
  "g__Blautia",
];
const METHODS: DaMethodName[] = ["linda", "ancombc", "aldex2"];

function daRows(): DifferentialAbundanceRow[] {
  return TAXA.flatMap((taxon, t) =>
    METHODS.map((method, m) => {
      const p = t < 3 ? 0.0004 * (t + 1) * (m + 1) : 0.2 + 0.1 * t;
      return {
        taxon,
        method,
        term: "kratom_usekratom_user",
        contrast: "kratom_user vs non_user",
        log2_fold_change: (t % 2 === 0 ? 1 : -1) * (1.5 - 0.2 * t + 0.1 * m),
        se: 0.3 + 0.05 * m,
        statistic: 3.1 - 0.3 * t,
        p,
        q: Math.min(1, p * 4),
        prevalence: 0.9 - 0.1 * t,
        mean_relative_abundance: 0.2 / (t + 1),
      };
    }),
  );
}

export function fixtureResults(): StudyResults {
  return {
    meta: {
      title: "Kratom use and the gut microbiome",
      version: "0.1.0",
      command: "gutresponse demo --out demo-out --seed 42",
      seed: 42,
      startedAt: "2026-11-28T10:00:00.000Z",
      finishedAt: "2026-11-28T10:00:12.500Z",
      simulated: true,
      fdr: 0.1,
      inputs: [
        {
          role: "table",
          path: "demo-out/data/table.biom",
          sha256: "a".repeat(64),
          dims: "12 samples x 6 features",
        },
        {
          role: "metadata",
          path: "demo-out/data/metadata.tsv",
          sha256: "b".repeat(64),
          dims: "12 samples x 6 columns",
        },
        { role: "tree", path: "demo-out/data/tree.nwk", sha256: "c".repeat(64), dims: "6 tips" },
      ],
      config: {
        name: XSS_CONFIG,
        design: { exposure: "kratom_use", reference: "non_user", covariates: ["age", "sex", "bmi"] },
        analysis: { level: "genus", permutations: 999, fdr: 0.1 },
        seed: 42,
      },
    },
    warnings: [
      "Metadata column 'bmi' has 1 missing value; that sample was dropped from models using bmi.",
      `Sample ${XSS_SAMPLE} has the lowest depth (8123 reads).`,
    ],
    summary: {
      nSamples: 12,
      nFeatures: 6,
      depth: { min: 8123, q25: 10400, median: 12011, q75: 14950, max: 20133 },
      sparsity: 0.18,
      exposure: "kratom_use",
      groups: [
        { group: "non_user", n: 6 },
        { group: "kratom_user", n: 6 },
      ],
      level: "genus",
      rarefiedDepth: 8000,
    },
    alpha: {
      metrics: ["shannon", "observed_features", "faith_pd"],
      values: SAMPLES.map((sampleId, i) => ({
        sampleId,
        group: groupOf(i),
        values: {
          shannon: 2.5 + wave(i, 0) + (i % 2) * 0.4,
          observed_features: Math.round(80 + 40 * wave(i, 1)),
          faith_pd: i === 5 ? null : 6 + 3 * wave(i, 2),
        },
      })),
      tests: [
        { metric: "shannon", term: "kratom_use", test: "kruskal", statistic: 4.1, p: 0.043, q: 0.065 },
        {
          metric: "observed_features",
          term: "kratom_use",
          test: "kruskal",
          statistic: 0.4,
          p: 0.52,
          q: 0.52,
        },
        { metric: "faith_pd", term: "kratom_use", test: "kruskal", statistic: 1.2, p: 0.27, q: 0.41 },
      ],
    },
    beta: ["braycurtis", "weighted_unifrac"].map((metric, k) => ({
      metric,
      pcoa: {
        sampleIds: SAMPLES,
        groups: SAMPLES.map((_, i) => groupOf(i)),
        coordinates: SAMPLES.map((_, i) => [
          (i % 2 ? 0.2 : -0.2) + 0.15 * Math.sin(i + k),
          0.2 * Math.cos(2 * i + k),
          0.05 * Math.sin(3 * i),
        ]),
        proportion: [0.31 - 0.05 * k, 0.17, 0.09],
      },
      permanova: [
        { term: "kratom_use", df: 1, sum_of_squares: 0.52, r2: 0.11, F: 2.9, p: 0.004, permutations: 999 },
        { term: "age", df: 1, sum_of_squares: 0.11, r2: 0.02, F: 0.6, p: 0.71, permutations: 999 },
        { term: "Residual", df: 9, sum_of_squares: 4.1, r2: 0.87, F: null, p: null, permutations: 999 },
        { term: "Total", df: 11, sum_of_squares: 4.73, r2: 1, F: null, p: null, permutations: 999 },
      ],
      permdisp: { term: "kratom_use", F: k === 0 ? 5.8 : 0.7, p: k === 0 ? 0.03 : 0.42, permutations: 999 },
    })),
    differentialAbundance: {
      methods: METHODS,
      consensusMethods: METHODS,
      term: "kratom_use",
      contrasts: ["kratom_user vs non_user"],
      rows: daRows(),
      consensus: TAXA.map((taxon, t) => ({
        taxon,
        term: "kratom_usekratom_user",
        contrast: "kratom_user vs non_user",
        direction: t < 3 ? (t % 2 === 0 ? "up" : "down") : t === 3 ? "mixed" : "none",
        methods_significant: t < 3 ? 3 - (t === 2 ? 1 : 0) : t === 3 ? 1 : 0,
        methods_tested: 3,
        log2_fold_change_median: (t % 2 === 0 ? 1 : -1) * (1.6 - 0.2 * t),
        significant_methods:
          t < 2
            ? [...METHODS]
            : t === 2
              ? (["linda", "aldex2"] as DaMethodName[])
              : t === 3
                ? ["linda" as DaMethodName]
                : [],
        tested_methods: [...METHODS],
      })),
      topAbundances: TAXA.slice(0, 4).flatMap((taxon, t) =>
        SAMPLES.map((sampleId, i) => ({
          taxon,
          sampleId,
          group: groupOf(i),
          relative_abundance: (0.05 + 0.1 * wave(i, t)) * (i % 2 === t % 2 ? 1.8 : 1),
        })),
      ),
    },
    associations: {
      rows: TAXA.flatMap((taxon, t) =>
        ["pain_relief", "constipation"].map((outcome, o) => ({
          outcome,
          taxon,
          method: "linda",
          contrast: o === 0 ? "pain_relief" : "yes vs no",
          estimate: (t % 2 ? -1 : 1) * (0.8 - 0.1 * t),
          estimate_scale:
            o === 0
              ? "log2 fold change of the taxon per unit pain_relief"
              : "log2 fold change of the taxon, yes vs no",
          se: 0.2 + 0.05 * t,
          statistic: 3 - 0.4 * t,
          p: t < 2 ? 0.001 * (t + 1) : 0.3,
          q: t < 2 ? 0.006 * (t + 1) : 0.6,
          n: 12,
        })),
      ),
      scatter: [
        { taxon: TAXA[0]!, outcome: "pain_relief" },
        { taxon: XSS_TAXON, outcome: "constipation" },
      ].flatMap((link, l) =>
        SAMPLES.map((sampleId, i) => ({
          ...link,
          sampleId,
          clr: -1 + 2 * wave(i, l),
          outcomeValue: l === 0 ? 3 + 4 * wave(i, l) + 0.3 * i : i % 3 === 0 ? 1 : 0,
        })),
      ),
    },
    calibration: {
      shuffles: 20,
      seed: 42,
      fdr: 0.1,
      rows: [
        ...METHODS.map((method, m) => ({
          analysis: "differential_abundance" as const,
          method,
          shuffled: "kratom_use",
          observed_calls: 3,
          shuffles: 20,
          mean_calls: 0.15 * m,
          shuffles_with_calls: m,
          max_calls: 2 * m,
        })),
        ...["pain_relief", "constipation"].map((outcome, o) => ({
          analysis: "associations" as const,
          method: "linda",
          shuffled: outcome,
          observed_calls: 2,
          shuffles: 20,
          mean_calls: 1.5 * o,
          shuffles_with_calls: 7 * o,
          max_calls: 4 * o,
        })),
      ],
    },
    prediction: {
      rows: [
        {
          target: "constipation",
          model: "random_forest",
          metric: "auroc",
          estimate: 0.81,
          ci_low: 0.66,
          ci_high: 0.93,
          null_p: 0.004,
        },
        {
          target: "constipation",
          model: "elastic_net",
          metric: "auroc",
          estimate: 0.58,
          ci_low: 0.41,
          ci_high: 0.74,
          null_p: 0.21,
        },
        {
          target: "pain_relief",
          model: "elastic_net",
          metric: "r2",
          estimate: 0.22,
          ci_low: 0.05,
          ci_high: 0.38,
          null_p: 0.02,
        },
      ],
      roc: [
        {
          target: "constipation",
          model: "random_forest",
          points: [
            [0, 0],
            [0, 0.4],
            [0.1, 0.6],
            [0.2, 0.8],
            [0.5, 0.9],
            [1, 1],
          ],
        },
        {
          target: "constipation",
          model: "elastic_net",
          points: [
            [0, 0],
            [0.2, 0.3],
            [0.4, 0.5],
            [0.6, 0.7],
            [1, 1],
          ],
        },
      ].map((c) => ({ ...c, points: c.points.map(([fpr, tpr]) => ({ fpr: fpr!, tpr: tpr! })) })),
      predictedVsObserved: SAMPLES.map((sampleId, i) => ({
        target: "pain_relief",
        model: "elastic_net",
        sampleId,
        observed: 3 + 0.5 * i,
        predicted: 3.5 + 0.35 * i + 0.6 * Math.sin(i),
      })),
      importance: TAXA.map((feature, t) => ({
        target: "constipation",
        feature,
        importance: 0.3 / (t + 1),
        direction: t % 2 ? "negative" : "positive",
        stability: 1 - 0.1 * t,
      })),
    },
    hypotheses: {
      alpha: 0.05,
      daMethod: "linda",
      rows: [
        {
          taxon: "g__Faecalibacterium",
          target: "kratom_use",
          direction: "up",
          estimate: 1.4,
          se: 0.35,
          p: 0.0002,
          p_adjusted: 0.0004,
          confirmed: "yes",
        },
        {
          taxon: XSS_TAXON,
          target: "constipation",
          direction: "positive",
          estimate: 0.2,
          se: 0.3,
          p: 0.26,
          p_adjusted: 0.26,
          confirmed: "no",
        },
      ],
    },
    sensitivity: {
      daMethod: "linda",
      seconds: 1.5,
      variantLabels: ["as run", "min_prevalence 0.2", "without age"],
      rows: [
        {
          finding: "g__Faecalibacterium up",
          analysis: "differential_abundance",
          held: 3,
          variants: 3,
          not_held_in: "none",
        },
        {
          finding: `${XSS_TAXON} down`,
          analysis: "differential_abundance",
          held: 2,
          variants: 3,
          not_held_in: "min_prevalence 0.2",
        },
      ],
      variants: ["as run", "min_prevalence 0.2", "without age"].flatMap((variant, v) => [
        {
          finding: "g__Faecalibacterium up",
          analysis: "differential_abundance" as const,
          variant,
          estimate: 1.4 - 0.1 * v,
          p: 0.0002,
          q: 0.004,
          holds: "yes" as const,
        },
        {
          finding: `${XSS_TAXON} down`,
          analysis: "differential_abundance" as const,
          variant,
          estimate: v === 1 ? null : -0.9,
          p: v === 1 ? null : 0.001,
          q: v === 1 ? null : 0.02,
          holds: v === 1 ? ("no" as const) : ("yes" as const),
        },
      ]),
    },
    methods: [
      {
        id: "permanova",
        name: "PERMANOVA",
        citation:
          "Anderson MJ (2001). A new method for non-parametric multivariate analysis of variance. Austral Ecology 26:32-46. doi:10.1111/j.1442-9993.2001.01070.pp.x",
        description: "tested composition differences between groups with 999 permutations.",
      },
      {
        id: "permdisp",
        name: "PERMDISP",
        citation:
          "Anderson MJ (2006). Distance-based tests for homogeneity of multivariate dispersions. Biometrics 62:245-253. doi:10.1111/j.1541-0420.2005.00440.x",
        description: "tested whether group dispersions differ.",
      },
      {
        id: "linda",
        name: "LinDA",
        citation:
          "Zhou H, He K, Chen J, Zhang X (2022). LinDA: linear models for differential abundance analysis of microbiome compositional data. Genome Biology 23:95. doi:10.1186/s13059-022-02655-5",
        description: "estimated bias-corrected log fold changes of CLR abundances.",
      },
    ],
  };
}
