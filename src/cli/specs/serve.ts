/** `gutresponse serve`: declarative definition (help, options); the run is commands/serve.ts. */
import { defineCommand } from "../command.js";

/** `gutresponse serve`: usage, options (kind, default, help text) and examples. */
export const spec = defineCommand({
  usage: ["[--port N]"],
  description: `Serves the built in-browser app on http://127.0.0.1:N/ (0 picks a free port),
reachable from this machine only. Open the address in a browser, drop a feature table, taxonomy,
tree and metadata, pick the design and run the study: everything runs inside the browser, nothing
is uploaded. Stop with Ctrl-C. The app is built by 'npm run build:web' (part of 'npm run build').`,
  options: {
    port: { kind: "text", value: "N", description: "port number, 0 to 65535", defaultText: "8080" },
  },
  examples: ["gutresponse serve --port 8080"],
});
