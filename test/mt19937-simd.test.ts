/**
 * MT19937 in WebAssembly SIMD (mt19937-simd.ts) gives the words of the TypeScript `Mt19937`
 * (mt19937.ts, tested against the reference code) across many steps of 624 words, for streams used
 * one after another and interleaved (they share one instance per thread).
 */
import { describe, expect, it } from "vitest";
import { Mt19937 } from "../src/core/random/mt19937.js";
import { Mt19937Simd } from "../src/core/random/mt19937-simd.js";

describe("Mt19937Simd", () => {
  it("runs in WebAssembly SIMD here", () => {
    expect(Mt19937Simd.create(1)).toBeInstanceOf(Mt19937Simd);
  });

  it.each([1, 5489, 42, 2 ** 31, 2 ** 32 - 1])("gives Mt19937's words (seed %d)", (seed) => {
    const ts = new Mt19937(seed);
    const simd = Mt19937Simd.create(seed);
    const a = Uint32Array.from({ length: 10 * 624 + 17 }, () => ts.next());
    const b = Uint32Array.from({ length: a.length }, () => simd.next());
    expect(b).toEqual(a);
  });

  it("keeps interleaved streams apart", () => {
    const [ts1, ts2] = [new Mt19937(7), new Mt19937(8)];
    const [s1, s2] = [Mt19937Simd.create(7), Mt19937Simd.create(8)];
    for (let i = 0; i < 3000; i++) {
      expect(s1.next()).toBe(ts1.next());
      if (i % 3 === 0) expect(s2.next()).toBe(ts2.next());
    }
  });
});
