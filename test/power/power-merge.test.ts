/**
 * `power --replicates A..B` + `power-merge`: parts combine into the same bytes as one run; the
 * merge refuses missing, overlapping, mismatched and truncated parts (naming the part) and then
 * writes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, scratchDir } from "../helpers/cli.js";
import { tinyPowerArgs } from "./tiny-power.js";

const dir = scratchDir("gutresponse-power-merge-");
const cli = (...argv: string[]) => runCli(argv);

const at = (f: string): string => join(dir, f);
const read = (f: string): string => readFileSync(at(f), "utf8");
const BASE = tinyPowerArgs(3);

describe("power --replicates and power-merge", () => {
  it("parts merge into the same bytes as one run; bad parts are refused, nothing written", async () => {
    expect((await cli(...BASE, "--out", at("one.tsv"))).code).toBe(0);
    for (const [range, name] of [
      ["1..1", "p1.json"],
      ["2..3", "p23.json"],
      ["3..3", "p3.json"],
    ] as const) {
      const r = await cli(...BASE, "--replicates", range, "--out", at(name));
      expect(r.code, r.err).toBe(0);
    }
    const r = await cli("power-merge", at("p23.json"), at("p1.json"), "--out", at("merged.tsv"));
    expect(r.code, r.err).toBe(0);
    expect(read("merged.tsv")).toBe(read("one.tsv"));
    expect(read("merged.fdp.tsv")).toBe(read("one.fdp.tsv"));

    const refused = async (parts: string[], pattern: RegExp): Promise<void> => {
      const e = await cli("power-merge", ...parts.map(at), "--out", at("bad.tsv"));
      expect(e.code).toBe(2);
      expect(e.err).toMatch(pattern);
      expect(existsSync(at("bad.tsv")) || existsSync(at("bad.fdp.tsv"))).toBe(false);
    };
    await refused(["p1.json"], /replicates 2\.\.3 of 1\.\.3 are missing/);
    await refused(["p1.json", "p23.json", "p3.json"], /p3\.json.*replicate 3 is also in .*p23\.json/);
    expect((await cli(...tinyPowerArgs(3, 6), "--replicates", "1..1", "--out", at("s6.json"))).code).toBe(0);
    await refused(["s6.json", "p23.json"], /p23\.json.*different power run .*seed differ/);
    writeFileSync(at("cut.json"), read("p1.json").slice(0, 200));
    await refused(["cut.json", "p23.json"], /cut\.json.*truncated or corrupt/);
    const bad = await cli(...BASE, "--replicates", "2..4", "--out", at("x.json"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--replicates takes A\.\.B with 1 <= A <= B <= --reps \(3\), got '2\.\.4'/);
  }, 120_000);
});
