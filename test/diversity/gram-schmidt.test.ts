/**
 * The Lanczos basis's classical Gram-Schmidt pass: WebAssembly SIMD and TypeScript give the same
 * bytes (odd and even lengths, a basis grown past its first capacity), and a pass leaves w
 * orthogonal to the basis.
 */
import { describe, expect, it } from "vitest";
import { gramSchmidt } from "../../src/core/ordination/gram-schmidt.js";
import { createRng } from "../../src/core/random/rng.js";

function unit(n: number, rng: ReturnType<typeof createRng>): Float64Array {
  const v = Float64Array.from({ length: n }, () => rng.normal());
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

describe("Gram-Schmidt pass", () => {
  it("gives the same bytes in WebAssembly SIMD as in TypeScript", () => {
    for (const n of [1, 2, 7, 150, 301]) {
      const rng = createRng(n);
      const [simd, ts] = [gramSchmidt(n), gramSchmidt(n, false)];
      for (let j = 0; j < 70; j++) {
        const w = unit(n, rng);
        const copy = Float64Array.from(w);
        simd.project(w);
        ts.project(copy);
        expect(w).toEqual(copy);
        const q = unit(n, rng);
        simd.push(q);
        ts.push(q);
      }
    }
  });

  it("leaves w orthogonal to an orthonormal basis", () => {
    const n = 60;
    const rng = createRng(3);
    const basis = gramSchmidt(n);
    const qs: Float64Array[] = [];
    for (let j = 0; j < 9; j++) {
      const q = unit(n, rng);
      basis.project(q);
      basis.project(q);
      const norm = Math.hypot(...q);
      const u = q.map((x) => x / norm);
      qs.push(u);
      basis.push(u);
    }
    const w = unit(n, rng);
    basis.project(w);
    for (const q of qs) expect(Math.abs(q.reduce((s, x, i) => s + x * w[i]!, 0))).toBeLessThan(1e-14);
  });
});
