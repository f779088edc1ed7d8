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
 * about 20 times those two steps.
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
): CalibrationResults {
  const shuffles = config.calibration.shuffles;
  const { fdr } = config.analysis;
  const root = createRng(config.seed).fork(CALIBRATION_STREAM);
  const called = (q: number | null) => q !== null && q < fdr;
  const daMethods = [...new Set(observed.da.map((r) => r.method))];
  const outcomes = config.outcomes.filter((o) => observed.associations.some((r) => r.outcome === o.column));
  const daCalls = daMethods.map(() => [] as number[]);
  const withConsensus = observed.consensus !== undefined && (observed.consensusMethods?.length ?? 0) >= 2;
  const consensusCalls: number[] = [];
  const assocCalls = outcomes.map(() => [] as number[]);
  for (let s = 0; s < shuffles; s++) {
    const rng = root.fork(s);
    const da = differentialAbundance(
      prepared.collapsed,
      shuffleColumn(prepared.metadata, config.design.exposure, rng),
      { ...daOptions(config), seed: rng.fork(1).seed },
    );
    daMethods.forEach((m, k) => {
      daCalls[k]!.push(da.rows.filter((r) => r.method === m && called(r.q)).length);
    });
    if (withConsensus) consensusCalls.push(da.consensus.filter(isConsensusCall).length);
    outcomes.forEach((o, k) => {
      const result = associations(
        prepared.collapsed,
        shuffleColumn(prepared.metadata, o.column, rng),
        associationOptions(config, o),
      );
      assocCalls[k]!.push(result.rows.filter((r) => called(r.q)).length);
    });
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
