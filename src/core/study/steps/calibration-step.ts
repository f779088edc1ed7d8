/**
 * Study step 5 — calibration of the taxon-level lists on the user's own data, by label
 * permutation: the exposure column (for differential abundance) or each outcome column (for the
 * association scan) is shuffled across the analysed samples, breaking any real link while keeping
 * the table, the covariates and the design as they are, and the analysis is rerun unchanged. Every
 * call on shuffled labels is a false discovery, so
 *
 *   mean_calls          = mean over shuffles of #{taxa with q < fdr}
 *   shuffles_with_calls = #{shuffles with at least one call}   (shuffles_with_calls / shuffles
 *                         estimates the family-wise error rate of the list under the global null)
 *
 * tell the reader how many calls the method makes on this design when nothing is there, to set
 * beside the observed count (the permutation approach of the FDR literature; e.g. Westfall PH,
 * Young SS (1993) Resampling-Based Multiple Testing, Wiley; for microbiome DA benchmarking on real
 * data with shuffled labels, Nearing JT et al. (2022) Nat Commun 13:342,
 * doi:10.1038/s41467-022-28034-z). Shuffling ignores covariates: exposure becomes independent of
 * them too, which is the global null, not the "no effect given the covariates" null.
 *
 * The consensus (consensus.ts's calls, when two or more methods vote) gets a row of its own,
 * method `consensus`: the list the report headlines is calibrated too.
 * Seeds: shuffle s permutes on createRng(seed).fork(CALIBRATION_STREAM).fork(s), and ALDEx2's Monte
 * Carlo of that shuffle runs on that stream's fork(1); same seed, same numbers. Missing values stay
 * where they are (only the observed values are permuted).
 * Cost: shuffles x (the differential-abundance step + the association scans): 20 shuffles cost
 * about 20 times those two steps. Each shuffle depends only on its index (`shuffleCalls`), so a Node
 * engine may run them on worker threads (src/node/calibration-parallel.ts) and hand the counts back
 * through `calls`: the same numbers bit for bit.
 */
import { associations } from "../../assoc/associations.js";
import { isConsensusCall } from "../../da/consensus.js";
import { differentialAbundance } from "../../da/differential-abundance.js";
import { createRng, type Rng } from "../../random/rng.js";
import { getColumn, isMissing, type MetadataColumn, type SampleMetadata } from "../../table/metadata.js";
import type {
  AssociationRow,
  CalibrationResults,
  CalibrationRow,
  ConsensusRow,
  DifferentialAbundanceRow,
} from "../results.js";
import type { StudyConfig } from "../config.js";
import type { PreparedStudy } from "./prepare.js";
import { associationOptions, daOptions } from "./taxa-step.js";

/** Stream of the calibration shuffles (apart from every other use of the study seed). */
export const CALIBRATION_STREAM = 5;

/** Columns of calibration.tsv, in order. */
export const CALIBRATION_COLUMNS = [
  "analysis",
  "method",
  "shuffled",
  "observed_calls",
  "shuffles",
  "mean_calls",
  "shuffles_with_calls",
  "max_calls",
] as const satisfies readonly (keyof CalibrationRow)[];

/** What the calibration reruns: the DA methods and the outcomes with an association scan. */
export interface CalibrationPlan {
  daMethods: string[];
  outcomes: string[];
}

/** Calls (q < fdr) of one shuffle: per DA method, the consensus rule, then per outcome's scan. */
export interface ShuffleCalls {
  da: number[];
  /** Consensus calls (consensus.ts `isConsensusCall`). */
  consensus: number;
  associations: number[];
}

export function calibrationPlan(
  config: StudyConfig,
  observed: { da: readonly DifferentialAbundanceRow[]; associations: readonly AssociationRow[] },
): CalibrationPlan {
  return {
    daMethods: [...new Set(observed.da.map((r) => r.method))],
    outcomes: config.outcomes
      .filter((o) => observed.associations.some((r) => r.outcome === o.column))
      .map((o) => o.column),
  };
}

