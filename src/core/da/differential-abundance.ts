/**
 * The DA registry: prepares the input once (alignment, design, prevalence filter; see prepare.ts)
 * and runs the chosen methods on it, returning contract rows (differential_abundance.tsv),
 * the cross-method consensus (consensus.tsv), every warning, and each method's summary.
 *
 * Defaults: methods = all five, fdr = 0.1, minPrevalence = 0.1, ALDEx2 mc = 128. `wilcoxon_clr`
 * needs a two-level exposure: with another exposure it is skipped with a warning when it was not
 * asked for explicitly, and an InputError when it was. `wilcoxon_clr` cannot adjust for
 * covariates: when the formula has any, its rows are still reported but it does not vote in the
 * consensus (not counted in methods_significant or methods_tested), and a warning says so.
 */
import { InputError } from "../errors.js";
import type { FeatureTable } from "../table/feature-table.js";
import type { SampleMetadata } from "../table/metadata.js";
import { type Aldex2InstanceCache, type Aldex2Threads, aldex2 } from "./aldex2.js";
import { ancombc } from "./ancombc.js";
import { type DaConsensusRow, consensus } from "./consensus.js";
import { type LindaOptions, linda } from "./linda.js";
import { type MaaslinOptions, maaslin } from "./maaslin.js";
import { type DaInput, type DaInputOptions, prepareDaInput } from "./prepare.js";
import { repeatedMeasuresMethod } from "./repeated-measures.js";
import { subjectLabels } from "../table/subject-labels.js";
import {
  DA_METHODS,
  type DaMethodName,
  type DaMethodResult,
  type DaMethodSummary,
  type DaRow,
} from "./types.js";
import { wilcoxonClr } from "./wilcoxon-clr.js";

/**
 * Options of {@link differentialAbundance}: the input preparation, methods, consensus q threshold and
 * per-method options.
 */
export interface DifferentialAbundanceOptions extends DaInputOptions {
  methods?: readonly DaMethodName[];
  /** q threshold of the consensus (default 0.1). */
  fdr?: number;
  seed: number;
  /** ALDEx2 Monte Carlo instances (default 128). */
  mc?: number;
  /** Keeps ALDEx2's Monte Carlo instances for later calls on the same counts and seed (aldex2.ts). */
  aldex2Cache?: Aldex2InstanceCache;
  /**
   * Threads for ALDEx2's Monte Carlo instances (e.g. worker threads, src/node); the same results.
   * @internal
   */
  aldex2Threads?: Aldex2Threads;
  /**
   * The caller reads only the q values and the directions of the calls (q < fdr), e.g. the
   * calibration shuffles: with `aldex2Cache`, ALDEx2 computes diff.btw only for its calls (other
   * taxa get NaN), which leaves the calls and the consensus calls unchanged.
   */
  callsOnly?: boolean;
  /** LinDA options (default: LinDA 0.2.0 `linda()`; e.g. `{ winsorQuantile: 0.97 }` as MicrobiomeStat). */
  linda?: LindaOptions;
  /** MaAsLin options (default: Maaslin2 `Maaslin2()`). */
  maaslin?: MaaslinOptions;
  /** Subject column of a repeated-measures design: mixed models (repeated-measures.ts). */
  subject?: string;
}

/**
 * Every method's rows (differential_abundance.tsv), the consensus (consensus.tsv), warnings and per-method
 * summaries.
 */
export interface DifferentialAbundanceResult {
  rows: DaRow[];
  consensus: DaConsensusRow[];
  warnings: string[];
  methods: DaMethodSummary[];
  term: string;
  /** Per design column of the term, its contrast in words ("user vs non_user", "per unit of age"). */
  contrasts: string[];
  /** Methods whose rows count in the consensus (wilcoxon_clr leaves it when there are covariates). */
  consensusMethods: DaMethodName[];
  fdr: number;
  seed: number;
  samples: number;
  taxaTested: number;
  minPrevalence: number;
}

/**
 * Runs the chosen DA methods (default all five: LinDA, ANCOM-BC, ALDEx2, MaAsLin2, Wilcoxon on CLR)
 * on one prepared input and forms their consensus; log2 fold changes throughout.
 * @throws {InputError} `out_of_range` (fdr outside (0, 1)), `bad_argument` (unknown method;
 *   wilcoxon_clr asked for without a two-level exposure), plus those of {@link prepareDaInput}.
 */
