/**
 * The shape of one CLI command, in two parts so that `--help` never loads analysis code:
 *
 * - a **spec** (src/cli/specs/NAME.ts): the declarative definition — usage lines, description,
 *   the options table (kind, default, description), positionals, examples. main.ts prints `--help`
 *   from it and args.ts builds the argument parser and every option check from it;
 * - an **implementation** (src/cli/commands/NAME.ts, `implement(spec, run)`): argv already parsed
 *   and checked -> core/io/report/node -> files. Commands are thin.
 */
import type { Problems } from "./problems.js";

/** The allowed range of a numeric option; bounds are inclusive unless marked open. */
export interface NumberRange {
  integer?: boolean;
  min?: number;
  max?: number;
  /** The minimum itself is not allowed (e.g. > 0). */
  minOpen?: boolean;
  /** Values that are not allowed inside the range (e.g. a logarithm base of 1). */
  not?: readonly number[];
}

/** Where a command writes (stdout, stderr) and the command line it records. */
export interface CliContext {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The exact command line, for provenance. */
  commandLine: string;
}

interface OptionBase {
  /** One line (or a few, separated by "\n") for the options table of `--help`. */
  description: string;
  /** How `--help` states the default when it is not a fixed value (e.g. "all that apply"). */
  defaultText?: string;
}

/** `--name` alone: true when given. */
export interface FlagOption extends OptionBase {
  kind: "flag";
}

/** `--name VALUE`, any text (a path, a formula, a column name). */
export interface TextOption extends OptionBase {
  kind: "text";
  /** The placeholder `--help` shows, e.g. "T" or "F.tsv". */
  value: string;
  required?: boolean;
  default?: string;
}

/** `--name X`, a number checked against `range` (args.ts numberOption: one error wording). */
export interface NumberOption extends OptionBase {
  kind: "number";
  value: string;
  range?: NumberRange;
  default?: number;
}

/** `--name a,b,c`: comma-separated values, trimmed, empties dropped ([] when absent). */
export interface ListOption extends OptionBase {
  kind: "list";
  value: string;
}

/** `--name 1,2,3`: comma-separated numbers, each checked against `range`. */
export interface NumberListOption extends OptionBase {
  kind: "numbers";
  value: string;
  range?: NumberRange;
  default?: readonly number[];
}

/** `--name C`, one of `choices` ("--name must be one of a, b, got 'x'"). */
export interface ChoiceOption<C extends string = string> extends OptionBase {
  kind: "choice";
  choices: readonly C[];
  /** The placeholder `--help` shows; default: the choices joined by "|". */
  value?: string;
  required?: boolean;
  default?: C;
  /** One `--name choice  summary` help line per choice instead of one line for the option. */
  choiceSummaries?: Readonly<Record<string, string>>;
}

/** One option of a command: how it is parsed, checked and listed in `--help`. */
export type OptionDef = FlagOption | TextOption | NumberOption | ListOption | NumberListOption | ChoiceOption;

/** A command's options by name (the name without its leading `--`), in `--help` order. */
export type OptionTable = Readonly<Record<string, OptionDef>>;

/** Arguments without a leading `--` (files, folders). */
export interface PositionalSpec {
  /** How `--help` and the error name them, e.g. "STUDY.yaml" or "PART...". */
  name: string;
  /** Fewest accepted; 0 by default. */
  min?: number;
  /** What to say when fewer are given (default "NAME is required"), and an example. */
  missing?: { message: (given: number) => string; hint?: string };
}

/** The declarative definition of one command: everything `--help` prints and the parser checks. */
export interface CommandSpec<O extends OptionTable = OptionTable> {
  /** What follows `gutresponse NAME` in each usage line. */
  usage: readonly string[];
  /** Paragraphs printed between the usage and the options. */
  description: string;
  options: O;
  positionals?: PositionalSpec;
  /** A first argument the command requires, e.g. `model train`. */
  subcommands?: readonly string[];
  /** Printed after the options (what is written, notes). */
  notes?: string;
  /** Full command lines, at least one. */
  examples: readonly string[];
}

type ValueOf<D> = D extends { kind: "flag" }
  ? boolean
  : D extends { kind: "number" }
    ? number
    : D extends { kind: "numbers" }
      ? readonly number[]
      : D extends { kind: "list" }
        ? string[]
        : D extends { kind: "choice"; choices: readonly (infer C)[] }
          ? C
          : string;

type AlwaysSet<D> = D extends { kind: "flag" | "list" }
  ? true
  : D extends { required: true }
    ? true
    : D extends { default: unknown }
      ? true
      : false;

/** The values of checked options: required ones and ones with a default are always set. */
export type OptionValues<O extends OptionTable> = {
  -readonly [K in keyof O]: AlwaysSet<O[K]> extends true ? ValueOf<O[K]> : ValueOf<O[K]> | undefined;
};

/** What a command's run receives: its arguments, parsed and checked against the spec. */
export interface Invocation<O extends OptionTable> {
  /**
   * The option values so far: an option that failed its check (or a missing required one) is
   * undefined here and its problem is in `problems`.
   */
  values: { [K in keyof O]?: ValueOf<O[K]> };
  positionals: readonly string[];
  /** Problems of the options; a command adds those of its inputs (`problems.load`). */
  problems: Problems;
  /**
   * Throws every problem found so far (options, and inputs loaded through `problems`) as one
   * InputError; otherwise returns the checked values.
   * @throws InputError listing every problem
   */
  checked(): OptionValues<O>;
}

/** A loaded command: its spec and the function that runs it. */
export interface Command {
  spec: CommandSpec;
  /** Runs the command; resolves to the exit code (0 done, 2 bad input). */
  run(args: Invocation<OptionTable>, ctx: CliContext): Promise<number>;
}

/** A spec with its option types kept literal, so `implement` can type the values. */
export function defineCommand<const O extends OptionTable>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** Pairs a spec with its run function (the implementation module's one export). */
export function implement<O extends OptionTable>(
  spec: CommandSpec<O>,
  run: (args: Invocation<O>, ctx: CliContext) => Promise<number>,
): Command {
  return { spec, run: run as Command["run"] };
}
