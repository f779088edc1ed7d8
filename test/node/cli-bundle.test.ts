/**
 * The bundled CLI (tools/bundle-cli.mjs, what bin/gutresponse.js runs): built into a scratch folder,
 * it answers `--help`, its worker threads find their entry files beside the chunk that starts them,
 * its results equal the sources' byte for byte (HDF5 read and written through its copies of h5wasm's
 * builds, whose wasm is a file of its own), and at run time it resolves nothing but its own
 * files, Node's built-ins, h5wasm and vega's optional canvas.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { isBuiltin } from "node:module";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, scratchDir } from "../helpers/cli.js";

const GP = "test/fixtures/GlobalPatterns";
const dir = scratchDir("gutresponse-cli-bundle-");
// inside the project (node_modules/.cache, ignored by git), where the bundle finds h5wasm as the
// installed one in dist/cli-bundle does
const cache = resolve("node_modules/.cache");
mkdirSync(cache, { recursive: true });
const bundle = mkdtempSync(join(cache, "gutresponse-cli-bundle-"));
afterAll(() => rmSync(bundle, { recursive: true, force: true }));

function bundled(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync("node", [join(bundle, "main.js"), ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the bundled CLI", () => {
  beforeAll(() => {
    execFileSync("node", ["tools/bundle-cli.mjs", bundle], { stdio: "pipe" });
  }, 60_000);

  it("answers --help", () => {
    const r = bundled(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^gutresponse \d+\.\d+\.\d+/);
  });

  it("runs UniFrac and PERMANOVA on two threads (worker entries of the bundle) with the sources' bytes", async () => {
    const commands = (out: (name: string) => string, threads: string) => [
      [
        "beta",
        ...["--table", `${GP}/table.biom`, "--tree", `${GP}/tree.nwk`, "--metric", "unweighted_unifrac"],
        ...["--threads", threads, "--out", out("dm.tsv")],
      ],
      [
        "permanova",
        ...["--dm", out("dm.tsv"), "--metadata", `${GP}/metadata.tsv`, "--formula", "~ SampleType"],
        ...["--threads", threads, "--out", out("permanova.tsv")],
      ],
    ];
    const bundleOut = (name: string) => join(dir, `bundle-${name}`);
    const sourcesOut = (name: string) => join(dir, `sources-${name}`);
    for (const args of commands(bundleOut, "2")) {
      const r = bundled(args);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
    }
    for (const args of commands(sourcesOut, "1")) expect((await runCli(args)).code).toBe(0);
    for (const name of ["dm.tsv", "permanova.tsv"]) {
      expect(readFileSync(bundleOut(name), "utf8")).toBe(readFileSync(sourcesOut(name), "utf8"));
    }
  }, 60_000);

  it("reads and writes HDF5 through its copies of h5wasm's builds, the wasm in a file of their own", () => {
    for (const build of ["h5wasm-node", "h5wasm-esm"])
      expect(existsSync(join(bundle, build, "hdf5_util.wasm"))).toBe(true);
    const out = (name: string) => join(dir, `bundle-h5-${name}`);
    const steps = [
      // BIOM bytes through the in-memory build, read back by the Node build
      ["convert", "--table", `${GP}/table.biom`, "--to", "biom-hdf5", "--out", out("table.biom")],
      ["convert", "--table", out("table.biom"), "--to", "tsv", "--out", out("table.tsv")],
      ["convert", "--table", `${GP}/table.biom`, "--to", "tsv", "--out", out("table-in.tsv")],
      ["beta", "--table", `${GP}/table.biom`, "--metric", "braycurtis", "--out", out("dm.h5")],
      ["beta", "--table", `${GP}/table.biom`, "--metric", "braycurtis", "--out", out("dm.tsv")],
      [
        "permanova",
        "--dm",
        out("dm.h5"),
        "--metadata",
        `${GP}/metadata.tsv`,
        "--formula",
        "~ SampleType",
        "--out",
        out("from-h5.tsv"),
      ],
      [
        "permanova",
        "--dm",
        out("dm.tsv"),
        "--metadata",
        `${GP}/metadata.tsv`,
        "--formula",
        "~ SampleType",
        "--out",
        out("from-tsv.tsv"),
      ],
    ];
    for (const args of steps) expect(bundled(args)).toMatchObject({ status: 0, stderr: "" });
    expect(readFileSync(out("from-h5.tsv"), "utf8")).toBe(readFileSync(out("from-tsv.tsv"), "utf8"));
    expect(readFileSync(out("table.tsv"), "utf8")).toBe(readFileSync(out("table-in.tsv"), "utf8"));
  }, 60_000);

  it("imports at run time only its own files, Node's built-ins, h5wasm and vega's optional canvas", () => {
    const specifiers = new Set<string>();
    for (const file of readdirSync(bundle).filter((f) => f.endsWith(".js"))) {
      const text = readFileSync(join(bundle, file), "utf8");
      for (const m of text.matchAll(/(?:^|[;\n])\s*(?:import|export)[^"'`;]*?from\s*["']([^"']+)["']/g)) {
        specifiers.add(m[1]!);
      }
      for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) specifiers.add(m[1]!);
    }
    const foreign = [...specifiers].filter(
      (s) => !s.startsWith("./") && !isBuiltin(s) && !/^h5wasm(\/|$)/.test(s) && s !== "canvas",
    );
    expect(foreign).toEqual([]);
    expect([...specifiers].some((s) => s.startsWith("./"))).toBe(true); // chunks are shared
  });
});
