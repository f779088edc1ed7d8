/**
 * PCoA against R `cmdscale(bc, k = n - 1, eig = TRUE)` / scikit-bio `pcoa` (test/fixtures/<dataset>/
 * reference/pcoa_braycurtis.json; axes compared up to sign), the corrections against ape 5.7
 * `pcoa(correction = ...)` (test/fixtures/extra/diversity.json), and the symmetric eigensolver
 * against exact small cases and ml-matrix.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { betaDiversity } from "../../src/core/beta/beta-diversity.js";
import { fromSquare } from "../../src/core/beta/distance-matrix.js";
import { pcoa } from "../../src/core/ordination/pcoa.js";
import { symmetricEigen } from "../../src/core/stats/symmetric-eigen.js";
import { createRng } from "../../src/core/random/rng.js";
import { FIXTURES, type Json, loadReference, loadTable, maxRelDiff } from "./fixtures.js";

const extra: Json = JSON.parse(readFileSync(resolve(FIXTURES, "extra/diversity.json"), "utf8"));

/** Max |ours - ref| over the first k axes after aligning each axis' sign; ref rows follow refIds. */
function coordinateError(
  res: ReturnType<typeof pcoa>,
  refIds: string[],
  refMatrix: number[][],
  k: number,
): { err: number; scale: number } {
  const pos = new Map(res.ids.map((id, i) => [id, i]));
  const kk = res.axes.length;
  let err = 0;
  let scale = 0;
  for (let j = 0; j < k; j++) {
    let dot = 0;
    refIds.forEach((id, r) => {
      dot += refMatrix[r]![j]! * res.coordinates[pos.get(id)! * kk + j]!;
    });
    const sign = dot < 0 ? -1 : 1;
    refIds.forEach((id, r) => {
      const ours = sign * res.coordinates[pos.get(id)! * kk + j]!;
      err = Math.max(err, Math.abs(ours - refMatrix[r]![j]!));
      scale = Math.max(scale, Math.abs(refMatrix[r]![j]!));
    });
  }
  return { err, scale };
}

for (const dataset of ["dune", "esophagus", "GlobalPatterns"]) {
  describe(`PCoA of Bray-Curtis on ${dataset}`, () => {
    const dm = betaDiversity(loadTable(dataset), "braycurtis");
    const res = pcoa(dm);
    const ref = loadReference(dataset, "pcoa_braycurtis").results;
    const cmd = ref.cmdscale.values;
    it("eigenvalues match cmdscale (all with |lambda| > 1e-8 lambda_1) to 1e-9", () => {
      const l1 = cmd.eigenvalues[0];
      cmd.eigenvalues.forEach((l: number, j: number) => {
        if (Math.abs(l) > 1e-8 * l1) expect(maxRelDiff(l, res.eigenvalues[j]!)).toBeLessThanOrEqual(1e-9);
      });
    });
    it("proportion explained matches cmdscale's positive convention and scikit-bio", () => {
      cmd.proportion_explained_positive.forEach((p: number, j: number) => {
        if (p > 1e-8) expect(maxRelDiff(p, res.proportionExplained[j]!)).toBeLessThanOrEqual(1e-9);
      });
      ref.skbio.values.proportion_explained.forEach((p: number, j: number) => {
        if (p > 1e-8) expect(maxRelDiff(p, res.proportionExplained[j]!)).toBeLessThanOrEqual(1e-9);
      });
    });
    it("coordinates match cmdscale and scikit-bio up to axis sign", () => {
      for (const impl of ["cmdscale", "skbio"]) {
        const c = ref[impl].values.coordinates;
        // Only axes with a positive eigenvalue have meaningful coordinates.
        const k = Math.min(c.axes.length, res.axes.length);
        const { err, scale } = coordinateError(res, c.ids, c.matrix, k);
        expect(err).toBeLessThanOrEqual(1e-9 * scale);
      }
    });
    it("reports negative eigenvalues (Bray-Curtis is not Euclidean)", () => {
      const negatives = cmd.eigenvalues.filter((l: number) => l < -1e-8 * cmd.eigenvalues[0]).length;
      expect(res.negativeEigenvalues.count).toBe(negatives);
      if (negatives > 0) expect(res.warnings.join()).toMatch(/negative eigenvalue/);
    });
  });
}

