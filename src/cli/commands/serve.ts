import { InputError } from "../../core/errors.js";
import { serveWebApp } from "../../node/web-app.js";
import { parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";

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

export const serve: Command = {
  name: "serve",
  summary: "serve the in-browser app on 127.0.0.1 (your data never leave the machine)",
  help: `gutresponse serve [--port N]

Serves the built in-browser app on http://127.0.0.1:N/ (default port 8080; 0 picks a free one),
reachable from this machine only. Open the address in a browser, drop a feature table, taxonomy,
tree and metadata, pick the design and run the study: everything runs inside the browser, nothing
is uploaded. Stop with Ctrl-C. The app is built by 'npm run build:web' (part of 'npm run build').

Example:
  gutresponse serve --port 8080`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("serve", argv, { port: { type: "string" } });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    const server = await serveWebApp(undefined, parsePort(values.port));
    ctx.stdout(`gutresponse app at ${server.url}  (127.0.0.1 only; Ctrl-C to stop)\n`);
    await untilInterrupted();
    await server.close();
    return 0;
  },
};