/** The calls of shuffle s (0-based) on its own stream; depends on nothing else. */
export function shuffleCalls(
  config: StudyConfig,
  prepared: PreparedStudy,
  plan: CalibrationPlan,
  s: number,
): ShuffleCalls {
  const { fdr } = config.analysis;
  const called = (q: number | null) => q !== null && q < fdr;
  const rng = createRng(config.seed).fork(CALIBRATION_STREAM).fork(s);
  const da = differentialAbundance(
    prepared.collapsed,
    shuffleColumn(prepared.metadata, config.design.exposure, rng),
    { ...daOptions(config), seed: rng.fork(1).seed },
  );
  return {
    da: plan.daMethods.map((m) => da.rows.filter((r) => r.method === m && called(r.q)).length),
    consensus: da.consensus.filter(isConsensusCall).length,
    associations: plan.outcomes.map((column) => {
      const o = config.outcomes.find((c) => c.column === column)!;
      const result = associations(
        prepared.collapsed,
        shuffleColumn(prepared.metadata, column, rng),
        associationOptions(config, o),
      );
      return result.rows.filter((r) => called(r.q)).length;
    }),
  };
}

export function calibrationStep(
  config: StudyConfig,
  prepared: PreparedStudy,
  observed: {
    da: readonly DifferentialAbundanceRow[];
    associations: readonly AssociationRow[];
    /** The observed consensus; with two or more voting methods its calls get a row (`consensus`). */
    consensus?: readonly ConsensusRow[];
    consensusMethods?: readonly string[];
  },
  onShuffle?: (done: number, total: number) => void,
  /** The calls of every shuffle, computed elsewhere by `shuffleCalls` (e.g. on worker threads). */
  given?: readonly ShuffleCalls[],
): CalibrationResults {
  const shuffles = config.calibration.shuffles;
  const { fdr } = config.analysis;
  const called = (q: number | null) => q !== null && q < fdr;
  const plan = calibrationPlan(config, observed);
  const { daMethods } = plan;
  const outcomes = plan.outcomes.map((column) => config.outcomes.find((o) => o.column === column)!);
  const daCalls = daMethods.map(() => [] as number[]);
  const withConsensus = observed.consensus !== undefined && (observed.consensusMethods?.length ?? 0) >= 2;
  const consensusCalls: number[] = [];
  const assocCalls = outcomes.map(() => [] as number[]);
  for (let s = 0; s < shuffles; s++) {
    const calls = given?.[s] ?? shuffleCalls(config, prepared, plan, s);
    calls.da.forEach((c, k) => daCalls[k]!.push(c));
    if (withConsensus) consensusCalls.push(calls.consensus);
    calls.associations.forEach((c, k) => assocCalls[k]!.push(c));
    onShuffle?.(s + 1, shuffles);
  }
  const row = (
    analysis: CalibrationRow["analysis"],
    method: string,
    shuffled: string,
    observedCalls: number,
    calls: readonly number[],
  ): CalibrationRow => ({
    analysis,
    method,
    shuffled,
    observed_calls: observedCalls,
    shuffles,
    mean_calls: calls.reduce((a, b) => a + b, 0) / shuffles,
    shuffles_with_calls: calls.filter((c) => c > 0).length,
    max_calls: Math.max(...calls),
  });
  const rows = [
    ...daMethods.map((m, k) =>
      row(
        "differential_abundance",
        m,
        config.design.exposure,
        observed.da.filter((r) => r.method === m && called(r.q)).length,
        daCalls[k]!,
      ),
    ),
    ...(withConsensus
      ? [
          row(
            "differential_abundance",
            "consensus",
            config.design.exposure,
            observed.consensus!.filter(isConsensusCall).length,
            consensusCalls,
          ),
        ]
      : []),
    ...outcomes.map((o, k) => {
      const own = observed.associations.filter((r) => r.outcome === o.column);
      return row(
        "associations",
        own[0]!.method,
        o.column,
        own.filter((r) => called(r.q)).length,
        assocCalls[k]!,
      );
    }),
  ];
  return { shuffles, seed: config.seed, fdr, rows };
}

/** The metadata with one column's observed values permuted among the samples that have one. */
export function shuffleColumn(metadata: SampleMetadata, name: string, rng: Rng): SampleMetadata {
  const column = getColumn(metadata, name)!;
  const present = metadata.ids.map((_, i) => i).filter((i) => !isMissing(column, i));
  const order = present.slice();
  rng.shuffle(order);
  const shuffled: MetadataColumn =
    column.kind === "numeric"
      ? { ...column, values: Float64Array.from(column.values) }
      : { ...column, values: [...column.values] };
  present.forEach((to, k) => {
    if (shuffled.kind === "numeric") shuffled.values[to] = column.values[order[k]!] as number;
    else (shuffled.values as (string | null)[])[to] = column.values[order[k]!] as string | null;
  });
  return { ...metadata, columns: metadata.columns.map((c) => (c === column ? shuffled : c)) };
}
