import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { formatLsmat } from "../../src/io/lsmat.js";
import { braycurtis, matrixFromValues, readReference } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "gr-community-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const metadata = resolve(__dirname, "../fixtures/dune/metadata.tsv");
const dmPath = join(dir, "bc.tsv");
writeFileSync(dmPath, formatLsmat(braycurtis("dune")));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(args, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

function parseTsv(text: string): Record<string, string>[] {
  const [head, ...rows] = text.trimEnd().split("\n");
  const cols = head!.split("\t");
  return rows.map((r) => Object.fromEntries(r.split("\t").map((v, i) => [cols[i]!, v])));
}

describe("community CLI commands", () => {
  it("permanova writes the results-contract columns and matches adonis2 by margin", async () => {
    const out = join(dir, "permanova.tsv");
    const r = await cli([
      "permanova",
      "--dm",
      dmPath,
      "--metadata",
      metadata,
      "--formula",
      "~ Management + A1",
      "--by",
      "margin",
      "--permutations",
      "99",
      "--seed",
      "3",
      "--out",
      out,
    ]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.split("\n")[0]).toBe("term\tdf\tsum_of_squares\tr2\tF\tp\tpermutations");
    const rows = parseTsv(text);
    const want = readReference<{ results: Record<string, { values: { F: (number | null)[] } }> }>(
      "dune",
      "permanova",
    ).results["adonis2.Management_A1_by_margin"]!.values;
    expect(rows.map((x) => x.term)).toEqual(["Management", "A1", "Residual", "Total"]);
    expect(Math.abs(Number(rows[0]!.F) - want.F[0]!) / want.F[0]!).toBeLessThan(1e-9);
    expect(rows[0]!.permutations).toBe("99");
    expect(rows[2]!.F).toBe("NA");
  });

  it("permdisp, anosim and mantel write one-row tables", async () => {
    const pd = await cli([
      "permdisp",
      "--dm",
      dmPath,
      "--metadata",
      metadata,
      "--column",
      "Management",
      "--permutations",
      "9",
    ]);
    expect(pd.code).toBe(0);
    expect(Number(parseTsv(pd.out)[0]!.F)).toBeCloseTo(3.868698711814373, 9);
    const an = await cli([
      "anosim",
      "--dm",
      dmPath,
      "--metadata",
      metadata,
      "--column",
      "Management",
      "--permutations",
      "9",
    ]);
    expect(Number(parseTsv(an.out)[0]!.R)).toBeCloseTo(0.2578705900965037, 12);
    const env = join(dir, "env.tsv");
    const mantelRef = readReference<{
      results: Record<string, { values: { ids: string[]; matrix: number[][] } }>;
    }>("dune", "mantel").results;
    writeFileSync(env, formatLsmat(matrixFromValues(mantelRef["env_distance.R"]!.values)));
    const mt = await cli([
      "mantel",
      "--dm",
      dmPath,
      "--dm2",
      env,
      "--method",
      "pearson",
      "--permutations",
      "9",
    ]);
    expect(mt.code).toBe(0);
    expect(Number(parseTsv(mt.out)[0]!.r)).toBeCloseTo(0.23786219368524347, 12);
  });

  it("every command has --help with an example; a bad column exits 2 and names it", async () => {
    for (const c of ["permanova", "permdisp", "anosim", "mantel"]) {
      const h = await cli([c, "--help"]);
      expect(h.code).toBe(0);
      expect(h.out).toMatch(/Example/);
    }
    const bad = await cli(["permdisp", "--dm", dmPath, "--metadata", metadata, "--column", "Nope"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Nope/);
  });
});
