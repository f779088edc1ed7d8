/** The shape of one CLI command. Commands are thin: argv -> core/io/report/node -> files. */

export interface CliContext {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The exact command line, for provenance. */
  commandLine: string;
}

export interface Command {
  name: string;
  summary: string;
  /** Full --help text, with at least one example. */
  help: string;
  run(argv: string[], ctx: CliContext): Promise<number>;
}
