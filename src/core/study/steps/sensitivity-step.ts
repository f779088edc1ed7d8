/**
 * Study step — the sensitivity panel: do the run's main findings hold under other reasonable
 * analysis choices? Each variant changes ONE choice from the run's own settings and refits with the
 * study's own step functions (daStep, associationStep, betaStep), so it is the run's model:
 *
 *   min_prevalence p      every value of `sensitivity.min_prevalence` other than the run's
 *   pseudocount c         LinDA with zeros replaced by count + c (only when the panel's DA method is
 *                         LinDA; the run's LinDA chooses pseudocount 0.5 or imputation adaptively)
 *   without <covariate>   each covariate dropped in turn (DA, associations, PERMANOVA)
 *   not rarefied          PERMANOVA of the non-compositional distances (Bray–Curtis, Jaccard,
 *                         UniFrac) on all reads instead of the rarefied table
 *
 * Findings are what the run called: taxa with q < fdr for the exposure by the panel's DA method
 * (`hypothesis_method`, default the first configured), taxon–outcome and dose links with q < fdr,
 * and PERMANOVA exposure terms with p < 0.05. A finding holds in a variant when the variant's test
 * makes the same call (q < fdr, or p < 0.05 for PERMANOVA) with the same sign; a taxon the variant
 * does not test (e.g. below a stricter prevalence cut) does not hold. The "as run" variant is the
 * run's own result, so every finding holds there by construction. Refits draw on the run's own
 * differential-abundance and beta streams (streams.ts), so a variant differs from the run only by
 * the choice it changes.
 */
import type { DistanceMatrix } from "../../beta/distance-matrix.js";
import type { Aldex2Threads } from "../../da/aldex2.js";
import { linda } from "../../da/linda.js";
import { prepareDaInput } from "../../da/prepare.js";
import type { Tree } from "../../phylo/tree.js";
import type { Rng } from "../../random/rng.js";
import { hypothesisMethod, type SensitivitySettings } from "../config-hypotheses.js";
import type { StudyConfig } from "../config.js";
import type {
  AssociationResults,
  BetaResult,
  DifferentialAbundanceResults,
  SensitivityAnalysis,
  SensitivityResults,
  SensitivityRow,
  SensitivityVariantRow,
} from "../results.js";
import { type DistanceEngine, betaMetricsFor, betaStep } from "./beta-step.js";
import type { PreparedStudy } from "./shared.js";
import { type AnalysisConfig, type StepOutput, studyFormula } from "./shared.js";
import { nullable } from "../nullable.js";
import { lindaMixed } from "../../da/linda-mixed.js";
import { subjectLabels } from "../../table/subject-labels.js";
import { type AssociationConfig, associationStep, daStep } from "./taxa-step.js";

/** PERMANOVA exposure terms with p below this are findings (vegan's conventional level). */
export const PERMANOVA_FINDING_P = 0.05;
/** Distances computed from all reads in the run (rarefying does not apply to them). */
const COMPOSITIONAL_METRICS = ["aitchison", "robust_aitchison"];

/** One variant's refits (absent analyses do not apply to the variant). */
interface VariantFits {
  label: string;
  da?: DifferentialAbundanceResults;
  associations?: AssociationResults;
  beta?: BetaResult[];
}

interface Finding {
  label: string;
  analysis: SensitivityAnalysis;
  /** The distance metric of a PERMANOVA finding. */
  metric?: string;
  /** Reads the finding's test out of one variant's fits; undefined when the variant does not apply. */
  read: (
    fits: VariantFits,
  ) => { estimate: number | null; p: number | null; q: number | null } | null | undefined;
  holds: (t: { estimate: number | null; p: number | null; q: number | null }) => boolean;
}

export interface SensitivityInputs {
  da: DifferentialAbundanceResults;
  associations?: AssociationResults;
  beta: BetaResult[];
  distances: { metric: string; dm: DistanceMatrix }[];
}

/** The streams of the run's steps that the refits reuse. */
export interface SensitivityStreams {
  differentialAbundance: Rng;
  beta: Rng;
}

/**
 * The sensitivity panel of the run's findings (see header), with its wall time by the run's clock
 * `now` (like the run's start/end stamps: a fixed clock gives 0). Variants' own warnings repeat the
 * run's (or concern choices the run did not make): not reported.
 */
