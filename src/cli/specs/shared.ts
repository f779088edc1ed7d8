/**
 * Options several commands share, declared once (kind, range, default, help text) so that every
 * command parses, checks and documents them the same way.
 */
import { availableParallelism } from "node:os";
import { REFERENCE_DESIGNS } from "../../core/simulate/designs/index.js";
import { RANKS } from "../../core/table/taxonomy.js";
import type { ChoiceOption, FlagOption, NumberOption, PositionalSpec, TextOption } from "../command.js";

/** A `--name VALUE` text option (a path, a column); `required` makes it so. */
export function textOption<const R extends boolean = false>(
  value: string,
  description: string,
  required?: R,
) {
  return {
    kind: "text",
    value,
    description,
    required: (required ?? false) as R,
  } as const satisfies TextOption;
}

/** `--table T`, required. */
export const TABLE = textOption("T", "feature table (BIOM HDF5/JSON, TSV, .qza)", true);

/** `--table T` of an analysis that needs counts. */
export const COUNT_TABLE = { ...TABLE, description: "feature table of counts (BIOM, TSV, .qza)" } as const;

/** `--metadata M`, required. */
export const METADATA = textOption("M", "sample metadata (QIIME 2 TSV)", true);

/** `--tree X`. */
export const TREE = textOption("X", "rooted Newick tree whose tips are the feature IDs");

/** `--dm F`, required. */
export const DM = textOption(
  "F.tsv",
  "distance matrix (lsmat TSV or HDF5, as written by 'gutresponse beta')",
  true,
);

/** `--taxonomy Y`. */
export const TAXONOMY_FILE = textOption("Y", "taxonomy (QIIME 2 TSV)");

/** `--taxonomy` and `--level`: collapse the table to a rank before the analysis. */
export const LEVEL_OPTIONS = {
  taxonomy: { ...TAXONOMY_FILE, description: "taxonomy, for --level when the table carries none" },
  level: {
    kind: "choice",
    value: "RANK",
    choices: RANKS,
    description: `collapse to ${RANKS.join("|")} first`,
  },
} as const satisfies Record<string, TextOption | ChoiceOption>;

/** `--min-prevalence P` in [0, 1], default 0.1. */
export const MIN_PREVALENCE = {
  kind: "number",
  value: "P",
  range: { min: 0, max: 1 },
  default: 0.1,
  description: "fraction of samples a taxon must be present in",
} as const satisfies NumberOption;

/** `--fdr Q` in [0, 1], default 0.1. */
export function fdrOption(description: string) {
  return {
    kind: "number",
    value: "Q",
    range: { min: 0, max: 1 },
    default: 0.1,
    description,
  } as const satisfies NumberOption;
}

/** `--name N`: an integer >= `min`, `fallback` when absent. */
export function integerOption(min: number, fallback: number, description: string) {
  return {
    kind: "number",
    value: "N",
    range: { integer: true, min },
    default: fallback,
    description,
  } as const satisfies NumberOption;
}

/** `--seed N`, an integer >= 0, default 42. */
export function seedOption(description = "random seed") {
  return integerOption(0, 42, description);
}

/**
 * The default of every `--threads`: all the cores this process may use (`os.availableParallelism()`,
 * as ranger's `num.threads` and OpenMP default to). Every command that takes `--threads` gives the
 * same bytes for any thread count, so the default changes only the time taken.
 */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** `--threads N`, an integer >= 1, default {@link defaultThreads} (all available cores). */
export function threadsOption(description: string) {
  return {
    ...integerOption(1, defaultThreads(), description),
    defaultText: `all available cores, ${defaultThreads()} here`,
  } as const satisfies NumberOption;
}

/** `--mc N`: ALDEx2 Monte Carlo instances. */
export const MC = {
  kind: "number",
  value: "N",
  range: { integer: true, min: 1 },
  description: "ALDEx2 Monte Carlo instances",
} as const satisfies NumberOption;

/** `--out VALUE`, required. */
export function outOption(value: string, description: string) {
  return textOption(value, description, true);
}

/** `--force`: replace what `--out` names. */
export function forceOption(what: string) {
  return {
    kind: "flag",
    description: `replace ${what}`,
    defaultText: "refuse",
  } as const satisfies FlagOption;
}

/** `--permutations`, `--seed`, `--out` (standard output when absent) of the community tests. */
export const PERMUTATION_OPTIONS = {
  permutations: integerOption(0, 999, "permutations; 0 computes the statistics only (p is NA)"),
  seed: seedOption(),
  out: { kind: "text", value: "F.tsv", description: "result table", defaultText: "standard output" },
  force: forceOption("F.tsv if it exists"),
} as const;

/** Options of the one-grouping community tests (permdisp, anosim). */
export const GROUPING_OPTIONS = {
  dm: DM,
  metadata: { ...METADATA, value: "M.tsv" },
  column: textOption("C", "grouping column", true),
  ...PERMUTATION_OPTIONS,
} as const;

/** `--design NAME`: one of the reference designs (core/simulate/designs), one help line each. */
export function designOption(description = "") {
  return {
    kind: "choice",
    value: "NAME",
    choices: REFERENCE_DESIGNS.map((d) => d.name),
    choiceSummaries: Object.fromEntries(REFERENCE_DESIGNS.map((d) => [d.name, d.summary])),
    description,
    defaultText: "kratom",
  } as const satisfies ChoiceOption;
}

/** `--float32`: an .h5 matrix stored as float32. */
export const FLOAT32 = {
  kind: "flag",
  description: "store an .h5 matrix as float32 (half the size, ~7 digits)",
} as const satisfies FlagOption;

/** The partial files a `*-merge` command assembles: at least one, with an example when none. */
export function partsNeeded(command: string, example: string): PositionalSpec {
  return {
    name: "PART...",
    min: 1,
    missing: {
      message: () => `${command} needs the partial files`,
      hint: `gutresponse ${command} ${example}`,
    },
  };
}
