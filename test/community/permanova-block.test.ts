/**
 * PERMANOVA's blocked one-factor kernel (several permutations per tiled pass over d²) gives the
 * same bits as one permutation at a time, and as the previous one-at-a-time kernel (kept below
 * verbatim as the reference), for any block size: identical F, p and permuted statistics.
 */
import { describe, expect, it } from "vitest";
import { condensedIndex, type DistanceMatrix } from "../../src/core/beta/distance-matrix.js";
import {
  groupScratch,
  permutedQuadraticForms,
  permutedWithinGroupSSBlock,
} from "../../src/core/community/permanova-kernels.js";
import { permanova } from "../../src/core/community/permanova.js";
import { permutationTest, randomPermuter } from "../../src/core/community/permutations.js";
import { createRng } from "../../src/core/random/rng.js";
import { handDesign } from "./helpers.js";

/** The one-permutation kernel as it was before blocking (reference twin). */
function previousWithinGroupSS(
  d2: Float64Array,
  codes: Int32Array,
  invSize: Float64Array,
  perm: Int32Array,
): number {
  const m = codes.length;
  const g = invSize.length;
  const label = new Int32Array(m);
  const members = new Int32Array(m);
  const start = new Int32Array(g + 1);
  const rowBase = Float64Array.from({ length: m }, (_, a) => a * m - (a * (a + 1)) / 2 - a - 1);
  for (let i = 0; i < m; i++) {
    const c = codes[i]!;
    label[perm[i]!] = c;
    start[c + 1]!++;
  }
  for (let c = 0; c < g; c++) start[c + 1] = start[c + 1]! + start[c]!;
  for (let a = 0; a < m; a++) members[start[label[a]!]!++] = a;
  let ss = 0;
  for (let c = 0, from = 0; c < g; c++) {
    const to = start[c]!;
    let t = 0;
    for (let x = from; x < to; x++) {
      const base = rowBase[members[x]!]!;
      for (let y = x + 1; y < to; y++) t += d2[base + members[y]!]!;
    }
    ss += t * invSize[c]!;
    from = to;
  }
  return ss;
}

/**
 * Reference for the general kernel: acc[c] = -sum_{i<j} d²_ij r_i r_j, r[perm[i]] = q_c[i], one
 * permutation and one vector at a time, in the kernel's order of additions (each row's dot
 * product over j ascending, then rows ascending), as the kernel was before blocking.
 */
function previousQuadraticForms(
  d2: Float64Array,
  m: number,
  q: Float64Array,
  k: number,
  perm: Int32Array,
  acc: Float64Array,
): void {
  const r = new Float64Array(m);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < m; i++) r[perm[i]!] = q[c * m + i]!;
    let total = 0;
    for (let i = 0; i < m; i++) {
      let row = 0;
      for (let j = i + 1; j < m; j++) row += d2[condensedIndex(m, i, j)]! * r[j]!;
      total += r[i]! * row;
    }
    acc[c] = -total;
  }
}

function randomDm(n: number, seed: number): DistanceMatrix {
  const rng = createRng(seed);
  const condensed = Float64Array.from({ length: (n * (n - 1)) / 2 }, () => rng.uniform());
  return { ids: Array.from({ length: n }, (_, i) => `s${i}`), condensed };
}

