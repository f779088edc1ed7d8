/**
 * Pools the cohorts' per-taxon estimates: one meta-analysis (fixed effect, DerSimonian–Laird,
 * REML; random-effects.ts) per taxon within each family of tests — a DA method and contrast, or an
 * association outcome, estimate scale and contrast — over the cohorts where the taxon has an
 * estimate with a finite, positive standard error. Taxa with such an estimate in fewer than
 * `minCohorts` cohorts are listed (`notPooled`), never silently dropped. Benjamini–Hochberg across
 * the pooled taxa of each family, separately for each model's p-values (as each cohort's own scan).
 * The result does not depend on the order of the cohorts (up to floating-point rounding).
 *
 * Reference: Benjamini Y, Hochberg Y (1995) JRSS B 57:289–300,
 * doi:10.1111/j.2517-6161.1995.tb02031.x; the pooling follows MMUPHin's `lm_meta` (per-study
 * coefficients pooled by metafor `rma`; Ma S et al. (2022) Genome Biol 23:208,
 * doi:10.1186/s13059-022-02618-5), without its batch correction.
 */
import { InputError } from "../errors.js";
import { adjustPValues } from "../stats/p-adjust.js";
import { type CohortResults, checkCohorts, type MetaAnalysisKind } from "./cohorts.js";
import { type MetaAnalysis, metaAnalysis } from "./random-effects.js";
import { median } from "../stats/descriptive.js";

/** The pooling models: fixed effect (inverse variance), DerSimonian–Laird and REML random effects. */
export const META_MODELS = ["fixed", "DL", "REML"] as const;
/** One of {@link META_MODELS}. */
export type MetaModel = (typeof META_MODELS)[number];

/** Options of {@link poolCohorts}. */
export interface MetaOptions {
  /** Fewest cohorts with an estimate for a taxon to be pooled (>= 2; default 2). */
  minCohorts?: number;
  /** FDR level used to count hits in the summary (default 0.1, the study default). */
  fdr?: number;
}

/** A family of tests: BH runs within it. */
export interface MetaFamily {
  analysis: MetaAnalysisKind;
  outcome: string | null;
  /** The method(s): one DA method, or the association models the cohorts used (e.g. `poisson/negative_binomial`). */
  method: string;
  contrast: string;
  scale: string;
}

/** One cohort's estimate of a taxon and its standard error, as pooled. */
export interface CohortInput {
  cohort: string;
  estimate: number;
  se: number;
}

export interface MetaRow extends MetaFamily {
  taxon: string;
  inputs: CohortInput[];
  meta: MetaAnalysis;
  /** BH-adjusted p-values per model (NaN where the model has no p-value). */
  q: Record<MetaModel, number>;
}

export interface NotPooled extends MetaFamily {
  taxon: string;
  /** Cohorts with a usable estimate. */
  cohorts: string[];
  reason: string;
}

export interface FamilySummary extends MetaFamily {
  pooled: number;
  notPooled: number;
  /** Taxa with REML q < fdr. */
  remlHits: number;
  /** Taxa whose Cochran Q test has p < 0.05. */
  heterogeneous: number;
  /** Median REML I² over the pooled taxa (null when none). */
  medianI2: number | null;
}

/** The pooled rows per family of tests, the taxa not pooled and why, per-family summaries and warnings. */
export interface MetaResults {
  cohorts: { name: string; settings: CohortResults["settings"]; estimates: number }[];
  minCohorts: number;
  fdr: number;
  rows: MetaRow[];
  notPooled: NotPooled[];
  families: FamilySummary[];
  warnings: string[];
}

function familyKey(
  analysis: MetaAnalysisKind,
  outcome: string | null,
  scale: string,
  method: string,
  contrast: string,
) {
  return analysis === "differential_abundance"
    ? [analysis, method, contrast].join("\u0000")
    : [analysis, outcome ?? "", scale, contrast].join("\u0000");
}

interface Group {
  family: Omit<MetaFamily, "method">;
  methods: Set<string>;
  taxa: Map<string, { inputs: CohortInput[]; present: string[] }>;
}

/**
 * Meta-analysis of several cohorts' per-taxon estimates: fixed effect, DerSimonian–Laird and REML
 * per taxon within each family of tests, BH across the pooled taxa of a family (Benjamini & Hochberg
 * 1995, doi:10.1111/j.2517-6161.1995.tb02031.x), as MMUPHin `lm_meta` without batch correction (Ma et
 * al. 2022, Genome Biol 23:208, doi:10.1186/s13059-022-02618-5). Independent of cohort order.
 * @throws {InputError} `bad_argument` (fewer than 2 cohorts, a folder twice, minCohorts < 2),
 *   `bad_config` / `missing_column` (cohorts that cannot be pooled: different rank, methods,
 *   exposure, reference or outcomes), `duplicate_id` (two rows for one taxon in a cohort).
 */
