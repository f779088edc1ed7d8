/**
 * ALDEx2 on worker threads (src/node/aldex2-parallel.ts) gives the single-threaded result bit for
 * bit: Welch (with aldex.effect's pairs), the GLM with pairs and without (numeric term), instances
 * kept for a cache and tested from one, for 1, 2 and 3 threads, with and without the main thread
 * claiming blocks; a study run with ALDEx2 (the differential-abundance step, the sensitivity panel
 * and the calibration on the kept instances) gives the same files; and a worker's failure reaches
 * the caller.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Aldex2InstanceCache, type Aldex2Options, aldex2 } from "../../src/core/da/aldex2.js";
import type { Aldex2Job } from "../../src/core/da/aldex2-job.js";
import { type DaInput, prepareDaInput } from "../../src/core/da/prepare.js";
import { createRng } from "../../src/core/random/rng.js";
import { kratomDemoDesign } from "../../src/core/simulate/designs/kratom.js";
import { runStudy } from "../../src/core/study/pipeline.js";
import { studyResultFiles } from "../../src/io/study-files.js";
import { Aldex2Workers } from "../../src/node/aldex2-parallel.js";
import { simulatedStudy } from "../helpers/study.js";
import { groupLabels, metadataOf, simulateCounts, tableFromRows } from "./helpers.js";

function inputs(n: number, m: number): Record<string, DaInput> {
  const rng = createRng(5);
  const labels = groupLabels(n);
  const exposed = labels.map((g) => (g === "case" ? 1 : 0));
  const effect = Array.from({ length: m }, (_, j) => (j < 6 ? (j % 2 === 0 ? 1.5 : -1.5) : 0));
  const table = tableFromRows(simulateCounts(rng, { n, m, exposed, effect, depth: 3000 }));
  const age = Array.from({ length: n }, () => 40 + 10 * rng.normal());
  const metadata = metadataOf(n, { group: labels, age }, { group: ["ctrl", "case"] });
  return {
    welch: prepareDaInput(table, metadata, { formula: "~ group" }),
    glm: prepareDaInput(table, metadata, { formula: "~ group + age", term: "group" }),
    numeric: prepareDaInput(table, metadata, { formula: "~ age + group", term: "age" }),
  };
}

/** The result as plain data (the effect sizes included). */
function plain(r: ReturnType<typeof aldex2>): unknown {
  return { ...r, effect: r.effect && Array.from(r.effect) };
}

describe("aldex2 on worker threads", () => {
  const pools: Aldex2Workers[] = [];
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });
  const data = inputs(24, 60);

  for (const threads of [1, 2, 3]) {
    for (const mainClaims of [true, false]) {
      it(`gives the one-thread bytes with ${threads} thread(s)${mainClaims ? "" : ", the workers alone"}`, async () => {
        const pool = Aldex2Workers.start(threads, { mainClaims, minCells: 0 });
        pools.push(pool);
        await pool.ready();
        expect(pool.size).toBe(threads);
        for (const [name, input] of Object.entries(data)) {
          for (const mc of [1, 3, 16]) {
            const options: Aldex2Options = { seed: 11, mc };
            expect(plain(aldex2(input, { ...options, threads: pool })), `${name} mc ${mc}`).toEqual(
              plain(aldex2(input, options)),
            );
          }
          // instances drawn and kept for a cache, then tested from it (calls only)
          const cache = new Aldex2InstanceCache();
          const kept = aldex2(input, { seed: 11, mc: 16, cache, threads: pool });
          expect(plain(kept)).toEqual(plain(aldex2(input, { seed: 11, mc: 16 })));
          const alone = new Aldex2InstanceCache();
          aldex2(input, { seed: 11, mc: 16, cache: alone });
          expect(cache.contents()!.instances).toEqual(alone.contents()!.instances);
          const again = { seed: 11, mc: 16, effectBelowQ: 0.5 };
          expect(plain(aldex2(input, { ...again, cache, threads: pool }))).toEqual(
            plain(aldex2(input, { ...again, cache: alone })),
          );
        }
      }, 120_000);
    }
  }

  it("started on demand, its workers start with the first call that needs them (the same bytes)", () => {
    // the workers alone: the call can only end if they start while this thread waits in it
    const pool = Aldex2Workers.onDemand(2, { mainClaims: false, minCells: 0 });
    pools.push(pool);
    expect(pool.size).toBe(2);
    const options: Aldex2Options = { seed: 5, mc: 16 };
    expect(plain(aldex2(data.welch!, { ...options, threads: pool }))).toEqual(
      plain(aldex2(data.welch!, options)),
    );
  }, 120_000);

  it("gives the same study files with ALDEx2 on 2 threads", async () => {
    const { config, data } = simulatedStudy(kratomDemoDesign(), 30, 7, {
      analysis: { da_methods: ["aldex2", "linda"] },
      calibration: { shuffles: 2 },
    });
    const now = () => new Date("2026-01-01T00:00:00Z");
    const pool = Aldex2Workers.start(2, { mainClaims: false, minCells: 0 });
    pools.push(pool);
    await pool.ready();
    const threaded = await runStudy(config, data, { now, aldex2Threads: pool });
    const one = await runStudy(config, data, { now });
    expect(one.results.differentialAbundance!.methods).toContain("aldex2");
    expect(studyResultFiles(threaded)).toEqual(studyResultFiles(one));
  }, 120_000);

  it("reports a worker's failure to the caller", async () => {
    const pool = Aldex2Workers.start(2, { mainClaims: false });
    pools.push(pool);
    await pool.ready();
    // a spec no worker can read: pairs for an input without groups
    const spec = { input: { ...data.welch!, groups: null }, blocks: 1, pairs: {} };
    const job = { spec, medianBlocks: 0, drawBlock: () => undefined } as unknown as Aldex2Job;
    expect(() => pool.run(job)).toThrow(/an ALDEx2 worker failed/);
  });
});