export async function sensitivityStep(
  config: AssociationConfig,
  prepared: PreparedStudy,
  tree: Tree | undefined,
  main: SensitivityInputs,
  settings: SensitivitySettings,
  streams: SensitivityStreams,
  options: {
    distances?: DistanceEngine;
    aldex2Threads?: Aldex2Threads;
    signal?: AbortSignal;
    now: () => Date;
  },
): Promise<StepOutput<SensitivityResults>> {
  const t0 = options.now().getTime();
  const daMethod = hypothesisMethod(config.analysis);
  const findings = findingsOf(config, daMethod, main);
  const hasDa = findings.some((f) => f.analysis === "differential_abundance");
  const hasAssoc = findings.some((f) => f.analysis === "association");
  const permanovaMetrics = new Set(findings.flatMap((f) => (f.metric === undefined ? [] : [f.metric])));
  const variants: VariantFits[] = [
    {
      label: "as run",
      da: main.da,
      ...(main.associations ? { associations: main.associations } : {}),
      beta: main.beta,
    },
  ];
  const withMethod = (c: AssociationConfig): AssociationConfig => ({
    ...c,
    analysis: { ...c.analysis, da_methods: [daMethod] },
  });
  const refits = (c: AssociationConfig): Pick<VariantFits, "da" | "associations"> => ({
    ...(hasDa
      ? { da: daStep(c, prepared, streams.differentialAbundance, undefined, options.aldex2Threads).result }
      : {}),
    ...(hasAssoc ? { associations: associationStep(c, prepared).result } : {}),
  });

  for (const cut of settings.min_prevalence) {
    if (cut === config.analysis.min_prevalence || !(hasDa || hasAssoc)) continue;
    options.signal?.throwIfAborted();
    const c = withMethod({ ...config, analysis: { ...config.analysis, min_prevalence: cut } });
    variants.push({
      label: `min_prevalence ${cut}`,
      ...refits(c),
    });
  }
  if (daMethod === "linda" && hasDa) {
    const input = prepareDaInput(prepared.collapsed, prepared.metadata, {
      formula: studyFormula(config),
      term: config.design.exposure,
      reference: config.design.reference,
      minPrevalence: config.analysis.min_prevalence,
    });
    const { subject } = config.design;
    const subjects = subject ? subjectLabels(prepared.metadata, subject, input.sampleIds) : null;
    for (const pseudocount of settings.pseudocounts) {
      const options = { zeroHandling: "pseudocount", pseudocount } as const;
      const fit = subjects
        ? lindaMixed(input, subjects, { ...options, subjectColumn: subject! })
        : linda(input, options);
      variants.push({
        label: `pseudocount ${pseudocount}`,
        da: { ...main.da, rows: fit.rows.map((r) => ({ ...r, p: nullable(r.p), q: nullable(r.q) })) },
      });
    }
  }
  if (settings.drop_covariates) {
    const cached: DistanceEngine = (_table, metric) => main.distances.find((d) => d.metric === metric)!.dm;
    for (const covariate of config.design.covariates) {
      options.signal?.throwIfAborted();
      const c = withMethod({
        ...config,
        design: { ...config.design, covariates: config.design.covariates.filter((v) => v !== covariate) },
        analysis: {
          ...config.analysis,
          beta_metrics: betaMetricsFor(config, tree).filter((m) => permanovaMetrics.has(m)),
        },
      });
      variants.push({
        label: `without ${covariate}`,
        ...refits(c),
        ...(permanovaMetrics.size > 0
          ? { beta: (await betaStep(c, prepared, tree, streams.beta, { distances: cached })).result.beta }
          : {}),
      });
    }
  }
  const rarefiedMetrics = [...permanovaMetrics].filter((m) => !COMPOSITIONAL_METRICS.includes(m));
  if (settings.rarefy && prepared.rarefiedDepth !== null && rarefiedMetrics.length > 0) {
    options.signal?.throwIfAborted();
    const c = {
      ...config,
      analysis: {
        ...config.analysis,
        beta_metrics: rarefiedMetrics as StudyConfig["analysis"]["beta_metrics"],
      },
    };
    const unrarefied = { ...prepared, rarefied: prepared.table, rarefiedDepth: null };
    const beta = await betaStep(c, unrarefied, tree, streams.beta, {
      ...(options.distances ? { distances: options.distances } : {}),
    });
    variants.push({ label: "not rarefied", beta: beta.result.beta });
  }
  const seconds = (options.now().getTime() - t0) / 1000;
  return { result: { ...evaluate(findings, variants), daMethod, seconds }, warnings: [], methods: [] };
}