describe("PCoA corrections (dune Bray-Curtis) match ape::pcoa", () => {
  const dm = betaDiversity(loadTable("dune"), "braycurtis");
  for (const correction of ["lingoes", "cailliez"] as const) {
    it(`${correction}: constant, eigenvalues and coordinates`, () => {
      const ref = extra.results.dune[`pcoa_${correction}`].values;
      const res = pcoa(dm, { correction });
      expect(maxRelDiff(ref.constant, res.correctionConstant)).toBeLessThanOrEqual(1e-9);
      ref.corrected_eigenvalues.forEach((l: number, j: number) => {
        if (l > 1e-8 * ref.corrected_eigenvalues[0])
          expect(maxRelDiff(l, res.eigenvalues[j]!)).toBeLessThanOrEqual(1e-8);
      });
      expect(res.negativeEigenvalues.count).toBe(0);
      const { err, scale } = coordinateError(res, ref.ids, ref.coordinates, 3);
      expect(err).toBeLessThanOrEqual(1e-8 * scale);
    });
  }
  it("needs at least 3 samples", () => {
    expect(() => pcoa(fromSquare(["a", "b"], [0, 1, 1, 0]))).toThrow(/too_few_samples/);
  });
  it("recovers a Euclidean configuration exactly (3-4-5 triangle)", () => {
    const res = pcoa(fromSquare(["a", "b", "c"], [0, 3, 4, 3, 0, 5, 4, 5, 0]));
    // Points (0,0), (3,0), (0,4): centred scatter eigenvalues are those of the 2x2 covariance sums.
    const lambda = [...res.eigenvalues.slice(0, 2)];
    const x = [0, 3, 0];
    const y = [0, 0, 4];
    const mx = 1;
    const my = 4 / 3;
    const sxx = x.reduce((a, v) => a + (v - mx) ** 2, 0);
    const syy = y.reduce((a, v) => a + (v - my) ** 2, 0);
    const sxy = x.reduce((a, v, i) => a + (v - mx) * (y[i]! - my), 0);
    const tr = sxx + syy;
    const disc = Math.sqrt((sxx - syy) ** 2 + 4 * sxy * sxy);
    expect(lambda[0]).toBeCloseTo((tr + disc) / 2, 12);
    expect(lambda[1]).toBeCloseTo((tr - disc) / 2, 12);
    expect(res.axes).toEqual(["PC1", "PC2"]);
  });
});

describe("symmetric eigensolver", () => {
  it("exact small cases", () => {
    expect([...symmetricEigen([2, 1, 1, 2], 2).values]).toEqual([3, 1].map((v) => expect.closeTo(v, 14)));
    const diag = symmetricEigen([5, 0, 0, 0, -1, 0, 0, 0, 2], 3);
    expect([...diag.values]).toEqual([5, 2, -1]);
    expect(Math.abs(diag.vectors[0]!)).toBe(1);
    // All-ones 4x4: eigenvalues 4, 0, 0, 0; leading vector (1,1,1,1)/2.
    const ones = symmetricEigen(new Array(16).fill(1), 4, 1);
    expect(ones.values[0]).toBeCloseTo(4, 13);
    for (let i = 0; i < 4; i++) expect(ones.vectors[i]).toBeCloseTo(0.5, 12);
    expect(symmetricEigen([7], 1).values[0]).toBe(7);
  });
  it("agrees with ml-matrix on random symmetric matrices (values; vectors by residual)", () => {
    const rng = createRng(3);
    for (const n of [5, 17, 40]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          const v = rng.normal();
          a[i * n + j] = v;
          a[j * n + i] = v;
        }
      }
      const ours = symmetricEigen(a, n);
      const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, i * n + n)));
      const ml = [
        ...new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues,
      ].sort((x, y) => y - x);
      ml.forEach((v, j) => expect(Math.abs(v - ours.values[j]!)).toBeLessThan(1e-11));
      for (let j = 0; j < n; j++) {
        let worst = 0;
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let q = 0; q < n; q++) s += a[i * n + q]! * ours.vectors[j * n + q]!;
          worst = Math.max(worst, Math.abs(s - ours.values[j]! * ours.vectors[j * n + i]!));
        }
        expect(worst).toBeLessThan(1e-10);
      }
    }
  });
});
