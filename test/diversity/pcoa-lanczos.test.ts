/**
 * The Lanczos top-k PCoA solver against the full solver (tridiagonalisation + QL): the returned
 * axes agree to 1e-9 (eigenvalues relative to the largest, coordinates relative to their scale),
 * proportions follow the trace convention, and "auto" picks Lanczos only for large n and few axes.
 */
import { describe, expect, it } from "vitest";
import { betaDiversity } from "../../src/core/beta/beta-diversity.js";
import type { DistanceMatrix } from "../../src/core/beta/distance-matrix.js";
import { gowerCentred } from "../../src/core/ordination/gower.js";
import { gowerProduct } from "../../src/core/ordination/gower-product.js";
import { lanczosTopEigen } from "../../src/core/ordination/lanczos.js";
import { pcoa } from "../../src/core/ordination/pcoa.js";
import { symmetricEigen } from "../../src/core/stats/symmetric-eigen.js";
import { createRng } from "../../src/core/random/rng.js";
import { syntheticTable } from "./synthetic.js";

function euclidean(n: number, dims: number, seed: number): DistanceMatrix {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () =>
    Array.from({ length: dims }, (_, d) => rng.normal() * (dims - d)),
  );
  const condensed = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) condensed[k++] = Math.hypot(...x[i]!.map((v, d) => v - x[j]![d]!));
  return { ids: Array.from({ length: n }, (_, i) => `s${i}`), condensed };
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

describe("Gower product on the condensed distances", () => {
  it("equals the square Gower matrix times x, for every n mod 4", () => {
    for (const n of [5, 6, 7, 8, 13]) {
      const dm = euclidean(n, 3, n);
      const g = gowerCentred(dm);
      const rng = createRng(n);
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const out = new Float64Array(n);
      gowerProduct(dm)(x, out);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += g[i * n + j]! * x[j]!;
        expect(Math.abs(out[i]! - s)).toBeLessThan(1e-12 * maxAbs(g) * n);
      }
    }
  });
});

describe("Lanczos top-k eigensolver", () => {
  it("matches the full symmetric solver on the k leading eigenpairs", () => {
    const n = 150;
    const rng = createRng(7);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) {
        const v = rng.normal() / (1 + Math.abs(i - j));
        a[i * n + j] = v;
        a[j * n + i] = v;
      }
    const full = symmetricEigen(a, n, 6);
    const top = lanczosTopEigen(
      (x, out) => {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
          out[i] = s;
        }
      },
      n,
      6,
    );
    const scale = Math.abs(full.values[0]!);
    for (let c = 0; c < 6; c++) expect(Math.abs(top.values[c]! - full.values[c]!)).toBeLessThan(1e-9 * scale);
    for (let i = 0; i < full.vectors.length; i++)
      expect(Math.abs(top.vectors[i]! - full.vectors[i]!)).toBeLessThan(1e-9);
  });
});

describe("PCoA with the Lanczos solver", () => {
  const cases: [string, DistanceMatrix][] = [
    ["Bray-Curtis (non-Euclidean)", betaDiversity(syntheticTable(160, 600, 0.05, 11), "braycurtis")],
    ["Euclidean", euclidean(140, 5, 3)],
  ];
  for (const [name, dm] of cases) {
    it(`${name}: the returned axes equal the full solver's to 1e-9`, () => {
      const k = 8;
      const full = pcoa(dm, { dimensions: k, solver: "full" });
      const top = pcoa(dm, { dimensions: k, solver: "lanczos" });
      expect(top.solver).toBe("lanczos");
      expect(full.solver).toBe("full");
      expect(top.axes).toEqual(full.axes);
      expect(top.eigenvalues.length).toBe(k);
      const lambda1 = full.eigenvalues[0]!;
      for (let j = 0; j < top.axes.length; j++)
        expect(Math.abs(top.eigenvalues[j]! - full.eigenvalues[j]!)).toBeLessThan(1e-9 * lambda1);
      const scale = maxAbs(full.coordinates);
      for (let i = 0; i < full.coordinates.length; i++)
        expect(Math.abs(top.coordinates[i]! - full.coordinates[i]!)).toBeLessThan(1e-9 * scale);
      // proportions relative to tr(B), the sum of all eigenvalues
      const trace = full.eigenvalues.reduce((s, l) => s + l, 0);
      for (let j = 0; j < top.axes.length; j++)
        expect(top.proportionExplained[j]).toBeCloseTo(full.eigenvalues[j]! / trace, 12);
    });
  }

  it("on a Euclidean matrix (no negative eigenvalues) gives the full solver's proportions", () => {
    const dm = euclidean(120, 4, 5);
    const full = pcoa(dm, { dimensions: 3, solver: "full" });
    const top = pcoa(dm, { dimensions: 3, solver: "lanczos" });
    for (let j = 0; j < 3; j++)
      expect(top.proportionExplained[j]).toBeCloseTo(full.proportionExplained[j]!, 12);
  });

  it("auto uses Lanczos only for n >= 500 and dimensions <= n / 10, without correction", () => {
    const big = euclidean(500, 3, 1);
    expect(pcoa(big, { dimensions: 3 }).solver).toBe("lanczos");
    expect(pcoa(big).solver).toBe("full");
    expect(pcoa(euclidean(60, 3, 1), { dimensions: 3 }).solver).toBe("full");
    expect(() => pcoa(big, { solver: "lanczos" })).toThrow(/dimensions/);
  });
});