/** The run's calls that the panel re-checks. */
function findingsOf(config: AnalysisConfig, daMethod: string, main: SensitivityInputs): Finding[] {
  const fdr = config.analysis.fdr;
  const called = (t: { q: number | null }) => t.q !== null && t.q < fdr;
  const findings: Finding[] = [];
  const multiTerm = new Set(main.da.rows.filter((r) => r.method === daMethod).map((r) => r.term)).size > 1;
  for (const r of main.da.rows) {
    if (r.method !== daMethod || !called(r) || r.log2_fold_change === null) continue;
    const sign = Math.sign(r.log2_fold_change);
    findings.push({
      label: `${r.taxon} ${sign > 0 ? "up" : "down"}${multiTerm ? ` (${r.term})` : ""}`,
      analysis: "differential_abundance",
      read: (fits) => {
        if (!fits.da) return undefined;
        const row = fits.da.rows.find(
          (v) => v.method === daMethod && v.taxon === r.taxon && v.term === r.term,
        );
        return row ? { estimate: row.log2_fold_change, p: row.p, q: row.q } : null;
      },
      holds: (t) => called(t) && Math.sign(t.estimate ?? 0) === sign,
    });
  }
  for (const r of main.associations?.rows ?? []) {
    if (!called(r) || r.estimate === null) continue;
    const sign = Math.sign(r.estimate);
    findings.push({
      label: `${r.taxon} ~ ${r.outcome} ${sign > 0 ? "positive" : "negative"}`,
      analysis: "association",
      read: (fits) => {
        if (!fits.associations) return undefined;
        const row = fits.associations.rows.find((v) => v.outcome === r.outcome && v.taxon === r.taxon);
        return row ? { estimate: row.estimate, p: row.p, q: row.q } : null;
      },
      holds: (t) => called(t) && Math.sign(t.estimate ?? 0) === sign,
    });
  }
  for (const b of main.beta) {
    const row = b.permanova.find((r) => r.term === config.design.exposure);
    if (!row || row.p === null || row.p >= PERMANOVA_FINDING_P) continue;
    findings.push({
      label: `${b.metric}: ${config.design.exposure} (PERMANOVA)`,
      analysis: "permanova",
      metric: b.metric,
      read: (fits) => {
        const v = fits.beta?.find((x) => x.metric === b.metric)?.permanova.find((x) => x.term === row.term);
        return fits.beta?.some((x) => x.metric === b.metric)
          ? v
            ? { estimate: v.r2, p: v.p, q: null }
            : null
          : undefined;
      },
      holds: (t) => t.p !== null && t.p < PERMANOVA_FINDING_P,
    });
  }
  return findings;
}

/** Each finding against each variant that applies to it. */
function evaluate(
  findings: readonly Finding[],
  variants: readonly VariantFits[],
): Pick<SensitivityResults, "rows" | "variants" | "variantLabels"> {
  const rows: SensitivityRow[] = [];
  const long: SensitivityVariantRow[] = [];
  for (const f of findings) {
    const failed: string[] = [];
    let applied = 0;
    for (const v of variants) {
      const t = f.read(v);
      if (t === undefined) continue;
      applied++;
      const holds = t !== null && f.holds(t);
      if (!holds) failed.push(v.label);
      long.push({
        finding: f.label,
        analysis: f.analysis,
        variant: v.label,
        estimate: t?.estimate ?? null,
        p: t?.p ?? null,
        q: t?.q ?? null,
        holds: holds ? "yes" : "no",
      });
    }
    rows.push({
      finding: f.label,
      analysis: f.analysis,
      held: applied - failed.length,
      variants: applied,
      not_held_in: failed.length === 0 ? "none" : failed.join("; "),
    });
  }
  return { rows, variants: long, variantLabels: variants.map((v) => v.label) };
}
