/**
 * The worker pool: `--threads N` gives the same bytes as one thread, under vitest (workers run
 * the .ts sources through tsx) and from compiled JavaScript (tsc to a temporary outDir, run by a
 * plain `node` child process): every metric at 1, 2 and 3 threads and with workers started ahead,
 * so the UniFrac lists built per sample range on several threads and joined are covered too.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BETA_METRIC_IDS, betaDiversity } from "../../src/core/beta/beta-diversity.js";
import { betaDiversityParallel, startBetaWorkers } from "../../src/node/beta-parallel.js";
import { syntheticTable, syntheticTree } from "./synthetic.js";

const table = syntheticTable(41, 120, 0.1, 9);
const tree = syntheticTree(table.featureIds, 10);
const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe("workers started from the .ts sources", () => {
  it("find tsx from a working folder outside the project (a Snakemake job's folder)", () => {
    const elsewhere = mkdtempSync(join(tmpdir(), "gr-pool-cwd-"));
    try {
      const gp = resolve("test/fixtures/GlobalPatterns/table.biom");
      const argv = ["beta", "--table", gp, "--metric", "braycurtis", "--threads", "2", "--out", "bc.tsv"];
      execFileSync(
        process.execPath,
        ["--import", import.meta.resolve("tsx"), resolve("src/cli/main.ts"), ...argv],
        {
          cwd: elsewhere,
          stdio: "pipe",
        },
      );
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("betaDiversityParallel", () => {
  // Each worker started from the .ts sources pays tsx's start-up (~1-2 s): one case here, the
  // other metrics and thread counts run from compiled JavaScript below.
  it("generalized_unifrac: 3 threads equal one thread bit for bit (workers on .ts via tsx)", async () => {
    const single = betaDiversity(table, "generalized_unifrac", { tree });
    const multi = await betaDiversityParallel(table, "generalized_unifrac", { tree, threads: 3 });
    expect(multi.ids).toEqual(single.ids);
    expect(bytes(multi.condensed).equals(bytes(single.condensed))).toBe(true);
  });

  it("unweighted_unifrac: lists built on 3 threads (workers started ahead) equal one thread bit for bit", async () => {
    const single = betaDiversity(table, "unweighted_unifrac", { tree });
    const workers = startBetaWorkers(3);
    const multi = await betaDiversityParallel(table, "unweighted_unifrac", { tree, workers });
    expect(bytes(multi.condensed).equals(bytes(single.condensed))).toBe(true);
  });

  it("validates before spawning workers", async () => {
    await expect(betaDiversityParallel(table, "unweighted_unifrac", { threads: 2 })).rejects.toThrow(
      /needs a tree/,
    );
  });

  describe("from compiled JavaScript", () => {
    const root = resolve(import.meta.dirname, "../..");
    const out = mkdtempSync(join(tmpdir(), "gutresponse-dist-"));
    afterAll(() => rmSync(out, { recursive: true, force: true }));
    it("runs workers from .js files without tsx", () => {
      execFileSync(
        process.execPath,
        [join(root, "node_modules/typescript/bin/tsc"), "-p", root, "--outDir", out],
        {
          stdio: "pipe",
        },
      );
      const js = (p: string): string => JSON.stringify(join(out, p));
      const script = `
        const { betaDiversityParallel, startBetaWorkers } = await import(${js("node/beta-parallel.js")});
        const { betaDiversity } = await import(${js("core/beta/beta-diversity.js")});
        const { fromDense } = await import(${js("core/table/feature-table.js")});
        const { treeFromParents } = await import(${js("core/phylo/tree.js")});
        const n = 30, m = 20, dense = new Float64Array(n * m);
        for (let i = 0; i < dense.length; i++) dense[i] = (i * 7919) % 13 < 4 ? (i % 17) + 1 : 0;
        for (let s = 0; s < n; s++) dense[s * m] += 1;
        for (let s = 0; s < n; s++) dense[s * m + 5] = 0; // a feature absent from every sample
        const ids = (p, k) => Array.from({ length: k }, (_, i) => p + i);
        const t = fromDense(ids("s", n), ids("f", m), dense);
        // Ladder tree over the 20 features: node m + i joins tip i + 1 and the previous subtree.
        const parent = [], length = [], names = [...ids("f", m)];
        for (let i = 0; i < m; i++) { parent.push(m + Math.max(0, i - 1)); length.push(0.1 + i / 100); }
        for (let i = 0; i < m - 1; i++) { parent.push(i === m - 2 ? -1 : m + i + 1); length.push(0.05); names.push(null); }
        const tree = treeFromParents(parent, length, names);
        const same = [];
        for (const metric of ${JSON.stringify(BETA_METRIC_IDS)}) {
          const a = betaDiversity(t, metric, { tree }).condensed;
          for (const threads of [1, 2, 3]) {
            const b = (await betaDiversityParallel(t, metric, { tree, threads })).condensed;
            same.push(Buffer.from(a.buffer).equals(Buffer.from(b.buffer)));
          }
          // workers started ahead of the run (as beta does before reading the table)
          const workers = startBetaWorkers(2);
          const c = (await betaDiversityParallel(t, metric, { tree, workers })).condensed;
          same.push(Buffer.from(a.buffer).equals(Buffer.from(c.buffer)));
        }
        process.stdout.write(same.join(","));
      `;
      writeFileSync(join(out, "check.mjs"), script);
      const result = execFileSync(process.execPath, [join(out, "check.mjs")], { encoding: "utf8" });
      expect(result).toBe(new Array(4 * BETA_METRIC_IDS.length).fill("true").join(","));
    });
  });
});
