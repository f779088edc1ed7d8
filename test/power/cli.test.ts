/**
 * `gutresponse power` end to end on a tiny configuration: --help, both tables written, the same
 * seed giving the same bytes, --threads 2 (worker pool) giving the bytes of --threads 1, and bad
 * options exiting 2.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { POWER_ROW_COLUMNS } from "../../src/core/simulate/power.js";
import { runCli, scratchDir } from "../helpers/cli.js";
import { tinyPowerArgs } from "./tiny-power.js";

const dir = scratchDir("gutresponse-power-");
const cli = (...argv: string[]) => runCli(argv);

const tinyRun = (out: string, threads: number) =>
  cli(...tinyPowerArgs(1), "--threads", String(threads), "--out", join(dir, out));
const read = (f: string): string => readFileSync(join(dir, f), "utf8");

describe("gutresponse power", () => {
  it("--help shows an example", async () => {
    const r = await cli("power", "--help");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Example:\n\s+gutresponse power --design kratom/);
  });

  it("writes the power table and the FDP summary, the same bytes for the same seed", async () => {
    const a = await tinyRun("a.tsv", 1);
    expect(a.code).toBe(0);
    expect(a.err).toMatch(/power\s+100%\s+2\/2/);
    const header = read("a.tsv").split("\n")[0]!.split("\t");
    expect(header).toEqual([...POWER_ROW_COLUMNS]);
    // 2 sizes x (linda: 2 taxa + 2 association families x 1 link + confirmatory and single_test:
    // 2 hypotheses each)
    expect(read("a.tsv").trimEnd().split("\n")).toHaveLength(1 + 2 * 8);
    expect(read("a.fdp.tsv").trimEnd().split("\n")).toHaveLength(1 + 2 * 5);
    await tinyRun("b.tsv", 1);
    expect(read("b.tsv")).toBe(read("a.tsv"));
    expect(read("b.fdp.tsv")).toBe(read("a.fdp.tsv"));
  });

  it("gives identical output on 2 worker threads", async () => {
    await tinyRun("one.tsv", 1);
    const r = await tinyRun("two.tsv", 2);
    expect(r.code).toBe(0);
    expect(read("two.tsv")).toBe(read("one.tsv"));
    expect(read("two.fdp.tsv")).toBe(read("one.fdp.tsv"));
  }, 60_000);

  it("rejects bad options with exit code 2", async () => {
    expect((await cli("power", "--n", "30,x", "--out", join(dir, "x.tsv"))).code).toBe(2);
    expect((await cli("power", "--design", "nope", "--out", join(dir, "x.tsv"))).code).toBe(2);
    expect((await cli("power", "--methods", "linda,nope", "--out", join(dir, "x.tsv"))).code).toBe(2);
    expect((await cli("power", "--n", "30")).code).toBe(2);
  });
});
