/**
 * Argument parsing for CLI commands on node:util parseArgs, built from a command's declarative
 * spec (command.ts): parser errors become InputErrors that name the option and point to --help,
 * and every option is checked by kind (numberOption, choiceOption, ...) with one wording for all.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { InputError } from "../core/errors.js";
import type {
  CommandSpec,
  Invocation,
  NumberRange,
  OptionDef,
  OptionTable,
  OptionValues,
} from "./command.js";
import { Problems } from "./problems.js";

type ParserOptions = NonNullable<ParseArgsConfig["options"]>;

/**
 * `--name -5` reaches parseArgs as an option-looking value ("argument is ambiguous"); a string
 * option followed by a negative number is rewritten to `--name=-5`, so the range check below can
 * say what is wrong with it.
 */
function joinNegativeNumbers(argv: readonly string[], options: ParserOptions): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    const spec = a.startsWith("--") ? options[a.slice(2)] : undefined;
    if (spec?.type === "string" && next !== undefined && /^-(\d|\.\d|Infinity)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** The checked value of one option from its text (undefined: absent and no default). */
function optionValue(
  command: string,
  name: string,
  def: OptionDef,
  raw: string | boolean | undefined,
): unknown {
  if (def.kind === "flag") return raw === true;
  const text = raw as string | undefined;
  switch (def.kind) {
    case "text":
      return def.required ? requireOption(command, text, name) : (text ?? def.default);
    case "number":
      return text === undefined ? def.default : numberOption(command, text, name, Number.NaN, def.range);
    case "list":
      return listOption(text);
    case "numbers":
      return text === undefined
        ? def.default
        : listOption(text).map((x) => numberOption(command, x, name, Number.NaN, def.range));
    case "choice": {
      const given = def.required ? requireOption(command, text, name) : text;
      return given === undefined ? def.default : choiceOption(command, given, name, def.choices, given);
    }
  }
}

/**
 * Parses a command's arguments by its spec and checks every option and the positionals, collecting
 * all their problems (the command adds those of its inputs, then calls `checked()`).
 * `command` names the command in hints ("model train").
 * @throws InputError `bad_argument` for what the parser itself rejects (an unknown option, a
 *   missing value), naming it and pointing to --help
 */
export function parseInvocation<O extends OptionTable>(
  command: string,
  spec: CommandSpec<O>,
  argv: readonly string[],
): Invocation<O> {
  const parserOptions: ParserOptions = {};
  for (const [name, def] of Object.entries(spec.options))
    parserOptions[name] = { type: def.kind === "flag" ? "boolean" : "string" };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: joinNegativeNumbers(argv, parserOptions),
      options: parserOptions,
      allowPositionals: spec.positionals !== undefined,
      strict: true,
    });
  } catch (e) {
    throw InputError.single({
      code: "bad_argument",
      message: (e as Error).message,
      hint: `run 'gutresponse ${command} --help' for the options`,
    });
  }
  const problems = new Problems();
  const values: Record<string, unknown> = {};
  for (const [name, def] of Object.entries(spec.options))
    values[name] = problems.check(() =>
      optionValue(command, name, def, parsed.values[name] as string | boolean | undefined),
    );
  const positionals = parsed.positionals;
  const wanted = spec.positionals;
  if (wanted && positionals.length < (wanted.min ?? 0)) {
    problems.issues.push({
      code: "bad_argument",
      ...(positionals[0] === undefined ? {} : { file: positionals[0] }),
      message: wanted.missing?.message(positionals.length) ?? `${wanted.name} (first argument) is required`,
      hint: wanted.missing?.hint ?? `run 'gutresponse ${command} --help' for an example`,
    });
  }
  return {
    values: values as Invocation<O>["values"],
    positionals,
    problems,
    checked() {
      problems.throwIfAny();
      return values as OptionValues<O>;
    },
  };
}

/** Comma-separated option values, trimmed, empties dropped. */
export function listOption(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
}

/**
 * The value of an option restricted to a list (`fallback` when absent).
 * @throws InputError `bad_argument` naming the choices.
 */
export function choiceOption<T extends string>(
  command: string,
  value: string | undefined,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw InputError.single({
    code: "bad_argument",
    message: `--${name} must be one of ${choices.join(", ")}, got '${value}'`,
    hint: `run 'gutresponse ${command} --help'`,
  });
}

/**
 * The value of a required option.
 * @throws InputError `bad_argument` "--NAME is required" when it is absent or empty
 */
export function requireOption(command: string, value: string | undefined, name: string): string {
  if (value === undefined || value === "") {
    throw InputError.single({
      code: "bad_argument",
      message: `--${name} is required`,
      hint: `run 'gutresponse ${command} --help' for an example`,
    });
  }
  return value;
}

function describeRange(r: NumberRange): string {
  const kind = r.integer ? "an integer" : "a number";
  const parts: string[] = [];
  if (r.min !== undefined && r.max !== undefined && !r.minOpen) parts.push(`from ${r.min} to ${r.max}`);
  else {
    if (r.min !== undefined) parts.push(`${r.minOpen ? ">" : ">="} ${r.min}`);
    if (r.max !== undefined) parts.push(`<= ${r.max}`);
  }
  if (r.not && r.not.length > 0) parts.push(`other than ${r.not.join(", ")}`);
  return [kind, ...parts].join(" ");
}

/**
 * Parses a numeric option and checks its range, with one error wording for every command:
 * `--permutations must be an integer >= 0, got '-5'`. Absent: `fallback`.
 */
export function numberOption(
  command: string,
  value: string | undefined,
  name: string,
  fallback: number,
  range: NumberRange = {},
): number {
  if (value === undefined) return fallback;
  const x = value.trim() === "" ? Number.NaN : Number(value);
  const { integer = false, min, max, minOpen = false, not = [] } = range;
  const ok =
    Number.isFinite(x) &&
    (!integer || Number.isSafeInteger(x)) &&
    (min === undefined || (minOpen ? x > min : x >= min)) &&
    (max === undefined || x <= max) &&
    !not.includes(x);
  if (!ok) {
    throw InputError.single({
      code: "out_of_range",
      message: `--${name} must be ${describeRange(range)}, got '${value}'`,
      hint: `run 'gutresponse ${command} --help'`,
    });
  }
  return x;
}

/** An integer option >= `min` (seeds, counts, threads). */
export function intOption(
  command: string,
  value: string | undefined,
  name: string,
  fallback: number,
  min = 0,
): number {
  return numberOption(command, value, name, fallback, { integer: true, min });
}

/** A number in [0, 1] (fractions, q thresholds). */
export function fractionOption(
  command: string,
  value: string | undefined,
  name: string,
  fallback: number,
): number {
  return numberOption(command, value, name, fallback, { min: 0, max: 1 });
}
