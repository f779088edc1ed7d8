/** docs/TROUBLESHOOTING.md lists every error code of the closed set in src/core/errors.ts (issue 15). */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const read = (p: string) => readFileSync(resolve(__dirname, "..", p), "utf8");

describe("docs/TROUBLESHOOTING.md", () => {
  it("has one table row, with an example and what to do, for every IssueCode", () => {
    const errors = read("src/core/errors.ts");
    const union = errors.slice(
      errors.indexOf("export type IssueCode"),
      errors.indexOf(";", errors.indexOf("export type IssueCode")),
    );
    const codes = [...union.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(20);
    const doc = read("docs/TROUBLESHOOTING.md");
    const rows = new Map(
      [...doc.matchAll(/^\| `([a-z_]+)` \| (.+) \| (.+) \|$/gm)].map((m) => [
        m[1]!,
        { example: m[2]!, todo: m[3]! },
      ]),
    );
    expect([...rows.keys()].sort()).toEqual([...codes].sort());
    for (const [code, row] of rows) {
      expect(row.example.length, code).toBeGreaterThan(10);
      expect(row.todo.length, code).toBeGreaterThan(10);
    }
  });
});
