/**
 * `power --replicates A..B` + `power-merge`: parts combine into the same bytes as one run; the
 * merge refuses missing, overlapping, mismatched and truncated parts (naming the part) and then
 * writes nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "gutresponse-power-merge-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = runCli;

const at = (f: string): string => join(dir, f);
const read = (f: string): string => readFileSync(at(f), "utf8");
const BASE = "power --design kratom --n 20,28 --reps 3 --methods linda --seed 5".split(" ");

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
    expect(
      (await cli(...BASE.map((a) => (a === "5" ? "6" : a)), "--replicates", "1..1", "--out", at("s6.json")))
        .code,
    ).toBe(0);
    await refused(["s6.json", "p23.json"], /p23\.json.*different power run .*seed differ/);
    writeFileSync(at("cut.json"), read("p1.json").slice(0, 200));
    await refused(["cut.json", "p23.json"], /cut\.json.*truncated or corrupt/);
    const bad = await cli(...BASE, "--replicates", "2..4", "--out", at("x.json"));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--replicates takes A\.\.B with 1 <= A <= B <= --reps \(3\), got '2\.\.4'/);
  }, 120_000);
});
