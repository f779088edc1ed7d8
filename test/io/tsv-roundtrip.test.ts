/**
 * The TSV quoting rule (core/table/tsv.ts) and round trips of awkward IDs (issue 15): sample IDs
 * with tabs, quotes, apostrophes, HTML and Unicode survive every TSV we write and read back, and a
 * results folder under a path with spaces, Unicode and `'` works.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { fromDense } from "../../src/core/table/feature-table.js";
import { categorical, numeric } from "../../src/core/table/metadata.js";
import { formatCell, formatTsv } from "../../src/core/table/tsv.js";
import { formatTableTsv, parseBiomTsv } from "../../src/io/biom-tsv.js";
import { formatLsmat, parseLsmat } from "../../src/io/lsmat.js";
import { formatMetadata, parseMetadata } from "../../src/io/metadata.js";
import { splitCells, splitLines } from "../../src/io/text.js";

const AWKWARD = [
  "plain",
  "tab\there",
  'say "hi"',
  "O'Brien",
  "<b>&amp;</b>",
  "Zoë 𝔘",
  '"quoted"',
  "semi;colon",
];

describe("TSV cells: RFC 4180 quoting with a tab separator, NA for missing", () => {
  it("quotes a cell with a tab or a quote, doubling inner quotes; leaves the rest alone", () => {
    const cells: [string | number | null, string][] = [
      ["a\tb", '"a\tb"'],
      ['say "hi"', '"say ""hi"""'],
      ["O'Brien", "O'Brien"],
      ["<b>", "<b>"],
      ["two\nlines", "two lines"],
      [null, "NA"],
      [Number.NaN, "NA"],
      [0.1 + 0.2, "0.30000000000000004"],
    ];
    for (const [cell, text] of cells) expect(formatCell(cell)).toBe(text);
  });

  it("every row reads back cell for cell", () => {
    const text = formatTsv(
      ["id", "value"],
      AWKWARD.map((id, i) => [id, i]),
    );
    const rows = splitLines(text).map(splitCells);
    expect(rows.slice(1).map((r) => r[0])).toEqual(AWKWARD);
    expect(rows.every((r) => r.length === 2)).toBe(true);
  });
});

describe("awkward sample IDs round-trip through every TSV writer and reader", () => {
  const n = AWKWARD.length;
  it("feature table TSV", () => {
    const table = fromDense(
      AWKWARD,
      ["f1", 'f"2'],
      Array.from({ length: n * 2 }, (_, k) => k + 1),
    );
    const back = parseBiomTsv(formatTableTsv(table), "t.tsv").table;
    expect(back.sampleIds).toEqual(AWKWARD);
    expect(back.featureIds).toEqual(["f1", 'f"2']);
  });

  it("distance matrix (lsmat)", () => {
    const condensed = Float64Array.from({ length: (n * (n - 1)) / 2 }, (_, k) => (k + 1) / 100);
    const back = parseLsmat(formatLsmat({ ids: AWKWARD, condensed }), "d.tsv");
    expect(back.ids).toEqual(AWKWARD);
    expect(Array.from(back.condensed)).toEqual(Array.from(condensed));
  });

  it("metadata", () => {
    const md = {
      idHeader: "sample-id",
      ids: AWKWARD,
      columns: [
        categorical(
          "group",
          AWKWARD.map((_, i) => (i % 2 === 0 ? 'a "x"' : "b\tc")),
        ),
        numeric(
          "age",
          AWKWARD.map((_, i) => i),
        ),
      ],
    };
    const back = parseMetadata(formatMetadata(md), "m.tsv");
    expect(back.ids).toEqual(AWKWARD);
    expect(back.columns[0]!.values).toEqual(md.columns[0]!.values);
  });
});

describe("a results folder under a path with spaces, Unicode and an apostrophe", () => {
  const root = mkdtempSync(join(tmpdir(), "gr odd 'path' ë-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("alpha and beta write there, and their TSVs keep the awkward IDs", async () => {
    const dir = join(root, "Résultats d'été");
    mkdirSync(dir);
    const tablePath = join(dir, "table.tsv");
    const table = fromDense(
      AWKWARD,
      ["f1", "f2", "f3"],
      Array.from({ length: AWKWARD.length * 3 }, (_, k) => (k % 5) + 1),
    );
    writeFileSync(tablePath, formatTableTsv(table));
    let err = "";
    const quiet = { stdout: () => {}, stderr: (t: string) => (err += t) };
    const alphaOut = join(dir, "out put", "alpha.tsv");
    expect(
      await main(["alpha", "--table", tablePath, "--metrics", "shannon", "--out", alphaOut], quiet),
      err,
    ).toBe(0);
    const rows = splitLines(readFileSync(alphaOut, "utf8")).map(splitCells);
    expect(rows.slice(1).map((r) => r[0])).toEqual(AWKWARD);
    const betaOut = join(dir, "out put", "bray curtis.tsv");
    expect(
      await main(["beta", "--table", tablePath, "--metric", "braycurtis", "--out", betaOut], quiet),
      err,
    ).toBe(0);
    expect(parseLsmat(readFileSync(betaOut), betaOut).ids).toEqual(AWKWARD);
  });
});
