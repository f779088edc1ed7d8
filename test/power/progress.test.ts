/** The progress bar: one redrawn line on a TTY, a line per 10% otherwise; elapsed-time format. */
import { describe, expect, it } from "vitest";
import { formatElapsed, progressBar } from "../../src/node/progress.js";

function capture(isTTY: boolean) {
  let text = "";
  let clock = 0;
  const bar = progressBar("power", { write: (t: string) => (text += t), isTTY }, () => clock);
  return { bar, text: () => text, tick: (ms: number) => (clock += ms) };
}

describe("progressBar", () => {
  it("writes a first line, then one per 10% when stderr is not a terminal", () => {
    const c = capture(false);
    for (let i = 1; i <= 40; i++) c.bar.update(i, 40);
    c.bar.finish();
    const lines = c.text().trimEnd().split("\n");
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe("power    2%  1/40  0s");
    expect(lines.at(-1)).toBe("power  100%  40/40  0s");
    expect(c.text()).not.toContain("\r");
  });

  it("redraws one line with \\r on a terminal and ends it on finish", () => {
    const c = capture(true);
    c.bar.update(1, 4);
    c.tick(65_000);
    c.bar.update(4, 4);
    c.bar.finish();
    expect(c.text()).toBe(
      `\rpower  [${"#".repeat(6)}${"-".repeat(18)}]   25%  1/4  0s\rpower  [${"#".repeat(24)}]  100%  4/4  1m05s\n`,
    );
  });

  it("formats elapsed time", () => {
    expect(formatElapsed(59_999)).toBe("59s");
    expect(formatElapsed(61_000)).toBe("1m01s");
    expect(formatElapsed(3_723_000)).toBe("1h02m");
  });
});
