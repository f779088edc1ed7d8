import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { prepareOutputDir } from "../../src/node/out-dir.js";

describe("prepareOutputDir", () => {
  it("creates a missing folder and accepts an empty one", async () => {
    const base = await mkdtemp(join(tmpdir(), "gr-out-"));
    await prepareOutputDir(join(base, "a", "b"), false);
    expect(await readdir(join(base, "a"))).toEqual(["b"]);
    await prepareOutputDir(join(base, "a", "b"), false);
  });

  it("refuses a non-empty folder unless forced, and a file in place of a folder", async () => {
    const base = await mkdtemp(join(tmpdir(), "gr-out-"));
    await writeFile(join(base, "old.tsv"), "x");
    await expect(prepareOutputDir(base, false)).rejects.toThrow(InputError);
    await expect(prepareOutputDir(base, true)).resolves.toBeUndefined();
    await expect(prepareOutputDir(join(base, "old.tsv"), true)).rejects.toThrow(/not a directory/);
  });
});
