/**
 * Enforces the dependency direction of docs/ARCHITECTURE.md:
 *   cli -> node, report, io, core;  web -> report, io, core;  report -> core;  io -> core;
 *   core imports nothing of ours outside itself and no `node:*` module.
 * That no module imports itself through others (no import circle, type-only imports included: the
 * structure drawing shows every import). And bundles the library entry for the browser, failing on
 * any node: import.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
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

  it("has no import circle between modules, nor between the core's areas", () => {
    const resolveImport = (file: string, spec: string): string | undefined => {
      const base = resolve(dirname(file), spec).replace(/\.js$/, "");
      return [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((p) => existsSync(p));
    };
    const edges = new Map<string, string[]>();
    for (const file of files) {
      const targets: string[] = [];
      for (const m of readFileSync(file, "utf8").matchAll(IMPORT_RE)) {
        const spec = m[1] ?? m[2]!;
        const target = spec.startsWith(".") ? resolveImport(file, spec) : undefined;
        if (target) targets.push(target);
      }
      edges.set(file, targets);
    }
    expect(importCircles(edges).map((c) => c.map((f) => relative(SRC, f)).join(" -> "))).toEqual([]);
    // nor do the core's areas (core/table, core/stats, core/beta, ...) import each other in a circle
    const area = (f: string) => relative(SRC, f).split(/[\\/]/).slice(0, 2).join("/");
    const areas = new Map<string, string[]>();
    for (const [file, targets] of edges) {
      if (layerOf(file) !== "core") continue;
      const from = area(file);
      const list = areas.get(from) ?? [];
      for (const t of targets) if (area(t) !== from && layerOf(t) === "core") list.push(area(t));
      areas.set(from, list);
    }
    expect(importCircles(areas).map((c) => c.join(" -> "))).toEqual([]);
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

/** Strongly connected components of more than one module (Tarjan 1972, doi:10.1137/0201010). */
function importCircles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) circles.push(component.sort());
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return circles;
}
