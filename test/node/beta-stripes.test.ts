/**
 * Stripe jobs (`beta --stripes I/N` + `beta-merge`): for every metric and N = 1, 2, 3, 7 and
 * N > nStripes, the merged partial files equal one `betaDiversity` run bit for bit (odd and even
 * n); chunked and threaded computation too; float32 parts equal a float32 single run bit for bit;
 * and the merge refuses missing, duplicated, mismatched (precision too) and truncated parts, naming
 * the part, before writing anything.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { BETA_METRIC_IDS, type BetaMetricId, betaDiversity } from "../../src/core/beta/beta-diversity.js";
import {
  betaStripesInto,
  forEachStripeDistances,
  stripeJobRange,
} from "../../src/core/beta/stripe-chunks.js";
import { nStripes } from "../../src/core/beta/stripes.js";
import { InputError } from "../../src/core/errors.js";
import { withH5File } from "../../src/io/biom-hdf5.js";
import { squareRowsOf } from "../../src/io/dm-hdf5.js";
import { betaDiversityParallel, betaStripeJob } from "../../src/node/beta-parallel.js";
import { partRows } from "../../src/node/beta-part-rows.js";
import {
  mergeStripeParts,
  readCheckedParts,
  type StripePartHeader,
  stripePartHeader,
  writeStripePart,
} from "../../src/node/beta-partial.js";
import { loadDistanceMatrix } from "../../src/node/dm-file.js";
import { syntheticTable, syntheticTree } from "../diversity/synthetic.js";

const dir = mkdtempSync(join(tmpdir(), "gutresponse-stripes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OPTIONS: Record<string, { alpha?: number; pseudocount?: number }> = {
  generalized_unifrac: { alpha: 0.3 },
  aitchison: { pseudocount: 0.5 },
};

const OPTIONS_NULL = { alpha: undefined, pseudocount: undefined };

function inputs(n: number) {
  const table = syntheticTable(n, 60, 0.15, 7 + n);
  const tree = syntheticTree(table.featureIds, 11);
  return { table, tree };
}

async function writeParts(
  n: number,
  metric: BetaMetricId,
  jobs: number,
  tag: string,
  threads = 1,
  override: Partial<StripePartHeader> = {},
): Promise<string[]> {
  const { table, tree } = inputs(n);
  const opts = { tree, ...OPTIONS[metric] };
  const paths: string[] = [];
  for (let job = 1; job <= jobs; job++) {
    const header: StripePartHeader = {
      ...stripePartHeader({
        metric,
        ...OPTIONS_NULL,
        ...opts,
        table,
        tableFile: "t.biom",
        tree,
        treeFile: "t.nwk",
        job,
        jobs,
      }),
      ...override,
    };
    const { start, stop } = header;
    const path = join(dir, `${tag}-${metric}-${jobs}-${job}.bin`);
    await writeStripePart(path, header, (emit) =>
      betaStripeJob(table, metric, opts, [start, stop], threads, emit),
    );
    paths.push(path);
  }
  return paths;
}

function expectSameBits(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  expect(
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    ),
  ).toBe(true);
}

async function mergeError(paths: string[]): Promise<InputError> {
  try {
    await mergeStripeParts(paths);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error("merge did not fail");
}

describe("stripe jobs and beta-merge", () => {
  it("square rows read straight from the parts equal the merged matrix's, any window (odd and even n)", async () => {
    for (const n of [15, 16]) {
      for (const metric of ["braycurtis", "weighted_unifrac"] as const) {
        for (const jobs of [1, 3, nStripes(n) + 2]) {
          const parts = await writeParts(n, metric, jobs, `rows${n}`);
          const want = new Float64Array(n * n);
          squareRowsOf((await mergeStripeParts(parts)).dm)(0, n, want);
          for (const [windowRows, block] of [
            [1, 1],
            [4, 3],
            [7, 5],
            [undefined, 64],
          ] as const) {
            const source = partRows(await readCheckedParts(parts), windowRows);
            const got = new Float64Array(n * n);
            for (let i0 = 0; i0 < n; i0 += block) {
              const i1 = Math.min(n, i0 + block);
              const rows = new Float64Array((i1 - i0) * n);
              source.rows(i0, i1, rows);
              got.set(rows, i0 * n);
            }
            source.close();
            expectSameBits(got, want);
          }
        }
      }
    }
  });

  for (const n of [15, 16]) {
    it(`every metric, N = 1, 2, 3, 7, ${nStripes(n) + 3}: merged parts equal one run bit for bit (n = ${n})`, async () => {
      const { table, tree } = inputs(n);
      for (const metric of BETA_METRIC_IDS) {
        const want = betaDiversity(table, metric, { tree, ...OPTIONS[metric] }).condensed;
        for (const jobs of [1, 2, 3, 7, nStripes(n) + 3]) {
          const { dm, header } = await mergeStripeParts(await writeParts(n, metric, jobs, `n${n}`));
          expect(header.metric).toBe(metric);
          expect(dm.ids).toEqual(table.sampleIds);
          expectSameBits(dm.condensed, want);
        }
      }
    });
  }

  it("chunked, threaded and striped computation equal one run bit for bit", async () => {
    const n = 17;
    const { table, tree } = inputs(n);
    for (const metric of ["unweighted_unifrac", "generalized_unifrac", "braycurtis"] as const) {
      const opts = { tree, ...OPTIONS[metric] };
      const want = betaDiversity(table, metric, opts).condensed;
      for (const step of [1, 2, 3, 5]) {
        const got = new Float64Array(want.length);
        betaStripesInto(table, metric, opts, 0, nStripes(n), got);
        expectSameBits(got, want);
        const chunks: number[] = [];
        forEachStripeDistances(table, metric, opts, 1, 7, (k0, k1) => chunks.push(k1 - k0), step);
        expect(chunks.reduce((a, b) => a + b, 0)).toBe(6);
      }
      expectSameBits((await betaDiversityParallel(table, metric, { ...opts, threads: 2 })).condensed, want);
      const { dm } = await mergeStripeParts(await writeParts(n, metric, 3, "threads", 2));
      expectSameBits(dm.condensed, want);
    }
  }, 300_000);

  it("float32 parts: each distance rounded once, as a float32 single run; half the bytes; never mixed", async () => {
    const n = 15;
    const { table, tree } = inputs(n);
    for (const metric of ["unweighted_unifrac", "weighted_normalized_unifrac", "aitchison"] as const) {
      const want = betaDiversity(table, metric, { tree, ...OPTIONS[metric] }).condensed.map(Math.fround);
      for (const [jobs, threads] of [
        [1, 1],
        [3, 1],
        [3, 2],
      ] as const) {
        const paths = await writeParts(n, metric, jobs, `f32t${threads}`, threads, { precision: "float32" });
        const { dm, header } = await mergeStripeParts(paths);
        expect(header.precision).toBe("float32");
        expectSameBits(dm.condensed, want);
      }
    }
    const f64 = await writeParts(n, "unweighted_unifrac", 3, "mix64");
    const f32 = await writeParts(n, "unweighted_unifrac", 3, "mix32", 1, { precision: "float32" });
    const size = (p: string) => readFileSync(p).length;
    const headerBytes = (p: string) => 12 + readFileSync(p).readUInt32LE(8);
    expect(size(f32[1]!) - headerBytes(f32[1]!)).toBe((size(f64[1]!) - headerBytes(f64[1]!)) / 2);
    const e = await mergeError([f64[0]!, f32[1]!, f64[2]!]);
    expect(e.message).toContain(f32[1]!);
    expect(e.message).toMatch(/precision \(float32 vs float64\)/);
    const cut = join(dir, "cut32.bin");
    writeFileSync(cut, readFileSync(f32[1]!).subarray(0, size(f32[1]!) - 4));
    expect((await mergeError([f32[0]!, cut, f32[2]!])).issues[0]!.code).toBe("truncated_file");
  }, 300_000);

  it("job ranges cover the stripes once; N > stripes gives empty jobs; bad I/N is refused", () => {
    for (const [n, jobs] of [
      [10, 3],
      [9, 7],
      [5, 9],
    ] as const) {
      let next = 0;
      for (let j = 1; j <= jobs; j++) {
        const [a, b] = stripeJobRange(n, j, jobs);
        expect(a).toBe(next);
        next = b;
      }
      expect(next).toBe(nStripes(n));
    }
    expect(() => stripeJobRange(10, 0, 3)).toThrow(InputError);
    expect(() => stripeJobRange(10, 4, 3)).toThrow(InputError);
    expect(() => stripeJobRange(10, 1, 0)).toThrow(InputError);
  });

  it("refuses missing, duplicated, mismatched and truncated parts, naming the part", async () => {
    const parts = await writeParts(15, "unweighted_unifrac", 3, "bad");
    let e = await mergeError([parts[0]!, parts[2]!]);
    expect(e.message).toMatch(/stripe job\(s\) 2\/3 \(stripes \[2, 4\)\) missing/);
    e = await mergeError([parts[0]!, parts[1]!, parts[1]!, parts[2]!]);
    expect(e.message).toContain(parts[1]!);
    expect(e.message).toMatch(/duplicates stripe job 2\/3/);
    const other = await writeParts(15, "weighted_unifrac", 3, "bad");
    e = await mergeError([parts[0]!, other[1]!, parts[2]!]);
    expect(e.message).toContain(other[1]!);
    expect(e.message).toMatch(/metric \(weighted_unifrac vs unweighted_unifrac\)/);
    const otherTable = await writeParts(15, "unweighted_unifrac", 3, "tbl", 1, {
      table: { file: "other.biom", sha256: "0".repeat(64) },
    });
    e = await mergeError([parts[0]!, otherTable[1]!, parts[2]!]);
    expect(e.message).toMatch(/table \(other\.biom vs t\.biom\)/);
    const alpha = await writeParts(15, "unweighted_unifrac", 3, "alpha", 1, { alpha: 0.9 });
    e = await mergeError([parts[0]!, alpha[1]!, parts[2]!]);
    expect(e.message).toMatch(/alpha \(0\.9 vs null\)/);
    const n4 = await writeParts(15, "unweighted_unifrac", 4, "n4");
    e = await mergeError([parts[0]!, n4[1]!, parts[2]!]);
    expect(e.message).toMatch(/job count N \(4 vs 3\)/);
    const cut = join(dir, "cut.bin");
    writeFileSync(cut, readFileSync(parts[1]!));
    truncateSync(cut, readFileSync(cut).length - 8);
    e = await mergeError([parts[0]!, cut, parts[2]!]);
    expect(e.issues[0]!.code).toBe("truncated_file");
    expect(e.message).toContain(cut);
    const junk = join(dir, "junk.bin");
    writeFileSync(junk, "not a partial at all");
    e = await mergeError([parts[0]!, junk, parts[2]!]);
    expect(e.message).toMatch(/junk\.bin.*not a gutresponse stripe partial/);
  });

  it("CLI: beta --stripes I/N (N > stripes too) + beta-merge give the bytes of one beta run", async () => {
    const gp = (f: string): string => join("test/fixtures/GlobalPatterns", f);
    const run = (...argv: string[]): Promise<number> => main(argv, { stdout: () => {}, stderr: () => {} });
    const common = ["--table", gp("table.biom"), "--tree", gp("tree.nwk"), "--metric", "braycurtis"];
    expect(await run("beta", ...common, "--out", join(dir, "one.tsv"))).toBe(0);
    const jobs = 20; // GlobalPatterns: 26 samples, 13 stripes, so 7 jobs are empty
    const parts = [];
    for (let j = 1; j <= jobs; j++) {
      parts.push(join(dir, `cli-${j}.bin`));
      const notes: string[] = [];
      const argv = ["beta", ...common, "--stripes", `${j}/${jobs}`, "--out", parts.at(-1)!];
      expect(await main(argv, { stdout: () => {}, stderr: (s) => notes.push(s) })).toBe(0);
      // each empty job says so (floor((I - 1) 13 / 20) = floor(I 13 / 20) for these I); the others say nothing
      expect(notes.join("").includes("has no stripe (26 samples make 13 stripes")).toBe(
        [1, 3, 6, 9, 12, 15, 18].includes(j),
      );
    }
    expect(await run("beta-merge", ...parts.reverse(), "--out", join(dir, "merged.tsv"))).toBe(0);
    expect(readFileSync(join(dir, "merged.tsv"), "utf8")).toBe(readFileSync(join(dir, "one.tsv"), "utf8"));
    expect(await run("beta-merge", ...parts.slice(1), "--out", join(dir, "partial.tsv"))).toBe(2);
    expect(existsSync(join(dir, "partial.tsv"))).toBe(false);
    expect(await run("beta", ...common, "--stripes", "0/3", "--out", join(dir, "x.bin"))).toBe(2);
    // float32: `beta --stripes I/N --float32` + `beta-merge --out F.h5` = `beta --float32 --out F.h5`
    expect(await run("beta", ...common, "--float32", "--out", join(dir, "one32.h5"))).toBe(0);
    const parts32 = [1, 2, 3].map((j) => join(dir, `cli32-${j}.bin`));
    for (const [j, part] of parts32.entries())
      expect(await run("beta", ...common, "--float32", "--stripes", `${j + 1}/3`, "--out", part)).toBe(0);
    expect(await run("beta-merge", ...parts32, "--out", join(dir, "merged32.h5"))).toBe(0);
    const one32 = await loadDistanceMatrix(join(dir, "one32.h5"));
    const merged32 = await loadDistanceMatrix(join(dir, "merged32.h5"));
    expect(merged32.ids).toEqual(one32.ids);
    expectSameBits(merged32.condensed, one32.condensed);
    const dtype = await withH5File(readFileSync(join(dir, "merged32.h5")), "r", (f) => {
      const m = f.get("matrix") as { metadata: { size: number } };
      return m.metadata.size;
    });
    expect(dtype).toBe(4);
    const part64 = join(dir, "cli64-2.bin");
    expect(await run("beta", ...common, "--stripes", "2/3", "--out", part64)).toBe(0);
    expect(await run("beta-merge", parts32[0]!, part64, parts32[2]!, "--out", join(dir, "mixed.h5"))).toBe(2);
    expect(existsSync(join(dir, "mixed.h5"))).toBe(false);
  }, 120_000);
});