describe("blocked PERMANOVA kernel", () => {
  // 400 samples: d² spans several tiles, so tiling is exercised
  const n = 400;
  const dm = randomDm(n, 5);
  const factor = Array.from({ length: n }, (_, i) => ["a", "b", "c"][(i * 7) % 3]!);
  factor[3] = "d"; // an uneven small group

  it("equals the previous one-at-a-time kernel bit for bit, for every block size", () => {
    const d2 = dm.condensed.map((d) => d * d);
    const levels = [...new Set(factor)].sort();
    const codes = Int32Array.from(factor, (f) => levels.indexOf(f));
    const invSize = Float64Array.from(levels, (l) => 1 / factor.filter((f) => f === l).length);
    const next = randomPermuter(n, createRng(3));
    const perms = Array.from({ length: 37 }, () => {
      const p = new Int32Array(n);
      next(p);
      return p;
    });
    const expected = perms.map((p) => previousWithinGroupSS(d2, codes, invSize, p));
    for (const block of [1, 5, 32, 37]) {
      const scratch = groupScratch(n, levels.length, block);
      const got: number[] = [];
      for (let i = 0; i < perms.length; i += block) {
        const chunk = perms.slice(i, i + block);
        const out = new Float64Array(chunk.length);
        permutedWithinGroupSSBlock(dm.condensed, codes, invSize, chunk, out, scratch);
        got.push(...out);
      }
      expect(got).toEqual(expected);
    }
  });

  it("general kernel: blocks of permutations equal the previous one-at-a-time kernel bit for bit", () => {
    const d2 = dm.condensed.map((d) => d * d);
    const rng = createRng(8);
    for (const k of [1, 3]) {
      // centred random basis vectors (the kernel needs 1'q = 0 only for the meaning, not the bits)
      const q = new Float64Array(k * n);
      for (let c = 0; c < k; c++) {
        let mean = 0;
        for (let i = 0; i < n; i++) mean += q[c * n + i] = rng.normal();
        for (let i = 0; i < n; i++) q[c * n + i]! -= mean / n;
      }
      const next = randomPermuter(n, createRng(4));
      const perms = Array.from({ length: 11 }, () => {
        const p = new Int32Array(n);
        next(p);
        return p;
      });
      const expected = perms.flatMap((p) => {
        const acc = new Float64Array(k);
        previousQuadraticForms(d2, n, q, k, p, acc);
        return [...acc];
      });
      for (const block of [1, 4, 11]) {
        const got: number[] = [];
        const r = new Float64Array(block * k * n);
        const acc = new Float64Array(block * k);
        for (let i = 0; i < perms.length; i += block) {
          const chunk = perms.slice(i, i + block);
          permutedQuadraticForms(dm.condensed, n, q, k, chunk, r, acc);
          got.push(...acc.subarray(0, chunk.length * k));
        }
        expect(got).toEqual(expected);
      }
    }
  });

  it("gives identical F, p and SS whatever the block size", () => {
    const design = handDesign([{ label: "G", factor }]);
    const base = permanova(dm, design, { permutations: 199, seed: 11, permutationBlock: 1 });
    for (const block of [2, 32, 199, 500]) {
      expect(permanova(dm, design, { permutations: 199, seed: 11, permutationBlock: block })).toEqual(base);
    }
    const general = permanova(dm, design, { permutations: 199, seed: 11, kernel: "general" });
    expect(base.rows[0]!.F).toBeCloseTo(general.rows[0]!.F!, 10);
    expect(base.rows[0]!.p).toBe(general.rows[0]!.p);
    const generalOne = permanova(dm, design, {
      permutations: 199,
      seed: 11,
      kernel: "general",
      permutationBlock: 1,
    });
    expect(general).toEqual(generalOne);
  });

  it("permutationTest evaluates the same permutations in blocks as one at a time", () => {
    const calls: number[][] = [];
    const statistic = (perm: Int32Array, out: Float64Array) => {
      out[0] = perm[0]! - perm[1]!;
    };
    const single = permutationTest(20, Float64Array.of(3), statistic, { permutations: 53, seed: 4 });
    const blocked = permutationTest(
      20,
      Float64Array.of(3),
      statistic,
      { permutations: 53, seed: 4 },
      {
        size: 8,
        run: (perms, outs) => {
          calls.push([perms.length]);
          perms.forEach((p, b) => statistic(p, outs[b]!));
        },
      },
    );
    expect(blocked).toEqual(single);
    expect(calls.flat()).toEqual([8, 8, 8, 8, 8, 8, 5]);
  });
});

describe("PERMANOVA on several threads", () => {
  it("gives the same result for 1, 2 and 3 threads (claimed chunks add up)", async () => {
    const { permanovaParallel } = await import("../../src/node/permanova-parallel.js");
    const n = 90;
    const dm = randomDm(n, 9);
    const sharedDm = {
      ids: dm.ids,
      condensed: new Float64Array(new SharedArrayBuffer(dm.condensed.byteLength)),
    };
    sharedDm.condensed.set(dm.condensed);
    const factor = Array.from({ length: n }, (_, i) => ["a", "b"][i % 2]!);
    const age = Array.from({ length: n }, (_, i) => (i * 37) % 11);
    // the last design takes 70 of the 90 samples, in another order (squared distances of a subset)
    const subset = Array.from({ length: 70 }, (_, i) => (i * 13) % 90);
    for (const design of [
      handDesign([{ label: "G", factor }]),
      handDesign([
        { label: "G", factor },
        { label: "age", numeric: age },
      ]),
      handDesign([{ label: "G", factor: subset.map((i) => factor[(i * 7) % 90]!) }], subset),
    ]) {
      const one = permanova(dm, design, { permutations: 99, seed: 3 });
      // the workers are up before any chunk is claimed, and chunks of 4 permutations (25 of
      // them) leave every thread some: the counts of several threads really are summed
      const parallel = { permutations: 99, seed: 3, awaitWorkers: true, permutationBlock: 4 };
      for (const threads of [2, 3]) {
        expect(await permanovaParallel(dm, design, { ...parallel, threads })).toEqual(one);
      }
      // a matrix read onto a SharedArrayBuffer is shared as it is (no copy)
      expect(await permanovaParallel(sharedDm, design, { ...parallel, threads: 2 })).toEqual(one);
    }
  }, 120_000);
});
