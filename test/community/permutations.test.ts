import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  atLeastAsExtreme,
  countPermutations,
  enumeratePermutations,
  permutationTest,
  randomPermuter,
  strataBlocks,
} from "../../src/core/community/permutations.js";
import { createRng } from "../../src/core/random/rng.js";

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

  it("rejects a stratum with a missing label", () => {
    expect(() => strataBlocks(["a", null])).toThrow(/no stratum/);
  });
});