export function poolCohorts(cohorts: readonly CohortResults[], options: MetaOptions = {}): MetaResults {
  const minCohorts = options.minCohorts ?? 2;
  const fdr = options.fdr ?? 0.1;
  if (!Number.isInteger(minCohorts) || minCohorts < 2) {
    throw InputError.single({
      code: "bad_argument",
      message: `the minimum number of cohorts per taxon must be an integer >= 2, got ${minCohorts}`,
    });
  }
  const warnings = checkCohorts(cohorts);
  const groups = new Map<string, Group>();
  for (const c of cohorts) {
    for (const e of c.estimates) {
      const key = familyKey(e.analysis, e.outcome, e.scale, e.method, e.contrast);
      let g = groups.get(key);
      if (!g) {
        g = {
          family: { analysis: e.analysis, outcome: e.outcome, contrast: e.contrast, scale: e.scale },
          methods: new Set(),
          taxa: new Map(),
        };
        groups.set(key, g);
      }
      g.methods.add(e.method);
      let t = g.taxa.get(e.taxon);
      if (!t) {
        t = { inputs: [], present: [] };
        g.taxa.set(e.taxon, t);
      }
      if (t.present[t.present.length - 1] === c.name) {
        throw InputError.single({
          code: "duplicate_id",
          file: c.name,
          featureId: e.taxon,
          message: `two rows for this taxon (${e.analysis}, ${e.outcome ?? e.method}, contrast '${e.contrast}')`,
          hint: "use the result files exactly as 'gutresponse run' wrote them",
        });
      }
      t.present.push(c.name);
      if (
        e.estimate !== null &&
        Number.isFinite(e.estimate) &&
        e.se !== null &&
        e.se > 0 &&
        Number.isFinite(e.se)
      ) {
        t.inputs.push({ cohort: c.name, estimate: e.estimate, se: e.se });
      }
    }
  }
  const rows: MetaRow[] = [];
  const notPooled: NotPooled[] = [];
  const families: FamilySummary[] = [];
  for (const g of groups.values()) {
    const family: MetaFamily = { ...g.family, method: [...g.methods].sort().join("/") };
    const familyRows: MetaRow[] = [];
    let skipped = 0;
    for (const [taxon, t] of g.taxa) {
      if (t.inputs.length < minCohorts) {
        skipped++;
        const unusable = t.present.length - t.inputs.length;
        notPooled.push({
          ...family,
          taxon,
          cohorts: t.inputs.map((i) => i.cohort),
          reason:
            `estimated in ${t.inputs.length} of ${cohorts.length} cohorts (at least ${minCohorts} needed)` +
            (unusable > 0 ? `; ${unusable} cohort(s) gave no usable estimate or standard error` : ""),
        });
        continue;
      }
      const meta = metaAnalysis(
        t.inputs.map((i) => i.estimate),
        t.inputs.map((i) => i.se),
      );
      familyRows.push({ ...family, taxon, inputs: t.inputs, meta, q: { fixed: 0, DL: 0, REML: 0 } });
    }
    const pOf: Record<MetaModel, (r: MetaRow) => number> = {
      fixed: (r) => r.meta.fixed.p,
      DL: (r) => r.meta.dl.p,
      REML: (r) => r.meta.reml.pooled?.p ?? Number.NaN,
    };
    for (const model of META_MODELS) {
      const q = adjustPValues(familyRows.map(pOf[model]), "bh");
      familyRows.forEach((r, i) => {
        r.q[model] = q[i]!;
      });
    }
    rows.push(...familyRows);
    families.push({
      ...family,
      pooled: familyRows.length,
      notPooled: skipped,
      remlHits: familyRows.filter((r) => r.q.REML < fdr).length,
      heterogeneous: familyRows.filter((r) => r.meta.qP < 0.05).length,
      medianI2: medianOrNull(familyRows.flatMap((r) => (r.meta.reml.pooled ? [r.meta.reml.pooled.i2] : []))),
    });
  }
  const unconverged = rows.filter((r) => r.meta.reml.pooled === null);
  if (unconverged.length > 0) {
    warnings.push(
      `REML did not converge for ${unconverged.length} taxon/taxa (${unconverged
        .slice(0, 5)
        .map((r) => r.taxon)
        .join(
          ", ",
        )}${unconverged.length > 5 ? ", ..." : ""}): their REML columns are NA; DL and fixed-effect results are given`,
    );
  }
  for (const r of rows) {
    if (r.meta.reml.note) warnings.push(`${r.taxon} (${r.method}): ${r.meta.reml.note}`);
  }
  const unstable = rows.filter((r) => r.meta.unstable);
  if (unstable.length > 0) {
    warnings.push(
      `${unstable.length} taxon/taxa have cohort sampling variances differing by a factor of 1e7 or more (e.g. ${unstable[0]!.taxon}, ${unstable[0]!.method}); as metafor warns, their pooled results may not be stable (see the note column)`,
    );
  }
  return {
    cohorts: cohorts.map((c) => ({ name: c.name, settings: c.settings, estimates: c.estimates.length })),
    minCohorts,
    fdr,
    rows,
    notPooled,
    families,
    warnings,
  };
}

/** Median of the values, or null when there are none (JSON has no NaN). */
function medianOrNull(values: number[]): number | null {
  return values.length === 0 ? null : median(values);
}
