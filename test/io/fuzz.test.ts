/**
 * Fuzzing every parser with near-valid inputs (issue 15): a valid file mutated by truncation, byte
 * flips, huge or odd numbers, deep nesting, odd Unicode and CR-only line ends. Each parse must
 * either succeed with finite numbers where numbers are required, or throw an InputError; never
 * another exception, and never take long. Runs are bounded (fast-check numRuns, a per-input time
 * limit) so the suite stays fast; the seed is fixed so a failure reproduces.
 *
 * Corpus: every input that once failed is kept in test/fixtures/fuzz/<parser>/ and replayed first.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { parseStudyConfig } from "../../src/core/study/config.js";
import type { FeatureTable } from "../../src/core/table/feature-table.js";
import { parseBiomJson } from "../../src/io/biom-json.js";
import { parseBiomTsv } from "../../src/io/biom-tsv.js";
import { parseLsmat } from "../../src/io/lsmat.js";
import { parseMetadata } from "../../src/io/metadata.js";
import { parseNewick } from "../../src/io/newick.js";
import { readArtifact } from "../../src/io/qza.js";
import { readTable } from "../../src/io/table.js";
import { parseTaxonomy } from "../../src/io/taxonomy.js";
import { fixture, fixtureBytes } from "./fixtures.js";
import { zipSync } from "fflate";

const CORPUS = fixture("fuzz");
/** Longest a single parse of a mutated small file may take (generous: the machine may be busy). */
const MAX_MS = 3000;
const SEED = 15;

type Parser = (bytes: Uint8Array) => unknown;

function finiteTable(t: FeatureTable): void {
  for (const v of t.values) if (!Number.isFinite(v)) throw new Error(`non-finite table value ${v}`);
}

/** Runs one input: success (with the check) or an InputError; anything else fails the test. */
async function survives(parse: Parser, bytes: Uint8Array, check?: (out: never) => void): Promise<void> {
  const t0 = performance.now();
  try {
    const out = await parse(bytes);
    check?.(out as never);
  } catch (e) {
    if (!(e instanceof InputError)) {
      throw new Error(
        `${(e as Error).name}: ${(e as Error).message}\ninput: ${JSON.stringify(new TextDecoder().decode(bytes).slice(0, 300))}`,
      );
    }
    expect(e.message.length).toBeGreaterThan(0);
  }
  const ms = performance.now() - t0;
  if (ms > MAX_MS) throw new Error(`took ${ms.toFixed(0)} ms`);
}

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

const ODD = ["\u202e", "\u0000", "\ufeff", "\ud800", "e\u0301", "\u00a0", "\u2028", "𝔘", "\t", '"', "\r"];
const NUMBERS = [
  "1e999",
  "-1e999",
  "99999999999999999999999",
  "NaN",
  "-0",
  "0x10",
  "1e-400",
  "Infinity",
  "",
  "1.5",
];

/** One near-valid mutation of a text file. */
function textMutation(): fc.Arbitrary<(s: string) => string> {
  return fc.oneof(
    fc.nat().map((k) => (s: string) => s.slice(0, k % (s.length + 1))),
    fc.tuple(fc.nat(), fc.constantFrom(...ODD)).map(([k, u]) => (s: string) => {
      const at = k % (s.length + 1);
      return s.slice(0, at) + u + s.slice(at);
    }),
    fc.tuple(fc.nat(), fc.constantFrom(...NUMBERS)).map(([k, n]) => (s: string) => {
      const numbers = [...s.matchAll(/\d+(\.\d+)?/g)];
      if (numbers.length === 0) return s;
      const m = numbers[k % numbers.length]!;
      return s.slice(0, m.index) + n + s.slice(m.index! + m[0].length);
    }),
    fc.constant((s: string) => s.replace(/\r?\n/g, "\r")),
    fc
      .tuple(fc.nat(), fc.integer({ min: 50, max: 5000 }), fc.constantFrom("(", "[", "{", "[["))
      .map(([k, depth, open]) => (s: string) => {
        const at = k % (s.length + 1);
        return s.slice(0, at) + open.repeat(depth) + s.slice(at);
      }),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (s: string) => {
      // duplicate a line (duplicate IDs)
      const lines = s.split("\n");
      const i = a % lines.length;
      lines.splice(b % (lines.length + 1), 0, lines[i]!);
      return lines.join("\n");
    }),
  );
}

/** One mutation of a binary file: truncation or byte flips. */
function byteMutation(): fc.Arbitrary<(b: Uint8Array) => Uint8Array> {
  return fc.oneof(
    fc.nat().map((k) => (b: Uint8Array) => b.slice(0, k % (b.length + 1))),
    fc
      .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
      .map((flips) => (b: Uint8Array) => {
        const out = b.slice();
        for (const [at, v] of flips) out[at % out.length] = v;
        return out;
      }),
  );
}

