/** End-to-end: `main([...])` of validate, summarize and convert: exit codes, messages, no stack traces. */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadTable } from "../../src/node/load.js";
import { fixture } from "../io/fixtures.js";

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const R_SUMMARY = JSON.parse(readFileSync(fixture("extra/io_summary_globalpatterns.json"), "utf8"));

describe("gutresponse summarize", () => {
  it("GlobalPatterns: 26 samples, 19216 features, depth quartiles as R quantile()", async () => {
    const r = await run("summarize", "--table", fixture("GlobalPatterns", "table.biom"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("samples: 26\n");
    expect(r.out).toContain("features: 19216\n");
    expect(r.out).toContain(`total count: ${R_SUMMARY.total}\n`);
    const [min, q1, med, q3, max] = R_SUMMARY.depth_quantiles;
    expect(r.out).toContain(
      `depth min: ${min}\ndepth Q1: ${q1}\ndepth median: ${med}\ndepth Q3: ${q3}\ndepth max: ${max}\n`,
    );
    expect(r.out).toContain(`sparsity: ${R_SUMMARY.sparsity.toFixed(4)}`);
  });

  it("has --help with an example and refuses a missing --table with exit 2", async () => {
    const help = await run("summarize", "--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("Example:");
    const bad = await run("summarize");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--table is required");
  });

  it("a missing file exits 2 with a readable message and no stack trace", async () => {
    const r = await run("summarize", "--table", "no/such/table.biom");
    expect(r.code).toBe(2);
    expect(r.err).toContain("[file_not_found] no/such/table.biom: no such file");
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

/** `validate` of a table and metadata against the GlobalPatterns tree. */
function validateArgs(table: string, metadata: string): string[] {
  return [
    "validate",
    "--table",
    table,
    "--metadata",
    metadata,
    "--tree",
    fixture("GlobalPatterns", "tree.nwk"),
  ];
}

describe("gutresponse validate", () => {
  it("GlobalPatterns inputs fit together: exit 0", async () => {
    const r = await run(
      ...validateArgs(fixture("GlobalPatterns", "table.biom"), fixture("GlobalPatterns", "metadata.tsv")),
      "--taxonomy",
      fixture("GlobalPatterns", "taxonomy.tsv"),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("26 samples, 19216 features");
    expect(r.out).toContain("tree: ");
    expect(r.out).toContain("no problems found");
  });

  it("reports every problem (mismatched metadata, tree, bad metadata cell) and exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gr-validate-"));
    const md = join(dir, "md.tsv");
    writeFileSync(md, "sample-id\tage\n#q2:types\tnumeric\nB\t31\nC\tforty\n");
    const r = await run(...validateArgs(fixture("esophagus", "table.biom"), md));
    expect(r.code).toBe(2);
    expect(r.out).toContain("[non_numeric]");
    expect(r.out).toContain("line 4");
    expect(r.out).toContain("'forty' is not a number");
    expect(r.out).toContain("[missing_tips]");
    expect(r.out).toContain("58 table feature(s) have no tip in the tree: '59_8_22'");
    expect(r.out).not.toMatch(/\n\s+at /);
  });
});

describe("gutresponse convert", () => {
  it("converts dune between formats identically, keeps taxonomy, never touches the input", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gr-convert-"));
    const input = fixture("dune", "table.biom");
    const before = { bytes: readFileSync(input), mtime: statSync(input).mtimeMs };
    const original = await loadTable(input);
    for (const [to, name] of [
      ["biom-json", "t.json"],
      ["tsv", "t.tsv"],
      ["biom-hdf5", "t.biom"],
    ] as const) {
      const out = join(dir, name);
      const r = await run("convert", "--table", input, "--to", to, "--out", out);
      expect(r.code).toBe(0);
      expect(r.out).toContain("20 samples, 30 features, with taxonomy");
      const back = await loadTable(out);
      expect(back.table).toEqual(original.table);
      expect(back.taxonomy).toEqual(original.taxonomy);
    }
    expect(readFileSync(input).equals(before.bytes)).toBe(true);
    expect(statSync(input).mtimeMs).toBe(before.mtime);
  });

  it("refuses an unknown target and overwriting the input (exit 2)", async () => {
    const input = fixture("dune", "table.tsv");
    expect((await run("convert", "--table", input, "--to", "xlsx", "--out", "/tmp/x")).err).toContain(
      "--to must be one of biom-json, biom-hdf5, tsv",
    );
    const same = await run("convert", "--table", input, "--to", "tsv", "--out", input);
    expect(same.code).toBe(2);
    expect(same.err).toContain("inputs are never overwritten");
  });
});
