/**
 * `gutresponse` entry point: dispatches to a command, prints errors as one readable block and exits
 * 2 for bad input, 1 for internal errors; a stack trace only with --debug.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { GutresponseError, InputError, NumericalError } from "../core/errors.js";
import { VERSION } from "../core/version.js";
import { parseInvocation } from "./args.js";
import type { CliContext } from "./command.js";
import { type CommandEntry, commands } from "./commands/index.js";
import { commandHelp } from "./help.js";

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `gutresponse ${VERSION} — microbiome–drug-response studies (association, not causation)

Usage: gutresponse <command> [options]   (gutresponse <command> --help for each)

Commands:
${lines.join("\n")}
`;
}

const wantsHelp = (argv: readonly string[]): boolean => argv.includes("--help") || argv.includes("-h");

/**
 * `--help` from the spec alone (the implementation is not loaded); otherwise parses and checks the
 * arguments by the spec and runs the command. A command with subcommands (`model train`) prints
 * its help and exits 2 when called bare.
 */
async function runCommand(entry: CommandEntry, argv: readonly string[], ctx: CliContext): Promise<number> {
  const spec = await entry.spec();
  let label = entry.name;
  let rest = argv;
  if (spec.subcommands) {
    const [sub, ...after] = argv;
    if (sub === undefined || wantsHelp([sub])) {
      ctx.stdout(commandHelp(entry.name, spec));
      return sub === undefined ? 2 : 0;
    }
    if (!spec.subcommands.includes(sub)) {
      throw InputError.single({
        code: "bad_argument",
        message: `unknown subcommand '${entry.name} ${sub}'`,
        hint: spec.subcommands.map((s) => `use 'gutresponse ${entry.name} ${s}'`).join("; "),
      });
    }
    label = `${entry.name} ${sub}`;
    rest = after;
  }
  if (wantsHelp(rest)) {
    ctx.stdout(commandHelp(entry.name, spec));
    return 0;
  }
  const command = await entry.load();
  return command.run(parseInvocation(label, command.spec, rest), ctx);
}

/**
 * Runs `gutresponse ARGV...`: prints the help or the version, or runs the command; resolves to the
 * exit code (0 done, 2 bad input, 1 internal error). `ctx` replaces stdout, stderr and the command
 * line recorded for provenance (tests).
 */
export async function main(argv: string[], ctx?: Partial<CliContext>): Promise<number> {
  const context: CliContext = {
    stdout: ctx?.stdout ?? ((t) => process.stdout.write(t)),
    stderr: ctx?.stderr ?? ((t) => process.stderr.write(t)),
    commandLine: ctx?.commandLine ?? ["gutresponse", ...argv].join(" "),
  };
  const debug = argv.includes("--debug");
  const args = argv.filter((a) => a !== "--debug");
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    context.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    context.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    context.stderr(`gutresponse: unknown command '${name}'\n\n${usage()}`);
    return 2;
  }
  try {
    return await runCommand(command, rest, context);
  } catch (e) {
    if (e instanceof InputError) {
      const n = e.issues.length;
      context.stderr(`gutresponse ${name}: ${n === 1 ? "1 problem" : `${n} problems`} with the input\n`);
      for (const line of e.message.split("\n")) context.stderr(`  ${line}\n`);
      if (debug) context.stderr(`${e.stack}\n`);
      return 2;
    }
    const kind =
      e instanceof NumericalError
        ? "numerical problem"
        : e instanceof GutresponseError
          ? "error"
          : "internal error";
    context.stderr(`gutresponse ${name}: ${kind}: ${(e as Error).message ?? String(e)}\n`);
    if (debug) context.stderr(`${(e as Error).stack}\n`);
    else if (!(e instanceof GutresponseError))
      context.stderr("  (run again with --debug for details, and please report it)\n");
    return 1;
  }
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
