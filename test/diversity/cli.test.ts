/**
 * CLI: `alpha`, `beta` and `pcoa` end to end on the esophagus and dune fixtures (BIOM HDF5 in,
 * TSV out), checked against the reference values; --help of each; bad input exits 2.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, scratchDir } from "../helpers/cli.js";
import { FIXTURES, loadReference, maxRelDiff } from "./fixtures.js";

const dir = scratchDir("gutresponse-cli-");
const cli = (...argv: string[]) => runCli(argv);

function readTsv(path: string): string[][] {
  return readFileSync(path, "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => l.split("\t"));
}

const esophagus = (f: string): string => join(FIXTURES, "esophagus", f);

describe("gutresponse alpha / beta / pcoa", () => {
  it("alpha writes sample-id + one column per metric", async () => {
    const out = join(dir, "alpha.tsv");
    const r = await cli(
      "alpha",
      "--table",
      esophagus("table.biom"),
      "--tree",
      esophagus("tree.nwk"),
      "--metrics",
      "shannon,faith_pd",
      "--out",
      out,
    );
    expect(r.code, r.err).toBe(0);
    const rows = readTsv(out);
    expect(rows[0]).toEqual(["sample-id", "shannon", "faith_pd"]);
    const ref = loadReference("esophagus", "alpha").results;
    for (const row of rows.slice(1)) {
      expect(maxRelDiff(Number(row[1]), ref.shannon_ln.vegan.values[row[0]!])).toBeLessThan(1e-9);
      expect(maxRelDiff(Number(row[2]), ref.faith_pd.skbio.values[row[0]!])).toBeLessThan(1e-9);
    }
  });

  it("beta writes an lsmat TSV equal to the reference, with any --threads", async () => {
    const ref = loadReference("esophagus", "beta_unifrac_weighted_normalized").results.skbio.values;
    for (const threads of ["1", "2"]) {
      const out = join(dir, `wn${threads}.tsv`);
      const r = await cli(
        "beta",
        "--table",
        esophagus("table.biom"),
        "--tree",
        esophagus("tree.nwk"),
        "--metric",
        "weighted_normalized_unifrac",
        "--threads",
        threads,
        "--out",
        out,
      );
      expect(r.code, r.err).toBe(0);
      const rows = readTsv(out);
      const ids = rows[0]!.slice(1);
      ids.forEach((a, i) => {
        ids.forEach((b, j) => {
          const want = ref.matrix[ref.ids.indexOf(a)][ref.ids.indexOf(b)];
          expect(maxRelDiff(Number(rows[i + 1]![j + 1]), want)).toBeLessThan(1e-9);
        });
      });
    }
    expect(readFileSync(join(dir, "wn1.tsv"), "utf8")).toBe(readFileSync(join(dir, "wn2.tsv"), "utf8"));
  });

  it("pcoa writes coordinates and F.eigen.tsv (axis, eigenvalue, proportion)", async () => {
    const bc = join(dir, "bc.tsv");
    expect(
      (
        await cli(
          "beta",
          "--table",
          join(FIXTURES, "dune", "table.biom"),
          "--metric",
          "braycurtis",
          "--out",
          bc,
        )
      ).code,
    ).toBe(0);
    const out = join(dir, "pcoa.tsv");
    const r = await cli("pcoa", "--dm", bc, "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/negative eigenvalue/);
    const eigen = readTsv(join(dir, "pcoa.eigen.tsv"));
    expect(eigen[0]).toEqual(["axis", "eigenvalue", "proportion"]);
    const ref = loadReference("dune", "pcoa_braycurtis").results.cmdscale.values;
    expect(maxRelDiff(Number(eigen[1]![1]), ref.eigenvalues[0])).toBeLessThan(1e-9);
    expect(maxRelDiff(Number(eigen[1]![2]), ref.proportion_explained_positive[0])).toBeLessThan(1e-9);
    expect(readTsv(out)[0]!.slice(0, 3)).toEqual(["sample-id", "PC1", "PC2"]);
  });

  it("pcoa --threads 2 writes the bytes of one thread (Lanczos products split over workers)", async () => {
    const bc = join(dir, "bc-threads.tsv");
    const table = join(FIXTURES, "dune", "table.biom");
    expect((await cli("beta", "--table", table, "--metric", "braycurtis", "--out", bc)).code).toBe(0);
    const files = [];
    for (const threads of ["1", "2"]) {
      const out = join(dir, `pcoa-t${threads}.tsv`);
      const args = ["--dm", bc, "--dimensions", "3", "--solver", "lanczos", "--threads", threads];
      const r = await cli("pcoa", ...args, "--out", out);
      expect(r.code, r.err).toBe(0);
      files.push(readFileSync(out, "utf8"), readFileSync(join(dir, `pcoa-t${threads}.eigen.tsv`), "utf8"));
    }
    expect(files[2]).toBe(files[0]);
    expect(files[3]).toBe(files[1]);
  });

  it("each command has --help with an example", async () => {
    for (const name of ["alpha", "beta", "pcoa"]) {
      const r = await cli(name, "--help");
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/Example:\n {2}gutresponse /);
    }
  });

  it("bad input exits 2 with the issue", async () => {
    const r = await cli(
      "beta",
      "--table",
      esophagus("table.biom"),
      "--metric",
      "unweighted_unifrac",
      "--out",
      join(dir, "x.tsv"),
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/needs a tree/);
    expect(
      (
        await cli(
          "alpha",
          "--table",
          esophagus("table.biom"),
          "--metrics",
          "nope",
          "--out",
          join(dir, "y.tsv"),
        )
      ).code,
    ).toBe(2);
  });
});
