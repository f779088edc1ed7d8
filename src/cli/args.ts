/**
 * Argument parsing for CLI commands on node:util parseArgs, turning its errors into InputErrors
 * that name the option and point to --help.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";

type OptionValue<S> = S extends { type: "boolean" }
  ? S extends { multiple: true }
    ? boolean[]
    : boolean
  : S extends { multiple: true }
    ? string[]
    : string;

export interface ParsedArgs<O extends OptionSpec> {
  values: { [K in keyof O]?: OptionValue<O[K]> } & { help?: boolean };
  positionals: string[];
}
import { InputError } from "../core/errors.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

export function parseCommandArgs<O extends OptionSpec>(
  command: string,
  argv: string[],
  options: O,
  allowPositionals = false,
): ParsedArgs<O> {
  try {
    const parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: "boolean" } },
      allowPositionals,
      strict: true,
    });
    return parsed as unknown as ParsedArgs<O>;
  } catch (e) {
    throw InputError.single({
      code: "bad_argument",
      message: (e as Error).message,
      hint: `run 'gutresponse ${command} --help' for the options`,
    });
  }
}

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

/** Parses an integer option, with a clear error. */
export function intOption(
  command: string,
  value: string | undefined,
  name: string,
  fallback: number,
  min = 0,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw InputError.single({
      code: "bad_argument",
      message: `--${name} must be an integer >= ${min}, got '${value}'`,
      hint: `run 'gutresponse ${command} --help'`,
    });
  }
  return n;
}
