/** Escaping and downloads: properties over arbitrary strings (fast-check) plus the exact escapes. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dataUrl, toTsv } from "../../src/report/data-file.js";
import { escapeHtml, jsonForScript } from "../../src/report/escape.js";
import { formatSignificant, formatP } from "../../src/report/format.js";
import { attr, decodeDataUrl, elements, parseStrict, textContent } from "./html-tree.js";

describe("escapeHtml", () => {
  it("escapes the five markup characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
    );
  });

  it("round-trips any string through an HTML parser as text and as an attribute", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const clean = s.replace(/[\0\r]/g, ""); // the HTML parser normalises these by spec
        const { document } = parseStrict(
          `<!DOCTYPE html><p title="${escapeHtml(clean)}">${escapeHtml(clean)}</p>`,
        );
        const p = elements(document).find((el) => el.tagName === "p")!;
        expect(textContent(p)).toBe(clean);
        expect(attr(p, "title")).toBe(clean);
      }),
      { numRuns: 200 },
    );
  });
});

describe("jsonForScript", () => {
  it("escapes < > & and U+2028/U+2029 and still parses to the same value", () => {
    expect(jsonForScript({ a: "</script>&\u2028\u2029" })).toBe(
      '{"a":"\\u003c/script\\u003e\\u0026\\u2028\\u2029"}',
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = jsonForScript(value);
        expect(text).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("downloads", () => {
  it("writes TSV with a header, NA for null, a tab-holding cell quoted (core/table/tsv.ts), no line break inside a cell", () => {
    expect(
      toTsv(
        ["a", "b"],
        [
          { a: "x\ty", b: null },
          { a: "two\nlines", b: 'say "hi"' },
          { a: 1.5, b: true },
        ],
      ),
    ).toBe('a\tb\n"x\ty"\tNA\ntwo lines\t"say ""hi"""\n1.5\ttrue\n');
  });

  it("data URLs carry the base64 of RFC 4648's test vectors (section 10)", () => {
    const vectors: [string, string][] = [
      ["", ""],
      ["f", "Zg=="],
      ["fo", "Zm8="],
      ["foo", "Zm9v"],
      ["foob", "Zm9vYg=="],
      ["fooba", "Zm9vYmE="],
      ["foobar", "Zm9vYmFy"],
    ];
    for (const [text, base64] of vectors) {
      expect(dataUrl({ filename: "f.json", mime: "application/json", content: text })).toBe(
        `data:application/json;charset=utf-8;base64,${base64}`,
      );
    }
  });

  it("data URLs decode back to the exact UTF-8 text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const url = dataUrl({ filename: "f.tsv", mime: "text/tab-separated-values", content: text });
        expect(url).not.toMatch(/https?:/);
        expect(decodeDataUrl(url).text).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

describe("number formatting", () => {
  it("shows p-values with two significant digits, exponent below 0.001, a dash for null", () => {
    expect([0.5, 0.0432, 0.001, 0.00042, 0, null].map(formatP)).toEqual([
      "0.50",
      "0.043",
      "0.0010",
      "4.2e-4",
      "0.0",
      "\u2014",
    ]);
    expect([12, 0.123456, -1.5e-5, 2.5e7, null].map((x) => formatSignificant(x))).toEqual([
      "12",
      "0.123",
      "-1.50e-5",
      "25000000",
      "\u2014",
    ]);
  });
});
