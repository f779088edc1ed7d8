/**
 * Matrices written by Striped UniFrac itself, now: runs Debian's `ssu` (unifrac-tools; .ci/run
 * installs it) on the GlobalPatterns fixture, writing `-r hdf5_fp64` and `-r hdf5_fp32`, and feeds
 * those files to every command that takes `--dm`. Each command's output must match the same
 * command on our own `beta` matrix to the precision ssu keeps (branch lengths in float32:
 * ~1e-7 relative for fp64 output, ~1e-6 for fp32). test/io/dm-hdf5.test.ts reads committed
 * ssu files; this test checks that the layout ssu writes today still reads. Skipped, saying
 * so, where ssu is not installed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadDistanceMatrix } from "../../src/node/dm-file.js";

const hasSsu = spawnSync("ssu", ["--help"]).error === undefined;
if (!hasSsu) {
  console.warn("test/node/ssu-live: ssu is not installed (apt-get install unifrac-tools); test skipped");
}

const GP = resolve("test/fixtures/GlobalPatterns");
/** The GlobalPatterns table and tree behind each tool's own option names. */
const INPUTS = (table: string, tree: string) => [table, `${GP}/table.biom`, tree, `${GP}/tree.nwk`];
const dir = mkdtempSync(join(tmpdir(), "gutresponse-ssu-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<void> {
  const err: string[] = [];
  const code = await main(argv, { stdout: () => {}, stderr: (s) => err.push(s) });
  expect(code, err.join("")).toBe(0);
}

/** ssu's metric and output format for each of our metrics, and the agreement ssu's float32 branch lengths allow. */
const CASES = [
  { ours: "unweighted_unifrac", ssu: "unweighted_fp64", format: "hdf5_fp64", tol: 1e-6 },
  { ours: "weighted_normalized_unifrac", ssu: "weighted_normalized_fp32", format: "hdf5_fp32", tol: 1e-5 },
] as const;

/**
 * A result table as rows of cells; numeric cells compared with a relative tolerance (of their
 * absolute values where `unsigned`: PCoA axes may flip sign), the rest exactly.
 */
function expectTablesClose(got: string, want: string, tol: number, unsigned = false): void {
  const rows = (text: string) =>
    text
      .trimEnd()
      .split("\n")
      .map((line) => line.split("\t"));
  const [a, b] = [rows(got), rows(want)];
  expect(a.length).toBe(b.length);
  a.forEach((row, r) => {
    expect(row.length).toBe(b[r]?.length);
    row.forEach((cell, c) => {
      const other = b[r]?.[c] ?? "";
      const [x, y] = [Number(cell), Number(other)].map((v) => (unsigned ? Math.abs(v) : v)) as [
        number,
        number,
      ];
      if (cell === "" || other === "" || Number.isNaN(x) || Number.isNaN(y)) expect(cell).toBe(other);
      else
        expect(Math.abs(x - y), `row ${r} column ${c}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(y)));
    });
  });
}

describe.skipIf(!hasSsu)("matrices written by ssu now, through every --dm command", () => {
  for (const c of CASES) {
    it(`${c.ssu} (${c.format}) reads as our ${c.ours} and gives the same tests`, async () => {
      const theirs = join(dir, `${c.ssu}.h5`);
      const run = spawnSync(
        "ssu",
        ["-m", c.ssu, "-o", theirs, "-r", c.format, "--pcoa", "0", ...INPUTS("-i", "-t")],
        { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } },
      );
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      const ours = join(dir, `${c.ours}.h5`);
      await cli("beta", ...INPUTS("--table", "--tree"), "--metric", c.ours, "--out", ours);

      const [dmTheirs, dmOurs] = [await loadDistanceMatrix(theirs), await loadDistanceMatrix(ours)];
      expect(dmTheirs.ids).toEqual(dmOurs.ids);
      dmOurs.condensed.forEach((d, k) => {
        expect(Math.abs((dmTheirs.condensed[k] ?? Number.NaN) - d)).toBeLessThanOrEqual(c.tol);
      });

      const md = `${GP}/metadata.tsv`;
      const commands: Record<string, string[]> = {
        permanova: ["--metadata", md, "--formula", "~ SampleType", "--permutations", "99"],
        permdisp: ["--metadata", md, "--column", "human_associated", "--permutations", "99"],
        anosim: ["--metadata", md, "--column", "SampleType", "--permutations", "99"],
        mantel: ["--dm2", ours, "--permutations", "99"],
        pcoa: ["--dimensions", "3"],
      };
      for (const [command, args] of Object.entries(commands)) {
        const outputs = [theirs, ours].map((dm) => join(dir, `${c.ours}-${command}-${dm === ours}.tsv`));
        for (const [i, dm] of [theirs, ours].entries()) {
          await cli(command, "--dm", dm, ...args, "--out", outputs[i] ?? "");
        }
        const [got, want] = outputs.map((f) => readFileSync(f, "utf8"));
        if (command === "pcoa") {
          // axes may flip sign between two matrices this close; the eigenvalues may not move
          const eigen = outputs.map((f) => readFileSync(f.replace(/\.tsv$/, ".eigen.tsv"), "utf8"));
          expectTablesClose(eigen[0] ?? "", eigen[1] ?? "", 10 * c.tol);
          expectTablesClose(got ?? "", want ?? "", 100 * c.tol, true);
        } else {
          expectTablesClose(got ?? "", want ?? "", 10 * c.tol);
        }
      }
    });
  }
});
