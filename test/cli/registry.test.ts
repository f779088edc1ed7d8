/**
 * The command registry and what `--help` loads: every entry's spec is the one its implementation
 * runs with; `gutresponse --help` imports no spec or command, and `gutresponse CMD --help` only the
 * spec — the static import graph (esbuild's, from the sources) of main.ts and of each spec reaches
 * no command implementation, no Node adapter, renderer or reader, and none of vega or h5wasm.
 */
import { resolve } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { commands } from "../../src/cli/commands/index.js";

const root = resolve(__dirname, "../..");

/** Files reached from `entry` through static imports only (dynamic `import()` is a lazy load). */
async function staticImports(entry: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    splitting: true,
    outdir: "out",
    logLevel: "silent",
  });
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const i of metafile.inputs[file]?.imports ?? [])
      if (i.kind === "import-statement") stack.push(i.path);
  }
  return [...seen];
}

describe("command registry (lazy loading)", () => {
  it("lists each command once; each implementation runs with the spec --help prints", async () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const entry of commands) {
      const [spec, command] = await Promise.all([entry.spec(), entry.load()]);
      expect(command.spec, entry.name).toBe(spec);
      expect(spec.examples.length, entry.name).toBeGreaterThan(0);
    }
  }, 60_000);

  it("gutresponse --help imports only main, the registry, the parser (with its problem list) and help", async () => {
    const files = (await staticImports("src/cli/main.ts")).filter((f) => f.startsWith("src/"));
    expect(files.sort()).toEqual(
      [
        "src/cli/args.ts",
        "src/cli/commands/index.ts",
        "src/cli/help.ts",
        "src/cli/main.ts",
        "src/cli/problems.ts",
        "src/core/errors.ts",
        "src/core/version.ts",
      ].sort(),
    );
  });

  it("no spec imports a command, a Node adapter, a renderer, a reader, vega or h5wasm", async () => {
    const forbidden =
      /^(src\/cli\/commands\/|src\/node\/|src\/report\/|src\/io\/|node_modules\/(vega|h5wasm))/;
    for (const name of commands.map((c) => c.name)) {
      const files = await staticImports(`src/cli/specs/${name}.ts`);
      expect(
        files.filter((f) => forbidden.test(f)),
        name,
      ).toEqual([]);
    }
  }, 60_000);

  it("a bare subcommand command prints its help and exits 2; an unknown one is an input error", async () => {
    let out = "";
    let err = "";
    const ctx = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) };
    expect(await main(["model"], ctx)).toBe(2);
    expect(out).toContain("gutresponse model train --study");
    expect(await main(["model", "fit"], ctx)).toBe(2);
    expect(err).toContain("unknown subcommand 'model fit'");
  });
});
