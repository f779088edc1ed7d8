#!/usr/bin/env node
// Runs the bundled CLI (npm run build, or npm run build:cli alone, makes dist/cli-bundle/).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../dist/cli-bundle/main.js", import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write(
    "gutresponse: not built yet; run 'npm run build' (or 'npm run build:cli') in the package folder first\n",
  );
  process.exit(1);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
