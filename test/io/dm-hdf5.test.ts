/** HDF5 distance matrices (ssu layout): round trips, float32, streamed lsmat, sniffing, bad files. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type DistanceMatrix, toSquare } from "../../src/core/beta/distance-matrix.js";
import { withH5File } from "../../src/io/biom-hdf5.js";
import { formatDmHdf5, parseDmHdf5, ROW_BLOCK } from "../../src/io/dm-hdf5.js";
import { formatLsmat, parseLsmat } from "../../src/io/lsmat.js";
import { loadDistanceMatrix, writeDistanceMatrix } from "../../src/node/dm-file.js";

function randomDm(n: number, seed = 1): DistanceMatrix {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  const condensed = new Float64Array((n * (n - 1)) / 2).map(() => next() / 3);
  return { ids: Array.from({ length: n }, (_, i) => `s${i} x"é`), condensed };
}

const dir = mkdtempSync(join(tmpdir(), "gr-dm-"));

describe("HDF5 distance matrices", () => {
  it("round-trips exactly in memory and on disk, across row blocks", async () => {
    for (const n of [0, 1, 2, ROW_BLOCK + 3]) {
      const dm = randomDm(n, n + 1);
      expect(await parseDmHdf5(await formatDmHdf5(dm), "m.h5")).toEqual(dm);
      const path = join(dir, `m${n}.h5`);
      await writeDistanceMatrix(path, dm);
      expect(await loadDistanceMatrix(path)).toEqual(dm);
      // read onto a SharedArrayBuffer for worker threads: the same values
      const shared = await loadDistanceMatrix(path, { shared: true });
      expect(shared.condensed.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(Array.from(shared.condensed)).toEqual(Array.from(dm.condensed));
      expect(shared.ids).toEqual(dm.ids);
    }
  });

  it("stores the ssu layout: 'order' and an n x n 'matrix'", async () => {
    const dm = randomDm(5);
    const bytes = await formatDmHdf5(dm);
    const { order, matrix, shape } = await withH5File(bytes, "r", (f) => ({
      order: (f.get("order") as { value: unknown }).value,
      matrix: (f.get("matrix") as { value: unknown }).value,
      shape: (f.get("matrix") as { shape: number[] }).shape,
    }));
    expect(order).toEqual(dm.ids);
    expect(shape).toEqual([5, 5]);
    expect(matrix).toEqual(toSquare(dm));
  });

  it("float32 storage keeps each distance to float32 precision", async () => {
    const dm = randomDm(200);
    const path = join(dir, "f32.h5");
    await writeDistanceMatrix(path, dm, { float32: true });
    const back = await loadDistanceMatrix(path);
    expect(back.ids).toEqual(dm.ids);
    expect(back.condensed).toEqual(dm.condensed.map(Math.fround));
    await writeDistanceMatrix(join(dir, "f64.h5"), dm);
    expect(readFileSync(path).length).toBeLessThan(0.6 * readFileSync(join(dir, "f64.h5")).length);
  });

  it("reads every storage: float64 and float32 in place, integers through copies", async () => {
    // 70 rows: two row blocks of an unchunked dataset; values exact in every storage tried
    const n = ROW_BLOCK + 6;
    const dm = randomDm(n).condensed.map((x) => Math.round(x * 3000));
    const ids = Array.from({ length: n }, (_, i) => `s${i}`);
    const square = toSquare({ ids, condensed: dm });
    for (const [dtype, data] of [
      ["<d", Float64Array.from(square)],
      ["<f", Float32Array.from(square)],
      ["<i4", Int32Array.from(square)],
    ] as const) {
      const path = join(dir, `storage-${dtype.replace(/\W/g, "")}.h5`);
      writeFileSync(
        path,
        await withH5File(new Uint8Array(), "w", (f, closeAndRead) => {
          f.create_dataset({ name: "order", data: ids });
          f.create_dataset({ name: "matrix", data, shape: [n, n], dtype });
          return closeAndRead();
        }),
      );
      expect(Array.from((await loadDistanceMatrix(path)).condensed), dtype).toEqual(Array.from(dm));
      expect(Array.from((await parseDmHdf5(readFileSync(path), path)).condensed), dtype).toEqual(
        Array.from(dm),
      );
    }
  });

  it("streams lsmat text identical to formatLsmat, and --dm readers sniff the format", async () => {
    const dm = randomDm(ROW_BLOCK + 9); // two blocks of rows
    const path = join(dir, "m.tsv");
    await writeDistanceMatrix(path, dm);
    const text = readFileSync(path, "utf8");
    expect(text).toBe(formatLsmat(dm));
    expect(await loadDistanceMatrix(path)).toEqual(parseLsmat(text, "x"));
    expect((await loadDistanceMatrix(path)).condensed).toEqual(dm.condensed);
  });

  it("refuses files that are not distance matrices with a clear error", async () => {
    const message = async (bytes: Uint8Array) => {
      const path = join(dir, `bad${Math.random()}.h5`);
      writeFileSync(path, bytes);
      return loadDistanceMatrix(path).then(
        () => "no error",
        (e: Error) => e.message,
      );
    };
    const h5With = (build: (f: Parameters<Parameters<typeof withH5File>[2]>[0]) => void) =>
      withH5File(new Uint8Array(), "w", (f, closeAndRead) => {
        build(f);
        return closeAndRead();
      });
    expect(await message(await h5With((f) => f.create_dataset({ name: "x", data: [1] })))).toMatch(
      /'order'.*missing/,
    );
    const asym = await h5With((f) => {
      f.create_dataset({ name: "order", data: ["a", "b"] });
      f.create_dataset({ name: "matrix", data: new Float64Array([0, 1, 2, 0]), shape: [2, 2], dtype: "<d" });
    });
    expect(await message(asym)).toMatch(/not symmetric at 'a', 'b'/);
    // a larger matrix, so the faults sit in later row blocks and column tiles of the reader
    const big = randomDm(150);
    const square = (at: number, value: (x: number) => number) =>
      h5With((f) => {
        const m = Float64Array.from(toSquare(big));
        m[at] = value(m[at]!);
        f.create_dataset({ name: "order", data: [...big.ids] });
        f.create_dataset({ name: "matrix", data: m, shape: [150, 150], dtype: "<d" });
      });
    const [a, b] = [big.ids[70], big.ids[130]];
    expect(await message(await square(130 * 150 + 70, (x) => x * (1 + 1e-9)))).toMatch(
      new RegExp(`not symmetric at '${a}', '${b}'`),
    );
    expect(await message(await square(130 * 150 + 70, () => Number.NaN))).toMatch(
      new RegExp(`non-finite distance between '${b}' and '${a}'`),
    );
    expect(await message(await square(70 * 150 + 130, () => Number.POSITIVE_INFINITY))).toMatch(
      new RegExp(`non-finite distance between '${a}' and '${b}'`),
    );
    expect(await message(await square(99 * 151, () => 1))).toMatch(
      new RegExp(`diagonal entry of '${big.ids[99]}' is not 0`),
    );
    const shape = await h5With((f) => {
      f.create_dataset({ name: "order", data: ["a", "b", "c"] });
      f.create_dataset({ name: "matrix", data: new Float64Array(4), shape: [2, 2], dtype: "<d" });
    });
    expect(await message(shape)).toMatch(/shape \[2, 2\], expected \[3, 3\]/);
    // more samples than one matrix can hold: refused from 'order' alone, before 'matrix' is read
    const tooMany = await h5With((f) => {
      f.create_dataset({ name: "order", data: Array.from({ length: 92_683 }, (_, i) => `s${i}`) });
    });
    expect(await message(tooMany)).toMatch(
      /92683 samples make 4,295,022,903 distances; .* at most 92,682 samples/,
    );
    const bytes = await formatDmHdf5(randomDm(4));
    expect(await message(bytes.subarray(0, 600))).toMatch(/cannot be read/);
  });
});

describe("HDF5 matrices written by ssu (Striped UniFrac)", () => {
  const ssuDir = join(import.meta.dirname, "../fixtures/ssu");
  const reference = (name: string) =>
    JSON.parse(
      readFileSync(join(import.meta.dirname, `../fixtures/GlobalPatterns/reference/${name}.json`), "utf8"),
    ).results.skbio.values as { ids: string[]; matrix: number[][] };
  for (const [file, ref, tol] of [
    ["globalpatterns_unweighted_fp64.h5", "beta_unifrac_unweighted", 1e-6],
    ["globalpatterns_weighted_normalized_fp32.h5", "beta_unifrac_weighted_normalized", 1e-5],
  ] as const) {
    it(`reads ${file} (${ref} as scikit-bio computes it)`, async () => {
      const dm = await loadDistanceMatrix(join(ssuDir, file));
      const want = reference(ref);
      expect([...dm.ids].sort()).toEqual([...want.ids].sort());
      const pos = new Map(dm.ids.map((id, i) => [id, i]));
      const square = toSquare(dm);
      const n = dm.ids.length;
      for (let a = 0; a < want.ids.length; a++) {
        for (let b = 0; b < want.ids.length; b++) {
          const ours = square[pos.get(want.ids[a]!)! * n + pos.get(want.ids[b]!)!]!;
          expect(Math.abs(ours - want.matrix[a]![b]!)).toBeLessThanOrEqual(
            tol * Math.max(1, want.matrix[a]![b]!),
          );
        }
      }
      // and the byte form reads the same
      expect(await parseDmHdf5(new Uint8Array(readFileSync(join(ssuDir, file))), file)).toEqual(dm);
    });
  }
});
