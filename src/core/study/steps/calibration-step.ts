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
 * Repeated measures (`design.subject`): the shuffles respect the pairing of samples within subject
 * (permutations.ts `permuteValues`). A column constant within every subject (a per-subject exposure
 * or outcome) is permuted between subjects as whole units: each subject's value goes to another
 * subject and all samples of a subject get the subject's new value (permute's whole-plot
 * permutation, `how(plots = Plots(strata = subject))`); a column that varies within some subject is
 * permuted within subject only (`how(blocks = subject)`). Either way the shuffled data keep the
 * study's structure, and the mixed models of the rerun see subjects as they are.
 *
 * The consensus (consensus.ts's calls, when two or more methods vote) gets a row of its own,
 * method `consensus`: the list the report headlines is calibrated too.
 * Seeds: shuffle s permutes on the step's stream (streams.ts, k = 5) forked by s: the exposure
 * first, then each configured outcome in the config's order (an outcome whose observed scan has no
 * rows too, so that a shuffle depends on its index alone and can run before the observed lists
 * exist). The DA methods'
 * Monte Carlo (ALDEx2's Dirichlet instances) runs on the seed of the observed analysis (the
 * differential-abundance step's stream, k = 4) in every shuffle: the instances depend on the counts
 * only, not on the labels, so each shuffle tests its labels on the very instances the observed list
 * was computed from, and they are drawn once per thread and reused (aldex2.ts
 * `Aldex2InstanceCache`; ~40% of an ALDEx2 run). Only the calls and their directions are read, so
 * ALDEx2's diff.btw (its random pairs and their medians, another ~30%) is computed for its calls
 * alone (`callsOnly`). Same seed, same numbers.
 * Missing values stay where they are (only the observed values are permuted).
 * Cost: shuffles x (the differential-abundance step + the association scans): 20 shuffles cost
 * about 20 times those two steps. Each shuffle depends only on its index (`shuffleCalls`), so a Node
 * engine may run them on worker threads (src/node/calibration-parallel.ts) and hand the counts back
 * through `calls`: the same numbers bit for bit.
 */
import { associations } from "../../assoc/associations.js";
import { isConsensusCall } from "../../da/consensus.js";
import { differentialAbundance } from "../../da/differential-abundance.js";
import { permuteValues } from "../../community/permutations.js";
import { createRng, type Rng } from "../../random/rng.js";
import { getColumn, isMissing, type MetadataColumn, type SampleMetadata } from "../../table/metadata.js";
import { subjectLabels } from "../../table/subject-labels.js";
import type {
  AssociationRow,
  CalibrationResults,
  CalibrationRow,
  ConsensusRow,
  DifferentialAbundanceRow,
} from "../results.js";
import type { StudyConfig } from "../config.js";
import { method } from "../methods.js";
import type { PreparedStudy } from "./shared.js";
import type { StepOutput } from "./shared.js";
import { STEP_STREAMS, stepRng } from "./streams.js";
import { type AssociationConfig, associationOptions, daOptions } from "./taxa-step.js";
import { Aldex2InstanceCache } from "../../da/aldex2.js";

/** The slice of the study config the calibration reads (`seed`: recorded with its results). */
export type CalibrationConfig = AssociationConfig & Pick<StudyConfig, "calibration" | "seed">;

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

/**
 * The seeds of the shuffles: the step's stream (shuffle s runs on `createRng(seed).fork(s)`) and the
 * DA methods' Monte Carlo (the observed analysis's).
 */
export interface CalibrationSeeds {
  seed: number;
  daSeed: number;
}

/** Calls (q < fdr) of one shuffle: per DA method, the consensus rule, then per outcome's scan. */
export interface ShuffleCalls {
  /** Per DA method with rows on the shuffled labels, its calls. */
  da: Record<string, number>;
  /** Consensus calls (consensus.ts `isConsensusCall`). */
  consensus: number;
  /** Per configured outcome, in the config's order, its scan's calls. */
  associations: number[];
}

/** The calibration's seeds on the step's stream `rng` (the study seed gives the DA methods' own). */
export function calibrationSeeds(config: Pick<StudyConfig, "seed">, rng: Rng): CalibrationSeeds {
  return { seed: rng.seed, daSeed: stepRng(config.seed, "differentialAbundance").seed };
}

/**
 * The calls of shuffle s (0-based) on its own stream; depends on nothing else (not on the observed
 * lists either, so they may be computed before them). `cache`: ALDEx2's instances kept between the
 * shuffles of one thread (the same calls with or without it).
 */
export function shuffleCalls(
  config: AssociationConfig,
  prepared: PreparedStudy,
  seeds: CalibrationSeeds,
  s: number,
  cache?: Aldex2InstanceCache,
): ShuffleCalls {
  const { fdr } = config.analysis;
  const called = (q: number | null) => q !== null && q < fdr;
  const rng = createRng(seeds.seed).fork(s);
  const { subject } = config.design;
  const shuffle = (column: string): SampleMetadata =>
    shuffleColumn(prepared.metadata, column, rng, subject ?? undefined);
  const da = differentialAbundance(prepared.collapsed, shuffle(config.design.exposure), {
    ...daOptions(config, seeds.daSeed),
    ...(cache ? { aldex2Cache: cache } : {}),
    callsOnly: true,
  });
  const daCalls: Record<string, number> = {};
  for (const r of da.rows) daCalls[r.method] = (daCalls[r.method] ?? 0) + (called(r.q) ? 1 : 0);
  return {
    da: daCalls,
    consensus: da.consensus.filter(isConsensusCall).length,
    associations: config.outcomes.map((o) => {
      const result = associations(prepared.collapsed, shuffle(o.column), associationOptions(config, o));
      return result.rows.filter((r) => called(r.q)).length;
    }),
  };
}

/** The observed lists the calibration sets its shuffled calls beside. */
export interface CalibrationObserved {
  da: readonly DifferentialAbundanceRow[];
  associations: readonly AssociationRow[];
  /** The observed consensus; with two or more voting methods its calls get a row (`consensus`). */
  consensus?: readonly ConsensusRow[];
  consensusMethods?: readonly string[];
}

/**
 * The calibration table (see header) on the step's stream `rng`. `onShuffle`: progress per
 * shuffle; `given`: the calls of every shuffle, computed elsewhere by `shuffleCalls` with
 * `calibrationSeeds(config, rng)` (e.g. on worker threads).
 */
export function calibrationStep(
  config: CalibrationConfig,
  prepared: PreparedStudy,
  observed: CalibrationObserved,
  rng: Rng,
  options: {
    onShuffle?: (done: number, total: number) => void;
    given?: readonly ShuffleCalls[];
    /** ALDEx2's instances, e.g. kept by the differential-abundance step (same calls without). */
    aldex2Cache?: Aldex2InstanceCache;
  } = {},
): StepOutput<CalibrationResults> {
  const shuffles = config.calibration.shuffles;
  const { fdr } = config.analysis;
  const called = (q: number | null) => q !== null && q < fdr;
  const seeds = calibrationSeeds(config, rng);
  // the DA methods and the outcomes with observed rows get a row each
  const daMethods = [...new Set(observed.da.map((r) => r.method))];
  const scanned = config.outcomes.flatMap((o, k) =>
    observed.associations.some((r) => r.outcome === o.column) ? [{ o, k }] : [],
  );
  const outcomes = scanned.map(({ o }) => o);
  const daCalls = daMethods.map(() => [] as number[]);
  const withConsensus = observed.consensus !== undefined && (observed.consensusMethods?.length ?? 0) >= 2;
  const consensusCalls: number[] = [];
  const assocCalls = outcomes.map(() => [] as number[]);
  const cache = options.aldex2Cache ?? new Aldex2InstanceCache();
  for (let s = 0; s < shuffles; s++) {
    const calls = options.given?.[s] ?? shuffleCalls(config, prepared, seeds, s, cache);
    daMethods.forEach((m, k) => daCalls[k]!.push(calls.da[m] ?? 0));
    if (withConsensus) consensusCalls.push(calls.consensus);
    scanned.forEach(({ k }, j) => assocCalls[j]!.push(calls.associations[k]!));
    options.onShuffle?.(s + 1, shuffles);
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
  const { subject } = config.design;
  return {
    result: { shuffles, seed: config.seed, fdr, rows },
    warnings: [],
    methods: [
      method(
        "calibration",
        `Calibration: the exposure labels (and each outcome) were shuffled ${shuffles} times ${subject ? `respecting the pairing within ${subject} (a per-${subject} column between ${subject}s as whole units, a column varying within ${subject} within ${subject})` : "across samples"} (random stream ${STEP_STREAMS.calibration} of the study seed) and the differential-abundance methods and association scans rerun; every call on shuffled labels is false.`,
      ),
    ],
  };
}

/**
 * The metadata with one column's observed values permuted among the samples that have one: freely,
 * or with `subject` (repeated measures) between subjects as whole units when the column is constant
 * within every subject, else within subject (see header).
 */
export function shuffleColumn(
  metadata: SampleMetadata,
  name: string,
  rng: Rng,
  subject?: string,
): SampleMetadata {
  const column = getColumn(metadata, name)!;
  const present = metadata.ids.map((_, i) => i).filter((i) => !isMissing(column, i));
  const values = present.map((i) => column.values[i]!);
  const subjects = subject
    ? subjectLabels(
        metadata,
        subject,
        present.map((i) => metadata.ids[i]!),
      )
    : undefined;
  const design = subjects
    ? constantWithin(values, subjects)
      ? { plots: subjects }
      : { strata: subjects }
    : {};
  const permuted = permuteValues(values, design, rng);
  const shuffled: MetadataColumn =
    column.kind === "numeric"
      ? { ...column, values: Float64Array.from(column.values) }
      : { ...column, values: [...column.values] };
  present.forEach((to, k) => {
    if (shuffled.kind === "numeric") shuffled.values[to] = permuted[k] as number;
    else (shuffled.values as (string | null)[])[to] = permuted[k] as string | null;
  });
  return { ...metadata, columns: metadata.columns.map((c) => (c === column ? shuffled : c)) };
}

/** Whether every group (by label) holds a single value. */
function constantWithin<T>(values: readonly T[], groups: readonly (string | null)[]): boolean {
  const seen = new Map<string | null, T>();
  return values.every((v, i) => {
    const g = groups[i]!;
    if (!seen.has(g)) seen.set(g, v);
    return Object.is(seen.get(g), v);
  });
}
