import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { checkOutputDir, writeOutputDir } from "../../src/node/output-dir.js";

describe("writeOutputDir", () => {
  it("writes nested files into a new folder and leaves no temporary folder", async () => {
    const base = await mkdtemp(join(tmpdir(), "gr-out-"));
    const out = join(base, "results");
    await writeOutputDir(
      out,
      [
        { path: "a.tsv", content: "x\n" },
        { path: "beta/b.tsv", content: new Uint8Array([65]) },
      ],
      false,
    );
    expect((await readdir(out)).sort()).toEqual(["a.tsv", "beta"]);
    expect(await readFile(join(out, "beta", "b.tsv"), "utf8")).toBe("A");
    expect(await readdir(base)).toEqual(["results"]);
  });

  it("refuses a non-empty folder unless forced, then replaces it whole", async () => {
    const out = await mkdtemp(join(tmpdir(), "gr-out-"));
    await writeFile(join(out, "old.tsv"), "x");
    await expect(checkOutputDir(out, false)).rejects.toThrow(InputError);
    await expect(writeOutputDir(out, [{ path: "new.tsv", content: "y" }], false)).rejects.toThrow(
      /not empty/,
    );
    await writeOutputDir(out, [{ path: "new.tsv", content: "y" }], true);
    expect(await readdir(out)).toEqual(["new.tsv"]);
  });

  it("refuses a file in place of the folder", async () => {
    const base = await mkdtemp(join(tmpdir(), "gr-out-"));
    await writeFile(join(base, "file"), "x");
    await expect(checkOutputDir(join(base, "file"), false)).rejects.toThrow(/names a file/);
  });
});
