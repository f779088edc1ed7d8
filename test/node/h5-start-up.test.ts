/**
 * h5wasm's start-up in the CLI (src/node/h5-files.ts): its WebAssembly is compiled with V8's baseline
 * compiler only (`--liftoff-only`, set before h5wasm is imported, cleared once it is ready unless
 * Node was started with it), a table read that way equals the in-memory reader's, and tier-up is
 * switched back on once a study's inputs are read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { syntheticTable } from "../diversity/synthetic.js";

const events: string[] = [];

vi.mock("node:v8", async (importOriginal) => {
  const v8 = await importOriginal<typeof import("node:v8")>();
  const setFlagsFromString = (flags: string): void => {
    events.push(`flag ${flags}`);
    v8.setFlagsFromString(flags);
  };
  return { ...v8, default: { ...v8, setFlagsFromString }, setFlagsFromString };
});

vi.mock("h5wasm/node", async (importOriginal) => {
  events.push("import h5wasm/node");
  const m = await importOriginal<typeof import("h5wasm/node")>();
  void m.ready.then(() => events.push("h5wasm ready"));
  return m;
});

const dir = mkdtempSync(join(tmpdir(), "gutresponse-h5-start-up-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("h5wasm start-up (Node build)", () => {
  const execArgv = process.execArgv;
  beforeEach(() => {
    events.length = 0;
    vi.resetModules();
  });
  afterEach(() => {
    process.execArgv = execArgv;
  });

  it("sets --liftoff-only before importing h5wasm and clears it once h5wasm is ready", async () => {
    const { loadH5Node, H5_WASM_V8_FLAG } = await import("../../src/node/h5-files.js");
    expect(H5_WASM_V8_FLAG).toBe("--liftoff-only");
    const first = loadH5Node();
    expect(loadH5Node()).toBe(first); // loaded once
    await first;
    expect(events).toEqual([
      "flag --liftoff-only",
      "import h5wasm/node",
      "h5wasm ready",
      "flag --no-liftoff-only",
    ]);
  });

  it("leaves the flag on when Node was started with it", async () => {
    process.execArgv = [...execArgv, "--liftoff-only"];
    const { loadH5Node } = await import("../../src/node/h5-files.js");
    await loadH5Node();
    expect(events.filter((e) => e.startsWith("flag"))).toEqual(["flag --liftoff-only"]);
  });

  it("reads the same table as the in-memory reader", async () => {
    const { loadBiomHdf5File } = await import("../../src/node/h5-files.js");
    const { writeBiomHdf5 } = await import("../../src/io/biom-hdf5.js");
    const { readTable } = await import("../../src/io/table.js");
    const path = join(dir, "t.biom");
    writeFileSync(path, await writeBiomHdf5(syntheticTable(40, 120, 0.2, 3)));
    const onDisk = await loadBiomHdf5File(path);
    expect(onDisk).toEqual(await readTable(new Uint8Array(readFileSync(path)), path));
  });

  it("loadStudy switches WebAssembly tier-up back on once a study's inputs are read", async () => {
    const { loadStudy } = await import("../../src/node/study-loader.js");
    await loadStudy("bench/globalpatterns/study.yaml");
    expect(events.filter((e) => e.startsWith("flag")).slice(-2)).toEqual([
      "flag --wasm-tier-up",
      "flag --wasm-dynamic-tiering",
    ]);
  });
});
