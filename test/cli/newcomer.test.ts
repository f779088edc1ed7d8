/**
 * What a newcomer trips over (issue 15), CLI side: range checks of numeric options, one rule for
 * output files (--out a folder or unwritable: exit 2 before any work; refuse to overwrite without
 * --force; say when folders are created), NA for missing values in every TSV.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { formatLsmat } from "../../src/io/lsmat.js";
import { braycurtis } from "../community/helpers.js";

const dir = mkdtempSync(join(tmpdir(), "gr-newcomer-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const metadata = resolve(__dirname, "../fixtures/dune/metadata.tsv");
const table = resolve(__dirname, "../fixtures/dune/table.tsv");
const dmPath = join(dir, "bc.tsv");
/** `permanova` of dune's Bray–Curtis matrix (written in beforeAll) against its metadata. */
const PERMANOVA_DUNE = ["permanova", "--dm", dmPath, "--metadata", metadata];
/** `da` of dune by Management. */
const DA_DUNE = ["da", "--table", table, "--metadata", metadata, "--formula", "~ Management"];
writeFileSync(dmPath, formatLsmat(braycurtis("dune")));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const permanova = ["permanova", "--dm", dmPath, "--metadata", metadata, "--formula", "~ Management"];

describe("numeric options: a range error, never the argument parser's text", () => {
  it.each([
    [["--permutations", "-5"], "--permutations must be an integer >= 0, got '-5'"],
    [["--permutations", "2.5"], "--permutations must be an integer >= 0, got '2.5'"],
    [["--seed", "-1"], "--seed must be an integer >= 0, got '-1'"],
    [["--permutations", "1e400"], "--permutations must be an integer >= 0"],
  ])("permanova %j", async (extra, message) => {
    const r = await cli([...permanova, ...extra]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("[out_of_range]");
    expect(r.err).toContain(message);
    expect(r.err).not.toContain("ambiguous");
  });

  it.each([
    [
      ["alpha", "--table", table, "--out", join(dir, "a.tsv"), "--shannon-base", "-1"],
      "--shannon-base must be a number > 0 other than 1",
    ],
    [["alpha", "--table", table, "--out", join(dir, "a.tsv"), "--shannon-base", "1"], "other than 1"],
    [
      ["beta", "--table", table, "--metric", "aitchison", "--pseudocount", "0", "--out", join(dir, "b.tsv")],
      "--pseudocount must be a number > 0",
    ],
    [
      [
        "beta",
        "--table",
        table,
        "--metric",
        "generalized_unifrac",
        "--alpha",
        "-0.5",
        "--out",
        join(dir, "b.tsv"),
      ],
      "--alpha must be a number from 0 to 1",
    ],
    [
      ["pcoa", "--dm", dmPath, "--dimensions", "0", "--out", join(dir, "p.tsv")],
      "--dimensions must be an integer >= 1",
    ],
    [[...DA_DUNE, "--fdr", "-0.1", "--out", join(dir, "d.tsv")], "--fdr must be a number from 0 to 1"],
    [["power", "--n", "30,-4", "--out", join(dir, "pw.tsv")], "--n must be an integer >= 1, got '-4'"],
  ])("%j", async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err).not.toContain("ambiguous");
  });

  it("--permutations 0 computes the statistics, writes p as NA and says why", async () => {
    const r = await cli([...permanova, "--permutations", "0"]);
    expect(r.code).toBe(0);
    expect(r.err).toContain("--permutations 0 runs no permutation test; p is NA");
    const row = r.out.split("\n")[1]!.split("\t");
    expect(row[0]).toBe("Management");
    expect(Number(row[4])).toBeGreaterThan(0); // F
    expect(row[5]).toBe("NA"); // p
    expect(row[6]).toBe("NA"); // permutations
  });
});

