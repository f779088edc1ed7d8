/**
 * The WebAssembly SIMD loops of the shared-design OLS (shared-design-simd.ts) give the bytes of the
 * TypeScript loops (shared-design-ols.ts `sharedDesignLoops`) for odd and even numbers of taxa, and
 * fitSharedDesign, which runs them, still equals R's lm (linear-models.test.ts).
 */
import { describe, expect, it } from "vitest";
import { fitSharedDesignSimd } from "../../src/core/da/shared-design-simd.js";
import { sharedDesignLoops, sharedDesignSolver } from "../../src/core/da/shared-design-ols.js";
import { createRng } from "../../src/core/random/rng.js";

function design(n: number, p: number, rng: ReturnType<typeof createRng>) {
  const x = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    x[i * p] = 1;
    for (let c = 1; c < p; c++) x[i * p + c] = c === 1 ? i % 2 : rng.normal();
  }
  return { nRows: n, nCols: p, x, columnNames: Array.from({ length: p }, (_, c) => `c${c}`) };
}

describe("fitSharedDesignSimd", () => {
  it("gives the TypeScript loops' bytes for odd and even numbers of taxa", () => {
    const rng = createRng(11);
    for (const [n, p, m] of [
      [12, 3, 1],
      [12, 3, 2],
      [30, 5, 7],
      [65, 7, 460],
      [26, 2, 1257],
    ] as const) {
      const solver = sharedDesignSolver(design(n, p, rng));
      const y = Float64Array.from({ length: n * m }, () => 3 * rng.normal() + (rng.uniform() < 0.1 ? 0 : 1));
      const ts = { coef: new Float64Array(p * m), sigma2: new Float64Array(m) };
      const simd = { coef: new Float64Array(p * m), sigma2: new Float64Array(m) };
      sharedDesignLoops({ h: solver.h, x: solver.x, y, n, p, m, ...ts });
      expect(fitSharedDesignSimd({ h: solver.h, x: solver.x, y, n, p, m, ...simd })).toBe(true);
      expect(Buffer.from(simd.coef.buffer)).toEqual(Buffer.from(ts.coef.buffer));
      expect(Buffer.from(simd.sigma2.buffer)).toEqual(Buffer.from(ts.sigma2.buffer));
      expect(ts.sigma2.every((v) => v > 0)).toBe(true);
    }
  });

  it("adds to what the outputs hold (the caller zeroes them), as the TypeScript loops do", () => {
    const rng = createRng(3);
    const [n, p, m] = [10, 2, 5];
    const solver = sharedDesignSolver(design(n, p, rng));
    const y = Float64Array.from({ length: n * m }, () => rng.normal());
    const start = () => ({ coef: new Float64Array(p * m).fill(0.25), sigma2: new Float64Array(m).fill(2) });
    const ts = start();
    const simd = start();
    sharedDesignLoops({ h: solver.h, x: solver.x, y, n, p, m, ...ts });
    fitSharedDesignSimd({ h: solver.h, x: solver.x, y, n, p, m, ...simd });
    expect(simd).toEqual(ts);
  });
});
