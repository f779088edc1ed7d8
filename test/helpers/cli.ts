/** Runs the CLI in-process (`main`), collecting what it writes to stdout and stderr. */
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `gutresponse ...argv` in-process: its exit code and everything it wrote. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}
