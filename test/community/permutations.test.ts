/**
 * Permutation machinery (permutations.ts): strata, exact enumeration, the p-value rule, and the
 * permutation design (as permute's `how()`): whole plots move as units, a design whose units are
 * single samples draws the free stream (which is Fisher–Yates on the one PRNG, as `rng.shuffle`,
 * the generator before the design object existed), and every community test takes the design the
 * same way.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anosim } from "../../src/core/community/anosim.js";
import { mantel } from "../../src/core/community/mantel.js";
import { permanova } from "../../src/core/community/permanova.js";
import { permdisp } from "../../src/core/community/permdisp.js";
import {
  atLeastAsExtreme,
  countPermutations,
  enumeratePermutations,
  permutationTest,
  permuteValues,
  randomPermuter,
  strataBlocks,
} from "../../src/core/community/permutations.js";
import { InputError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { braycurtis, handDesign, metadataColumns } from "./helpers.js";

describe("permutations", () => {
  it("strata permutations never move a sample across blocks (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (labels, seed) => {
          const blocks = strataBlocks(labels);
          const next = randomPermuter(labels.length, createRng(seed), blocks);
          const perm = new Int32Array(labels.length);
          for (let t = 0; t < 5; t++) {
            next(perm);
            expect([...perm].sort((a, b) => a - b)).toEqual([...labels.keys()]);
            for (const [pos, src] of perm.entries()) {
              expect(blocks[src]).toBe(blocks[pos]);
            }
          }
        },
      ),
    );
  });

  it("the same seed gives the same permutations", () => {
    const a = randomPermuter(10, createRng(11));
    const b = randomPermuter(10, createRng(11));
    const pa = new Int32Array(10);
    const pb = new Int32Array(10);
    for (let t = 0; t < 20; t++) {
      a(pa);
      b(pb);
      expect(pa).toEqual(pb);
    }
  });

  it("enumerates every within-block permutation exactly once, identity first", () => {
    const blocks = strataBlocks(["a", "b", "a", "b", "a"]);
    expect(countPermutations(5, blocks)).toBe(12);
    const seen = new Set<string>();
    let first = "";
    for (const p of enumeratePermutations(5, blocks)) {
      if (seen.size === 0) first = [...p].join(",");
      seen.add([...p].join(","));
      for (const [pos, src] of p.entries()) {
        expect(blocks[src]).toBe(blocks[pos]);
      }
    }
    expect(seen.size).toBe(12);
    expect(first).toBe("0,1,2,3,4");
    expect(() => [...enumeratePermutations(12)]).toThrow(/exact enumeration/);
  });

  it("free random permutations are uniform over the 6 orders of 3 (chi-square)", () => {
    const next = randomPermuter(3, createRng(3));
    const p = new Int32Array(3);
    const counts = new Map<string, number>();
    const N = 6000;
    for (let t = 0; t < N; t++) {
      next(p);
      const key = p.join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const chi2 = [...counts.values()].reduce((s, c) => s + (c - N / 6) ** 2 / (N / 6), 0);
    expect(chi2).toBeLessThan(20.52); // chi-square(5) 0.999 quantile
  });

  it("p = (1 + #{T* >= T}) / (1 + B) with the tie tolerance, never 0", () => {
    expect(atLeastAsExtreme(1 - 1e-12, 1)).toBe(true);
    expect(atLeastAsExtreme(1 - 1e-6, 1)).toBe(false);
    const never = permutationTest(
      5,
      Float64Array.of(1),
      (_, out) => {
        out[0] = 0;
      },
      { permutations: 99 },
    );
    expect(never.p[0]).toBe(1 / 100);
    const always = permutationTest(
      5,
      Float64Array.of(1),
      (_, out) => {
        out[0] = 1 + 1e-13;
      },
      { permutations: 99 },
    );
    expect(always.p[0]).toBe(1);
  });

  it("chunks claimed by several threads in any interleaving add up to one run (fast-check)", () => {
    // the statistic records which permutations it saw; the counts must sum to the one-thread run
    const n = 7;
    const observed = Float64Array.of(3, 0.5);
    const stat = (perm: Int32Array, out: Float64Array): void => {
      out[0] = perm[0]!;
      out[1] = perm[1]! / (perm[2]! + 1);
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 80 }),
        (permutations, size, owners) => {
          const block = {
            size,
            run: (perms: readonly Int32Array[], outs: readonly Float64Array[]) =>
              perms.forEach((p, b) => stat(p, outs[b]!)),
          };
          const one = permutationTest(n, observed, stat, { permutations, seed: 5 }, block);
          // chunk c goes to thread owners[c] (3 threads); each thread claims its own in order
          const chunks = Math.ceil(permutations / size);
          const mine = (t: number) => {
            const list = Array.from({ length: chunks }, (_, c) => c).filter((c) => (owners[c] ?? 0) === t);
            let i = 0;
            return () => list[i++] ?? chunks;
          };
          const sum = new Int32Array(2);
          for (let t = 0; t < 3; t++) {
            const part = permutationTest(n, observed, stat, { permutations, seed: 5, claim: mine(t) }, block);
            sum[0]! += part.exceed[0]!;
            sum[1]! += part.exceed[1]!;
          }
          expect(sum).toEqual(one.exceed);
        },
      ),
    );
  });

  it("rejects a stratum with a missing label", () => {
    expect(() => strataBlocks(["a", null])).toThrow(/no stratum/);
  });
});

describe("permutation design", () => {
  it("a free design draws Fisher–Yates on the one PRNG (rng.shuffle), as before the design object", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(), (n, seed) => {
        const next = randomPermuter(n, createRng(seed));
        const rng = createRng(seed);
        const perm = new Int32Array(n);
        for (let t = 0; t < 4; t++) {
          next(perm);
          const order = Array.from({ length: n }, (_, i) => i);
          rng.shuffle(order);
          expect([...perm]).toEqual(order);
        }
      }),
    );
  });

  it("one stratum, or plots of one sample each, draw exactly the free permutations", () => {
    const n = 17;
    const free = randomPermuter(n, createRng(9));
    const oneBlock = randomPermuter(n, createRng(9), new Int32Array(n));
    const singletons = randomPermuter(
      n,
      createRng(9),
      undefined,
      Int32Array.from({ length: n }, (_, i) => i),
    );
    const [a, b, c] = [new Int32Array(n), new Int32Array(n), new Int32Array(n)];
    for (let t = 0; t < 10; t++) {
      free(a);
      oneBlock(b);
      singletons(c);
      expect(b).toEqual(a);
      expect(c).toEqual(a);
    }
  });

  it("whole plots move together and keep their order within the plot (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 4 })),
        fc.nat(),
        ([plotsCount, size], seed) => {
          // plot labels interleaved so that a plot's samples are not adjacent
          const labels = Array.from({ length: plotsCount * size }, (_, i) => `s${i % plotsCount}`);
          const plots = strataBlocks(labels);
          const next = randomPermuter(labels.length, createRng(seed), undefined, plots);
          const perm = new Int32Array(labels.length);
          next(perm);
          for (let p = 0; p < plotsCount; p++) {
            const positions = [...labels.keys()].filter((i) => plots[i] === p);
            const sources = positions.map((i) => perm[i]!);
            expect(new Set(sources.map((s) => plots[s])).size).toBe(1);
            expect(sources).toEqual([...sources].sort((x, y) => x - y));
          }
        },
      ),
    );
  });

  it("enumerates the plot orders exactly (3 plots of 2: 3! = 6), identity first", () => {
    const plots = strataBlocks(["a", "b", "c", "a", "b", "c"]);
    expect(countPermutations(6, undefined, plots)).toBe(6);
    const seen = Array.from(enumeratePermutations(6, undefined, plots), (p) => p.join(","));
    expect(new Set(seen).size).toBe(6);
    expect(seen[0]).toBe("0,1,2,3,4,5");
    expect(seen).toContain("1,0,2,4,3,5");
  });

  it("refuses plots of unequal size for sample permutations, and a plot across strata", () => {
    const plots = strataBlocks(["a", "a", "b"]);
    expect(() => randomPermuter(3, createRng(1), undefined, plots)).toThrow(InputError);
    expect(() => randomPermuter(3, createRng(1), undefined, plots)).toThrow(/equal size/);
    expect(() => randomPermuter(2, createRng(1), Int32Array.of(0, 1), Int32Array.of(0, 0))).toThrow(
      /spans several strata/,
    );
  });

  it("permuteValues: plots of any size keep one value each; strata keep their values (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 40 }),
        fc.nat(),
        (subjectOf, seed) => {
          const subjects = subjectOf.map((s) => `p${s}`);
          const label = new Map([...new Set(subjects)].map((s, k) => [s, k % 2 === 0 ? "x" : "y"]));
          const perSubject = subjects.map((s) => label.get(s)!);
          const whole = permuteValues(perSubject, { plots: subjects }, createRng(seed));
          for (const s of new Set(subjects)) {
            expect(new Set(whole.filter((_, i) => subjects[i] === s)).size).toBe(1);
          }
          const heads = (v: string[]) => [...new Set(subjects)].map((s) => v[subjects.indexOf(s)]!).sort();
          expect(heads(whole)).toEqual(heads(perSubject));
          const varying = subjects.map((_, i) => i);
          const within = permuteValues(varying, { strata: subjects }, createRng(seed));
          for (const s of new Set(subjects)) {
            const mine = (v: number[]) => v.filter((_, i) => subjects[i] === s).sort((a, b) => a - b);
            expect(mine(within)).toEqual(mine(varying));
          }
        },
      ),
    );
    expect(() => permuteValues([1, 2], { plots: ["a", "a"] }, createRng(1))).toThrow(
      /holds different values/,
    );
  });
});

describe("every community test takes the design the same way", () => {
  const dm = braycurtis("dune");
  const md = metadataColumns("dune");
  const groups = md.column("Management");
  const n = dm.ids.length;
  const oneStratum = Array.from({ length: n }, () => "all");
  const ownPlots = [...dm.ids];
  const base = { permutations: 199, seed: 3 };
  const tests: [string, (design: object) => number | null][] = [
    [
      "PERMANOVA",
      (d) => permanova(dm, handDesign([{ label: "M", factor: groups }]), { ...base, ...d }).rows[0]!.p,
    ],
    ["PERMDISP", (d) => permdisp(dm, groups, { ...base, ...d }).p],
    ["ANOSIM", (d) => anosim(dm, groups, { ...base, ...d }).p],
    ["Mantel", (d) => mantel(dm, dm, { ...base, ...d }).p],
  ];

  it.each(tests)("%s: free = one stratum = one-sample plots, p for p", (_, run) => {
    const free = run({});
    expect(run({ strata: oneStratum })).toBe(free);
    expect(run({ plots: ownPlots })).toBe(free);
  });

  it.each(tests)("%s: strata labels are read per sample of the distance matrix", (_, run) => {
    const use = md.column("Use");
    expect(run({ strata: use })).toBe(run({ strata: use.map((u) => `block ${u}`) }));
    expect(() => run({ strata: [...use.slice(1), null] })).toThrow(/no stratum/);
  });

  it("PERMDISP reports progress and stops on an aborted signal", () => {
    const seen: number[] = [];
    permdisp(dm, groups, { ...base, onProgress: (done) => seen.push(done) });
    expect(seen.at(-1)).toBe(199);
    const controller = new AbortController();
    controller.abort(new Error("stopped"));
    expect(() => permdisp(dm, groups, { ...base, signal: controller.signal })).toThrow("stopped");
  });
});
