/**
 * workflow/Snakefile end to end with Snakemake (Debian's 7.x; .ci/run installs it), --cores 2, on
 * the GlobalPatterns fixture: two metrics in 3 stripe jobs each, merged, then PCoA; and power in 2
 * replicate jobs. The merged matrices equal a single `beta` run bit for bit and the power tables a
 * single `power` run byte for byte; `float32=true` reaches the stripe jobs and the merge (dry
 * run). Skipped, saying so, where snakemake is not installed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { loadDistanceMatrix } from "../../src/node/dm-file.js";

const SNAKEFILE = resolve("workflow/Snakefile");
const hasSnakemake = spawnSync("snakemake", ["--version"]).status === 0;
if (!hasSnakemake) {
  console.warn(
    "test/workflow: snakemake is not installed (apt-get install snakemake); workflow test skipped",
  );
}

const dir = mkdtempSync(join(tmpdir(), "gutresponse-workflow-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const GP = resolve("test/fixtures/GlobalPatterns");

async function cli(...argv: string[]): Promise<number> {
  return main(argv, { stdout: () => {}, stderr: () => {} });
}

/** `snakemake -s workflow/Snakefile --cores 2 [flags] --config CONFIG...` in the scratch folder; checks it succeeded. */
function snakemake(flags: string[], config: string[]): string {
  const run = spawnSync("snakemake", ["-s", SNAKEFILE, "--cores", "2", ...flags, "--config", ...config], {
    cwd: dir,
    encoding: "utf8",
    timeout: 900_000,
  });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout;
}

describe.skipIf(!hasSnakemake)("workflow/Snakefile (snakemake --cores 2)", () => {
  it("stripe jobs + merge equal single beta runs; PCoA and power fan-out run", async () => {
    const out = join(dir, "out");
    const POWER_ARGS = "--n 20 --methods linda --seed 3";
    snakemake(
      [],
      [
        `table=${GP}/table.biom`,
        `tree=${GP}/tree.nwk`,
        "metrics=unweighted_unifrac,braycurtis",
        "stripes=3",
        `out=${out}`,
        "pcoa=true",
        "dimensions=3",
        "power=true",
        "power_reps=2",
        "power_jobs=2",
        `power_args=${POWER_ARGS}`,
      ],
    );
    for (const metric of ["unweighted_unifrac", "braycurtis"]) {
      const single = join(dir, `${metric}.single.h5`);
      const args = ["beta", "--table", `${GP}/table.biom`, "--tree", `${GP}/tree.nwk`, "--metric", metric];
      expect(await cli(...args, "--out", single)).toBe(0);
      const a = await loadDistanceMatrix(join(out, `${metric}.h5`));
      const b = await loadDistanceMatrix(single);
      expect(a.ids).toEqual(b.ids);
      expect(Buffer.from(a.condensed.buffer).equals(Buffer.from(b.condensed.buffer))).toBe(true);
      const pcoa = readFileSync(join(out, `${metric}_pcoa.tsv`), "utf8").split("\n");
      expect(pcoa[0]).toBe("sample-id\tPC1\tPC2\tPC3");
    }
    const parts = existsSync(join(out, "parts")) ? readdirSync(join(out, "parts")) : [];
    expect(parts, "partials are temp() files, removed once merged").toEqual([]);
    expect(await cli("power", ...POWER_ARGS.split(" "), "--reps", "2", "--out", join(dir, "power.tsv"))).toBe(
      0,
    );
    expect(readFileSync(join(out, "power.tsv"), "utf8")).toBe(readFileSync(join(dir, "power.tsv"), "utf8"));
    expect(readFileSync(join(out, "power.fdp.tsv"), "utf8")).toBe(
      readFileSync(join(dir, "power.fdp.tsv"), "utf8"),
    );
  }, 900_000);

  it("float32=true makes float32 stripe partials and a float32 merge (dry run)", () => {
    const lines = snakemake(
      ["-n", "-p"],
      [
        `table=${GP}/table.biom`,
        "metrics=braycurtis",
        "stripes=2",
        `out=${join(dir, "dry")}`,
        "float32=true",
      ],
    ).split("\n");
    const stripeJobs = lines.filter((l) => / beta .*--stripes [12]\/2 /.test(l));
    expect(stripeJobs).toHaveLength(2);
    for (const l of stripeJobs) expect(l).toContain(" --float32 ");
    expect(lines.filter((l) => / beta-merge .* --float32 /.test(l))).toHaveLength(1);
  }, 300_000);
});
