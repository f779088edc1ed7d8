/**
 * Enforces the dependency direction of docs/ARCHITECTURE.md:
 *   cli -> node, report, io, core;  web -> report, io, core;  report -> core;  io -> core;
 *   core imports nothing of ours outside itself and no `node:*` module.
 * And bundles the library entry for the browser, failing on any node: import.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const SRC = resolve(__dirname, "../src");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".test.ts") ? [p] : [];
  });
}

function layerOf(file: string): string {
  const rel = relative(SRC, file).split(/[\\/]/);
  return rel.length === 1 ? "root" : rel[0]!;
}

const ALLOWED: Record<string, string[]> = {
  core: ["core"],
  io: ["io", "core"],
  report: ["report", "core"],
  node: ["node", "core", "io", "report"],
  cli: ["cli", "node", "report", "io", "core", "root"],
  web: ["web", "report", "io", "core", "root"],
  root: ["core", "io", "report", "root"],
};

const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

describe("architecture", () => {
  const files = walk(SRC);

  it("imports only in the allowed direction", () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(IMPORT_RE)) {
        const spec = m[1] ?? m[2]!;
        if (!spec.startsWith(".")) continue;
        const target = layerOf(resolve(dirname(file), spec));
        if (!ALLOWED[from]!.includes(target)) violations.push(`${relative(SRC, file)} -> ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("keeps core, io and report free of node: modules (static, dynamic and require)", () => {
    const offenders = files
      .filter((f) => ["core", "io", "report"].includes(layerOf(f)))
      .filter((f) =>
        /from\s+["']node:|require\(\s*["']node:|import\(\s*["']node:/.test(readFileSync(f, "utf8")),
      )
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it("bundles the library for the browser without node built-ins", async () => {
    const result = await build({
      entryPoints: [join(SRC, "index.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text.length).toBeGreaterThan(1000);
  });
});
