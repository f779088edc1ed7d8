import { describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands/index.js";

describe("command registry (lazy loading)", () => {
  it("lists each command once, with the summary and name of the module it loads", async () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.summary).toBe(entry.summary);
    }
  }, 60_000);
});
