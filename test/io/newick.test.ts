import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { tips } from "../../src/core/phylo/tree.js";
import { formatNewick, parseNewick } from "../../src/io/newick.js";
import { loadTree } from "../../src/node/load.js";
import { fixture, TABLE_REF, TREE_REF, thrown } from "./fixtures.js";

describe("parseNewick on the fixtures (scikit-bio 0.5.8, convert_underscores=False)", () => {
  for (const ds of ["esophagus", "GlobalPatterns"]) {
    it(`${ds}: node and tip counts, lengths and internal labels match scikit-bio`, async () => {
      const ref = TREE_REF[ds]!;
      const tree = await loadTree(fixture(ds, "tree.nwk"));
      const t = tips(tree);
      expect(tree.parent.length).toBe(ref.n_nodes);
      expect(t.names.length).toBe(ref.n_tips);
      expect(t.names.slice(0, 5)).toEqual(ref.first_tips);
      expect(Array.from(t.nodes.slice(0, 5), (i) => tree.length[i])).toEqual(ref.tip_lengths_first5);
      let total = 0;
      let named = 0;
      for (let i = 0; i < tree.parent.length; i++) {
        if (!Number.isNaN(tree.length[i]!)) total += tree.length[i]!;
        if (tree.isTip[i] === 0 && tree.names[i] !== null) named++;
      }
      expect(total).toBeCloseTo(ref.total_length, 9);
      expect(named).toBe(ref.n_internal_named);
      // tips are exactly the table's features (underscores kept)
      expect(new Set(t.names).size).toBe(TABLE_REF[ds]!.n_features);
      expect(t.names).toContain(TABLE_REF[ds]!.first_features[0]);
    });
  }
});

describe("parseNewick syntax", () => {
  it("reads quoted labels with '' escapes, internal labels, exponents and comments", () => {
    const tree = parseNewick("(('a b''c':1e-3,B_1:2.5E2)[&support=1]'x:y':0.5,C)root;", "t.nwk");
    expect(tree.names).toEqual(["a b'c", "B_1", "x:y", "C", "root"]);
    expect(Array.from(tree.length.slice(0, 3))).toEqual([0.001, 250, 0.5]);
    expect(Number.isNaN(tree.length[3]!)).toBe(true);
    expect(Array.from(tree.parent)).toEqual([2, 2, 4, 4, -1]);
  });

  it("accepts a single-child root, whitespace, CRLF and a missing final ';'", () => {
    const tree = parseNewick("\uFEFF ( ( A : 1 ,\r\n B : 2 ) : 3 ) R", "t.nwk");
    expect(tree.names).toEqual(["A", "B", null, "R"]);
    expect(Array.from(tree.isTip)).toEqual([1, 1, 0, 0]);
  });

  it("parses a 50,000-deep caterpillar without recursion", () => {
    const depth = 50_000;
    const text = `${"(".repeat(depth)}A:1${Array.from({ length: depth }, (_, i) => `,t${i}:1)`).join("")};`;
    const tree = parseNewick(text, "deep.nwk");
    expect(tree.parent.length).toBe(2 * depth + 1);
    expect(formatNewick(tree)).toBe(`${text}\n`);
  });

  it("round-trips through formatNewick exactly (GlobalPatterns-like lengths, quoting)", () => {
    const text = "(('a b':0.12195999999999999,c_d:1e-300)'1.000.2':3,'it''s':0.1);";
    const once = parseNewick(text, "t.nwk");
    const twice = parseNewick(formatNewick(once), "t2.nwk");
    expect(twice).toEqual(once);
  });

  it.each([
    ["((A,B);", "corrupt_file", /unclosed '\('/],
    ["((A,B),(C", "truncated_file", /2 unclosed '\('/],
    ["(A,B));", "corrupt_file", /unbalanced '\)'/],
    ["(A:x,B);", "corrupt_file", /branch length 'x'/],
    ["(A B,C);", "corrupt_file", /second label/],
    ["('A,B);", "truncated_file", /quoted label/],
    ["(A,B);(C,D);", "corrupt_file", /after the final/],
    ["", "truncated_file", /no tree/],
  ])("refuses %j with %s, naming the position", (text, code, re) => {
    try {
      parseNewick(text, "bad.nwk");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const err = e as InputError;
      expect(err.issues[0]!.code).toBe(code);
      expect(err.message).toMatch(re);
      expect(err.message).toMatch(/bad\.nwk, line 1, column \d+/);
      expect(err.message).toMatch(/character \d+/);
    }
  });

  it("reports the line and column of an error on a later line", async () => {
    const err = await thrown(() => parseNewick("(A:1,\nB:zz);", "two.nwk"));
    expect(err.message).toContain("two.nwk, line 2, column 3");
  });
});