function corpus(name: string): Uint8Array[] {
  try {
    return readdirSync(join(CORPUS, name))
      .sort()
      .map((f) => new Uint8Array(readFileSync(join(CORPUS, name, f))));
  } catch {
    return [];
  }
}

async function fuzzText(
  name: string,
  seed: string,
  parse: Parser,
  check?: (out: never) => void,
  numRuns = 150,
): Promise<void> {
  for (const bytes of corpus(name)) await survives(parse, bytes, check);
  await fc.assert(
    fc.asyncProperty(fc.array(textMutation(), { minLength: 1, maxLength: 3 }), async (mutations) => {
      const text = mutations.reduce((s, m) => m(s), seed);
      await survives(parse, enc(text), check);
    }),
    { numRuns, seed: SEED },
  );
}

const text = (...p: string[]) => dec(fixtureBytes(...p));

describe("fuzzed parsers: an InputError or a clean result, never a crash, a hang or a NaN", () => {
  const tableCases = [
    ["BIOM JSON", "biom-json", "table.json.biom", (b: Uint8Array) => parseBiomJson(b, "t.biom")],
    ["TSV table", "tsv-table", "table.tsv", (b: Uint8Array) => parseBiomTsv(b, "t.tsv")],
  ] as const;
  for (const [title, kind, file, parse] of tableCases) {
    it(title, async () => {
      await fuzzText(kind, text("dune", file), parse, (r: { table: FeatureTable }) => finiteTable(r.table));
    });
  }

  it("metadata", async () => {
    await fuzzText("metadata", text("dune", "metadata.tsv"), (b) => parseMetadata(b, "m.tsv"));
  });

  it("taxonomy", async () => {
    await fuzzText("taxonomy", text("dune", "taxonomy.tsv"), (b) => parseTaxonomy(b, "x.tsv"));
  });

  it("Newick", async () => {
    await fuzzText("newick", text("esophagus", "tree.nwk"), (b) => parseNewick(b, "t.nwk"));
  });

  it("lsmat", async () => {
    const seed = "\ta\tb\tc\na\t0\t0.5\t0.25\nb\t0.5\t0\t1\nc\t0.25\t1\t0\n";
    await fuzzText(
      "lsmat",
      seed,
      (b) => parseLsmat(b, "d.tsv"),
      (dm: { condensed: Float64Array }) => {
        for (const v of dm.condensed) if (!Number.isFinite(v)) throw new Error(`non-finite distance ${v}`);
      },
    );
  });

  it("study.yaml", async () => {
    const seed = `name: demo
data: { table: table.biom, metadata: metadata.tsv, taxonomy: taxonomy.tsv }
design:
  exposure: kratom_use
  reference: non_user
  covariates: [age, sex]
outcomes:
  - { column: pain_relief, type: continuous }
analysis: { level: genus, min_depth: 1000, rarefy: auto, permutations: 999, fdr: 0.1 }
seed: 42
`;
    await fuzzText("study-yaml", seed, (b) => parseStudyConfig(dec(b), "study.yaml"));
  });

  it("BIOM HDF5 (byte flips and truncation, attributes included)", async () => {
    const seed = fixtureBytes("dune", "table.biom");
    const parse = (b: Uint8Array) => readTable(b, "t.biom");
    await parse(seed); // loads the HDF5 library (wasm) once, outside the per-input time limit
    for (const bytes of corpus("biom-hdf5")) await survives(parse, bytes);
    await fc.assert(
      fc.asyncProperty(byteMutation(), async (m) => {
        await survives(parse, m(seed), (r: { table: FeatureTable }) => finiteTable(r.table));
      }),
      { numRuns: 40, seed: SEED },
    );
  }, 60_000);

  it(".qza (zip directory and entries)", async () => {
    const uuid = "1b4a5b1e-8a0c-4c7e-9f0e-0d2b3c4d5e6f";
    const seed = zipSync({
      [`${uuid}/metadata.yaml`]: enc(
        `uuid: ${uuid}\ntype: FeatureData[Taxonomy]\nformat: TSVTaxonomyDirectoryFormat\n`,
      ),
      [`${uuid}/data/taxonomy.tsv`]: fixtureBytes("dune", "taxonomy.tsv"),
    });
    const parse = (b: Uint8Array) => readArtifact(b, "x.qza", "FeatureData[Taxonomy]");
    for (const bytes of corpus("qza")) await survives(parse, bytes);
    await fc.assert(
      fc.asyncProperty(byteMutation(), async (m) => {
        await survives(parse, m(seed));
      }),
      { numRuns: 150, seed: SEED },
    );
  });
});
