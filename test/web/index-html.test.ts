/** The app page ships its own icon inline, so the browser never requests /favicon.ico (issue 15). */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

describe("src/web/index.html", () => {
  it("declares an inline (data:) icon that its Content-Security-Policy allows", () => {
    const html = readFileSync(resolve(__dirname, "../../src/web/index.html"), "utf8");
    const icon = /<link rel="icon" type="image\/svg\+xml" href="(data:image\/svg\+xml,[^"]+)"/.exec(html);
    expect(icon).not.toBeNull();
    expect(decodeURIComponent(icon![1]!)).toContain("<svg");
    expect(html).toMatch(/img-src[^;]*\bdata:/);
  });
});

describe("README on the demo button", () => {
  it("says what the button does: it opens the filled-in design page, 'Run study' runs it", () => {
    const readme = readFileSync(resolve(__dirname, "../../README.md"), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain('"Try the demo cohort" simulates');
    expect(readme).toContain(
      'opens its design page with the demo\'s roles filled in; "Run study" there runs it',
    );
  });
});