export function differentialAbundance(
  table: FeatureTable,
  metadata: SampleMetadata,
  options: DifferentialAbundanceOptions,
): DifferentialAbundanceResult {
  const fdr = options.fdr ?? DEFAULT_FDR;
  if (!(fdr > 0 && fdr < 1)) {
    throw InputError.single({
      code: "out_of_range",
      message: `fdr must be in (0, 1), got ${fdr}`,
      key: "fdr",
    });
  }
  const requested = options.methods ?? DA_METHODS;
  const unknown = requested.filter((m) => !DA_METHODS.includes(m));
  if (unknown.length > 0) {
    throw InputError.single({
      code: "bad_argument",
      message: `unknown DA method(s): ${unknown.join(", ")}`,
      hint: `choose from ${DA_METHODS.join(", ")}`,
      key: "methods",
    });
  }
  const input = prepareDaInput(table, metadata, options);
  const warnings = [...input.warnings];
  const results: DaMethodResult[] = [];
  const subject = options.subject
    ? { column: options.subject, labels: subjectLabels(metadata, options.subject, input.sampleIds) }
    : undefined;
  for (const method of requested) {
    if (subject) {
      const result = repeatedMeasuresMethod(method, input, subject);
      if (typeof result === "string") warnings.push(result);
      else results.push(result);
      continue;
    }
    if (method === "wilcoxon_clr" && input.groups === null) {
      if (options.methods !== undefined) throw wilcoxonNeedsTwoGroups(input);
      warnings.push("wilcoxon_clr skipped: the exposure is not a two-level factor");
      continue;
    }
    results.push(runMethod(method, input, options));
  }
  const rows = results.flatMap((r) => r.rows);
  for (const r of results) warnings.push(...r.summary.warnings);
  const voting = results.map((r) => r.summary.method).filter((m) => votesInConsensus(m, input));
  if (voting.length < results.length) {
    warnings.push(
      "wilcoxon_clr is reported but not counted in the consensus: it cannot adjust for the covariates",
    );
  }
  return {
    rows,
    consensus: consensus(
      rows.filter((r) => voting.includes(r.method)),
      fdr,
    ),
    warnings,
    methods: results.map((r) => r.summary),
    term: input.term,
    contrasts: input.termContrasts,
    consensusMethods: voting,
    fdr,
    seed: options.seed,
    samples: input.nSamples,
    taxaTested: input.nTaxa,
    minPrevalence: input.minPrevalence,
  };
}

/** Whether a method's calls count in the consensus: every method, except an unadjusted one when the
 * formula has covariates (Wilcoxon on CLR ignores them and would call covariate-driven taxa). */
export function votesInConsensus(method: DaMethodName, input: Pick<DaInput, "hasCovariates">): boolean {
  return !(method === "wilcoxon_clr" && input.hasCovariates);
}

/** q threshold of the consensus when none is given. */
const DEFAULT_FDR = 0.1;

function runMethod(
  method: DaMethodName,
  input: DaInput,
  options: DifferentialAbundanceOptions,
): DaMethodResult {
  switch (method) {
    case "linda":
      return linda(input, options.linda);
    case "ancombc":
      return ancombc(input);
    case "aldex2":
      return aldex2(input, {
        seed: options.seed,
        ...(options.mc === undefined ? {} : { mc: options.mc }),
        ...(options.aldex2Cache ? { cache: options.aldex2Cache } : {}),
        ...(options.aldex2Threads ? { threads: options.aldex2Threads } : {}),
        ...(options.callsOnly ? { effectBelowQ: options.fdr ?? DEFAULT_FDR } : {}),
      });
    case "maaslin":
      return maaslin(input, options.maaslin);
    case "wilcoxon_clr":
      return wilcoxonClr(input);
  }
}

function wilcoxonNeedsTwoGroups(input: DaInput): InputError {
  return InputError.single({
    code: "bad_argument",
    message: `wilcoxon_clr needs a two-level exposure; term '${input.term}' has ${input.termColumns.length} column(s)`,
    hint: "drop wilcoxon_clr from --methods or use a two-level exposure",
    key: "methods",
  });
}
