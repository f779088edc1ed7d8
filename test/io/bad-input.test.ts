/** Malformed inputs: each refused with its issue code, the culprit named (file, line, ID) and a hint. */
import { describe, expect, it } from "vitest";
import { loadH5wasm, writeBiomHdf5 } from "../../src/io/biom-hdf5.js";
import { readTable } from "../../src/io/table.js";
import { type FeatureTable, fromDense } from "../../src/core/table/feature-table.js";
import { fixtureBytes, thrown } from "./fixtures.js";

const enc = (s: string) => new TextEncoder().encode(s);
const tsv = (body: string) => enc(`# Constructed from biom file\n#OTU ID\tS1\tS2\n${body}`);

/** The bytes of `table` as BIOM HDF5, changed by `patch` on the open file (a file we would never write). */
async function patchedBiom(
  table: FeatureTable,
  patch: (f: InstanceType<Awaited<ReturnType<typeof loadH5wasm>>["File"]>) => void,
): Promise<Uint8Array> {
  const h5 = await loadH5wasm();
  h5.FS!.writeFile("/patched.h5", await writeBiomHdf5(table));
  const f = new h5.File("/patched.h5", "a");
  patch(f);
  f.close();
  const bytes = h5.FS!.readFile("/patched.h5") as Uint8Array;
  h5.FS!.unlink("/patched.h5");
  return bytes;
}

async function issue(bytes: Uint8Array, source: string) {
  const err = await thrown(() => readTable(bytes, source));
  return { code: err.issues[0]!.code, codes: err.issues.map((i) => i.code), message: err.message };
}

describe("bad table cells", () => {
  it.each([
    [
      "negative",
      "f1\t-3.0\t1.0\n",
      "negative_value",
      /line 3, column 2, sample 'S1', feature 'f1': negative value -3\.0/,
    ],
    [
      "non-numeric",
      "f1\t1.0\tlots\n",
      "non_numeric",
      /line 3, column 3, sample 'S2', feature 'f1': 'lots' is not a number/,
    ],
    ["NaN", "f1\tNaN\t1\n", "non_finite", /sample 'S1', feature 'f1': value 'NaN' is not finite/],
    ["ragged", "f1\t1.0\n", "ragged_row", /line 3, feature 'f1': has 2 cells, the header has 3/],
  ])("TSV %s value", async (_, body, code, re) => {
    const r = await issue(tsv(body), "bad.tsv");
    expect(r.code).toBe(code);
    expect(r.message).toMatch(re);
    expect(r.message).toMatch(/bad\.tsv/);
    expect(r.message).toMatch(/hint: /);
  });

  it("reports every bad cell at once", async () => {
    const r = await issue(tsv("f1\t-1\tx\nf2\t1\tNaN\n"), "bad.tsv");
    expect(r.codes).toEqual(["negative_value", "non_numeric", "non_finite"]);
  });

  it("BIOM JSON negative and non-numeric values name feature and sample", async () => {
    const doc = (data: unknown[]) =>
      enc(
        JSON.stringify({
          shape: [2, 2],
          matrix_type: "sparse",
          rows: [{ id: "f1" }, { id: "f2" }],
          columns: [{ id: "S1" }, { id: "S2" }],
          data,
        }),
      );
    const neg = await issue(doc([[0, 1, -2]]), "t.json");
    expect(neg.code).toBe("negative_value");
    expect(neg.message).toContain("t.json, sample 'S2', feature 'f1'");
    const str = await issue(doc([[1, 0, "7"]]), "t.json");
    expect(str.code).toBe("non_numeric");
    const out = await issue(doc([[5, 0, 1]]), "t.json");
    expect(out.code).toBe("corrupt_file");
    expect(out.message).toContain("outside shape [2, 2]");
  });
});

