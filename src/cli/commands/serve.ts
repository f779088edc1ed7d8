import { InputError } from "../../core/errors.js";
import { serveWebApp } from "../../node/web-app.js";
import { implement } from "../command.js";
import { spec } from "../specs/serve.js";

function parsePort(text: string | undefined): number {
  if (text === undefined) return 8080;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw InputError.single({
      code: "bad_argument",
      key: "--port",
      message: `'${text}' is not a port number`,
      hint: "give an integer from 1 to 65535 (0 picks a free port)",
    });
  }
  return port;
}

/** Resolves on Ctrl-C / SIGTERM. */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** `gutresponse serve`, run with its arguments checked against specs/serve.ts. */
export const serve = implement(spec, async ({ checked }, ctx) => {
  const server = await serveWebApp(undefined, parsePort(checked().port));
  ctx.stdout(`gutresponse app at ${server.url}  (127.0.0.1 only; Ctrl-C to stop)\n`);
  await untilInterrupted();
  await server.close();
  return 0;
});