describe("output files: one rule for every command", () => {
  it("--out naming a folder is an input error before any work, with no temporary file left", async () => {
    const folder = join(dir, "a-folder");
    mkdirSync(folder);
    const r = await cli(["alpha", "--table", table, "--out", folder]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("[cannot_write]");
    expect(r.err).toContain("is a folder");
    expect(r.err).not.toContain("internal error");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("an unwritable folder and an existing file are listed together, before any work", async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    const locked = join(dir, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const existing = join(dir, "exists.tsv");
    writeFileSync(existing, "keep me\n");
    try {
      const r = await cli([...DA_DUNE, "--out", join(locked, "x", "da.tsv")]);
      expect(r.code).toBe(2);
      expect(r.err).toContain("permission denied");
      const r2 = await cli(["pcoa", "--dm", dmPath, "--out", existing]);
      expect(r2.code).toBe(2);
      expect(r2.err).toContain("exists");
      expect(r2.err).toContain("--force");
      expect(readFileSync(existing, "utf8")).toBe("keep me\n");
    } finally {
      chmodSync(locked, 0o700);
    }
  });

  it("refuses to overwrite unless --force, and says when it creates folders", async () => {
    const out = join(dir, "new", "deeper", "pm.tsv");
    const first = await cli([...permanova, "--permutations", "9", "--out", out]);
    expect(first.code).toBe(0);
    expect(first.err).toContain(`created folder ${join(dir, "new")}`);
    const again = await cli([...permanova, "--permutations", "9", "--out", out]);
    expect(again.code).toBe(2);
    expect(again.err).toContain("exists");
    const forced = await cli([...permanova, "--permutations", "9", "--out", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.err).not.toContain("created folder");
  });

  it("alpha writes NA (not an empty cell) where a metric is undefined", async () => {
    const t = join(dir, "with-empty.tsv");
    writeFileSync(t, "#OTU ID\tS1\tS2\tS3\nF1\t3\t0\t1\nF2\t4\t0\t2\n");
    const out = join(dir, "alpha-na.tsv");
    const r = await cli(["alpha", "--table", t, "--metrics", "shannon", "--out", out]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines).toContain("S2\tNA");
    expect(existsSync(out)).toBe(true);
  });
});

describe("every problem at once", () => {
  /** `--table` naming a file that does not exist, and `--metadata`. */
  const missingTable = (name: string, metadataPath: string) => [
    "--table",
    join(dir, name),
    "--metadata",
    metadataPath,
  ];

  it("da lists a missing table, a missing metadata file, a bad --fdr and a folder --out together", async () => {
    const r = await cli([
      "da",
      ...missingTable("no-table.biom", join(dir, "no-metadata.tsv")),
      "--formula",
      "~ Management",
      "--fdr",
      "2",
      "--out",
      dir,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("4 problems with the input");
    for (const part of ["no-table.biom", "no-metadata.tsv", "--fdr must be", "is a folder"]) {
      expect(r.err).toContain(part);
    }
  });

  it.each([
    ["alpha", ["alpha", "--table", "/nonexistent/t.biom", "--shannon-base", "-2", "--out", "/"]],
    [
      "beta",
      ["beta", "--table", "/nonexistent/t.biom", "--metric", "braycurtis", "--threads", "0", "--out", "/"],
    ],
    ["anosim", ["anosim", "--dm", "/nonexistent/d.tsv", "--metadata", "/nonexistent/m.tsv", "--column", "g"]],
  ])("%s lists every problem at once", async (_name, args) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/[23] problems with the input/);
  });

  it("assoc lists a bad --type, a missing --outcome and a missing table together", async () => {
    const r = await cli([
      "assoc",
      ...missingTable("nope.biom", metadata),
      "--type",
      "ordinal",
      "--out",
      join(dir, "as.tsv"),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("3 problems with the input");
  });

  it("permanova lists a bad --by, a negative --permutations and a missing --formula together", async () => {
    const r = await cli([...PERMANOVA_DUNE, "--by", "x", "--permutations", "-1"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("3 problems with the input");
  });
});

describe("hints point at things that exist", () => {
  it("a table sample missing from the metadata: no 'pass intersect' (there is no such option)", async () => {
    const md = join(dir, "md-short.tsv");
    writeFileSync(md, "sample-id\tgroup\nS1\ta\n");
    const t = join(dir, "t-two.tsv");
    writeFileSync(t, "#OTU ID\tS1\tS2\nF1\t3\t4\n");
    const r = await cli(["validate", "--table", t, "--metadata", md]);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toContain("'S2'");
    expect(r.out + r.err).not.toContain("intersect");
    expect(r.out + r.err).toContain("remove them from the table");
  });
});

describe("results folders: the same rule", () => {
  it("init says when it creates parent folders; a non-empty folder is refused", async () => {
    const target = join(dir, "made", "for", "study");
    const r = await cli(["init", "--design", "kratom", target]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`will create folder ${join(dir, "made", "for")}`);
    const again = await cli(["init", "--design", "kratom", target]);
    expect(again.code).toBe(2);
    expect(again.err).toContain("not empty");
  });
});

describe("permanova --by margin with an interaction (vegan 2.6-4 adonis2)", () => {
  it("prints only the interaction, not the main effects it contains", async () => {
    const r = await cli([
      ...PERMANOVA_DUNE,
      "--formula",
      "~ Management*A1",
      "--by",
      "margin",
      "--permutations",
      "9",
    ]);
    expect(r.code, r.err).toBe(0);
    expect(
      r.out
        .trimEnd()
        .split("\n")
        .map((l) => l.split("\t")[0]),
    ).toEqual(["term", "Management:A1", "Residual", "Total"]);
  });
});