describe("bad table structure", () => {
  it("BIOM JSON dense matrices are read, and an absurd dense shape is refused before allocating", async () => {
    const doc = (shape: number[], data: unknown[]) =>
      enc(
        JSON.stringify({
          shape,
          matrix_type: "dense",
          rows: [{ id: "f1" }, { id: "f2" }],
          columns: [{ id: "S1" }],
          data,
        }),
      );
    const ok = await readTable(doc([2, 1], [[0], [4]]), "dense.json");
    expect(ok.table.featureIds).toEqual(["f1", "f2"]);
    expect(Array.from(ok.table.values)).toEqual([4]);
    const rows = Array.from({ length: 2 }, (_, i) => ({ id: `f${i}` }));
    const huge = enc(
      JSON.stringify({ shape: [2, 3e8], matrix_type: "dense", rows, columns: { length: 0 }, data: [] }),
    );
    const r = await issue(huge, "huge.json");
    expect(r.code).toBe("too_large");
    expect(r.message).toContain("huge.json: declared dense matrix size (features x samples) is 600000000");
  });

  it("duplicate sample and feature IDs name the file and the IDs", async () => {
    const dupS = await issue(enc("#OTU ID\tS1\tS1\nf1\t1\t2\n"), "d.tsv");
    expect(dupS.code).toBe("duplicate_id");
    expect(dupS.message).toContain("d.tsv: duplicate sample IDs: 'S1'");
    const dupF = await issue(tsv("f1\t1\t2\nf1\t3\t4\n"), "d.tsv");
    expect(dupF.message).toContain("duplicate feature IDs: 'f1'");
  });

  it("an empty table (no features) is refused", async () => {
    const r = await issue(tsv(""), "empty.tsv");
    expect(r.code).toBe("empty_table");
    expect(r.message).toContain("empty.tsv: the table has 0 features and 2 samples");
    expect((await issue(new Uint8Array(), "zero.biom")).code).toBe("empty_table");
  });

  it("unrecognised content is refused with the formats we read", async () => {
    const r = await issue(enc("hello world\n"), "x.txt");
    expect(r.code).toBe("unknown_format");
    expect(r.message).toMatch(/BIOM HDF5 or JSON/);
  });

  it("CRLF line ends and a UTF-8 BOM are accepted", async () => {
    const a = await readTable(enc("\uFEFF#OTU ID\tS1\r\nf1\t2.0\r\nf2\t0\r\n"), "crlf.tsv");
    expect(a.table.featureIds).toEqual(["f1", "f2"]);
    expect(Array.from(a.table.values)).toEqual([2]);
  });

  it("invalid UTF-8 is a corrupt file", async () => {
    const r = await issue(new Uint8Array([0x23, 0x4f, 0x09, 0xff, 0xfe, 0x0a]), "bin.tsv");
    expect(r.code).toBe("corrupt_file");
  });
});

describe("truncated, corrupt and absurd BIOM files", () => {
  it("a truncated BIOM HDF5 is a corrupt file, not a crash", async () => {
    const bytes = fixtureBytes("dune", "table.biom");
    const r = await issue(bytes.slice(0, 4000), "cut.biom");
    expect(r.code).toBe("corrupt_file");
    expect(r.message).toContain("cut.biom: BIOM HDF5: cannot be read (H5Fopen(): unable to");
    expect(r.message).not.toContain("#001");
  });

  it("a truncated BIOM JSON is reported as truncated", async () => {
    const bytes = fixtureBytes("dune", "table.json.biom");
    const r = await issue(bytes.slice(0, 2000), "cut.json");
    expect(r.code).toBe("truncated_file");
    expect(r.message).toMatch(/cut\.json: not valid JSON/);
  });

  it("a BIOM HDF5 whose sparse layout is broken (feature indices out of order) is a corrupt file", async () => {
    const bytes = await patchedBiom(fromDense(["S1"], ["f1", "f2"], [1, 2]), (f) => {
      const indices = f.get("sample/matrix/indices") as {
        write_slice(ranges: [number, number][], data: Int32Array): void;
      };
      indices.write_slice([[0, 2]], Int32Array.from([1, 0]));
    });
    const r = await issue(bytes, "unordered.biom");
    expect(r.code).toBe("corrupt_file");
    expect(r.message).toContain("unordered.biom");
    expect(r.message).toContain("must be ascending");
  });

  it("an absurd declared HDF5 shape is refused before reading the datasets", async () => {
    const bytes = await patchedBiom(fromDense(["S1"], ["f1"], [1]), (f) => {
      f.attrs.shape && f.delete_attribute("shape");
      f.create_attribute("shape", new BigInt64Array([10n ** 12n, 10n ** 12n]), [2], "<q");
    });
    const r = await issue(bytes, "absurd.biom");
    expect(r.code).toBe("too_large");
    expect(r.message).toContain("declared number of features is 1000000000000, above the limit");
  });
});
