/**
 * CLI: `permanova`, `permdisp`, `anosim` and `mantel` on the dune Bray–Curtis matrix, each checked
 * against the vegan reference of the fixture (dune/reference/*.json); --help; a bad column exits 2.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { formatLsmat } from "../../src/io/lsmat.js";
import { parseTsv, runCli, scratchDir } from "../helpers/cli.js";
import { braycurtis, matrixFromValues, readReference } from "./helpers.js";

const dir = scratchDir("gr-community-cli-");
const metadata = resolve(__dirname, "../fixtures/dune/metadata.tsv");
const dmPath = join(dir, "bc.tsv");
writeFileSync(dmPath, formatLsmat(braycurtis("dune")));

/** `gutresponse <command> --dm bc.tsv <args>`. */
const onDune = (command: string, ...args: string[]) => runCli([command, "--dm", dmPath, ...args]);
/** A one-factor test of Management with 9 permutations. */
const byManagement = (command: string) =>
  onDune(command, "--metadata", metadata, "--column", "Management", "--permutations", "9");

/** The `values` of one implementation in a dune reference file. */
function duneValues<T>(reference: string, implementation: string): T {
  return readReference<{ results: Record<string, { values: T }> }>("dune", reference).results[implementation]!
    .values;
}

describe("community CLI commands", () => {
  it("permanova writes the results-contract columns and matches adonis2 by margin", async () => {
    const out = join(dir, "permanova.tsv");
    const r = await onDune(
      "permanova",
      ...["--metadata", metadata, "--formula", "~ Management + A1", "--by", "margin"],
      ...["--permutations", "99", "--seed", "3", "--out", out],
    );
    expect(r.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.split("\n")[0]).toBe("term\tdf\tsum_of_squares\tr2\tF\tp\tpermutations");
    const rows = parseTsv(text);
    const want = duneValues<{ F: (number | null)[] }>("permanova", "adonis2.Management_A1_by_margin");
    expect(rows.map((x) => x.term)).toEqual(["Management", "A1", "Residual", "Total"]);
    expect(Math.abs(Number(rows[0]!.F) - want.F[0]!) / want.F[0]!).toBeLessThan(1e-9);
    expect(rows[0]!.permutations).toBe("99");
    expect(rows[2]!.F).toBe("NA");
  });

  it("permdisp, anosim and mantel write one-row tables", async () => {
    const pd = await byManagement("permdisp");
    expect(pd.code).toBe(0);
    // vegan betadisper's default (spatial median) F, to the precision of vegan's BFGS optimiser
    // (the permutation p differs: 9 permutations here); --type centroid to 1e-9
    expect(Number(parseTsv(pd.out)[0]!.F)).toBeCloseTo(
      duneValues<{ F: number }>("permdisp", "betadisper.median").F,
      5,
    );
    const centroid = await onDune(
      ...["permdisp", "--metadata", metadata, "--column", "Management", "--permutations", "9"],
      ...["--type", "centroid"],
    );
    expect(Number(parseTsv(centroid.out)[0]!.F)).toBeCloseTo(
      duneValues<{ F: number }>("permdisp", "betadisper.centroid").F,
      9,
    );
    const an = await byManagement("anosim");
    expect(Number(parseTsv(an.out)[0]!.R)).toBeCloseTo(duneValues<{ R: number }>("anosim", "vegan").R, 12);
    const env = join(dir, "env.tsv");
    writeFileSync(
      env,
      formatLsmat(
        matrixFromValues(duneValues<{ ids: string[]; matrix: number[][] }>("mantel", "env_distance.R")),
      ),
    );
    const mt = await onDune("mantel", "--dm2", env, "--method", "pearson", "--permutations", "9");
    expect(mt.code).toBe(0);
    expect(Number(parseTsv(mt.out)[0]!.r)).toBeCloseTo(
      duneValues<{ r: number }>("mantel", "vegan.pearson").r,
      12,
    );
  });

  it("every command has --help with an example; a bad column exits 2 and names it", async () => {
    for (const c of ["permanova", "permdisp", "anosim", "mantel"]) {
      const h = await runCli([c, "--help"]);
      expect(h.code).toBe(0);
      expect(h.out).toMatch(/Example/);
    }
    const bad = await onDune("permdisp", "--metadata", metadata, "--column", "Nope");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Nope/);
  });
});
