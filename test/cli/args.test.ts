/**
 * The parser built from a declarative spec (src/cli/args.ts parseInvocation) and the help printed
 * from it (src/cli/help.ts): each option kind's value and error wording, every problem collected
 * before `checked()` throws, positionals, and every command's --help listing each of its options.
 */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { parseInvocation } from "../../src/cli/args.js";
import { defineCommand } from "../../src/cli/command.js";
import { commands } from "../../src/cli/commands/index.js";
import { commandHelp } from "../../src/cli/help.js";
import { main } from "../../src/cli/main.js";

const spec = defineCommand({
  usage: ["--in F [options] FILE..."],
  description: "A toy command.",
  positionals: { name: "FILE...", min: 1 },
  options: {
    in: { kind: "text", value: "F", required: true, description: "input" },
    q: { kind: "number", value: "Q", range: { min: 0, max: 1 }, default: 0.1, description: "a fraction" },
    k: { kind: "number", value: "K", range: { integer: true, min: 1 }, description: "a count" },
    sizes: {
      kind: "numbers",
      value: "LIST",
      range: { integer: true, min: 1 },
      default: [5, 10],
      description: "sizes",
    },
    cols: { kind: "list", value: "LIST", description: "columns" },
    how: { kind: "choice", choices: ["a", "b"], default: "a", description: "how" },
    quiet: { kind: "flag", description: "say less" },
  },
  examples: ["gutresponse toy --in x.tsv y"],
});

function problemsOf(argv: string[]): string[] {
  try {
    parseInvocation("toy", spec, argv).checked();
    return [];
  } catch (e) {
    return (e as InputError).issues.map((i) => i.message);
  }
}

describe("parseInvocation", () => {
  it("gives typed values, defaults for absent options, and the positionals", () => {
    const v = parseInvocation("toy", spec, ["--in", "x", "--k", "3", "--cols", " a, ,b ", "y", "z"]);
    expect(v.positionals).toEqual(["y", "z"]);
    expect(v.checked()).toEqual({
      in: "x",
      q: 0.1,
      k: 3,
      sizes: [5, 10],
      cols: ["a", "b"],
      how: "a",
      quiet: false,
    });
    const w = parseInvocation("toy", spec, [
      "--in",
      "x",
      "--sizes",
      "2,4",
      "--how",
      "b",
      "--quiet",
      "--q",
      "-0",
      "f",
    ]);
    expect(w.checked()).toMatchObject({ sizes: [2, 4], how: "b", quiet: true, q: -0, k: undefined });
  });

  it("collects every problem, each in the one wording of its kind", () => {
    const expected = `--in is required
--q must be a number from 0 to 1, got '-0.5'
--k must be an integer >= 1, got '1.5'
--sizes must be an integer >= 1, got '-4'
--how must be one of a, b, got 'c'
FILE... (first argument) is required`;
    expect(problemsOf(["--q", "-0.5", "--k", "1.5", "--sizes", "3,-4", "--how", "c"])).toEqual(
      expected.split("\n"),
    );
  });

  it("keeps a failed option undefined and lets the command add its own problems before checked()", () => {
    const v = parseInvocation("toy", spec, ["--in", "x", "--k", "0", "f"]);
    expect(v.values.k).toBeUndefined();
    v.problems.issues.push({ code: "bad_argument", message: "and a file problem" });
    expect(() => v.checked()).toThrow(InputError);
    expect(v.problems.issues).toHaveLength(2);
  });

  it("turns the parser's own errors into one input error pointing at --help", () => {
    expect(() => parseInvocation("toy", spec, ["--nope"])).toThrow(/toy --help/);
  });
});

describe("--help from the spec", () => {
  it("lists each option with its default and the examples", () => {
    const help = commandHelp("toy", spec);
    expect(help).toContain("gutresponse toy --in F [options] FILE...");
    expect(help).toMatch(/--q Q +a fraction \(default: 0\.1\)/);
    expect(help).toMatch(/--sizes LIST +sizes \(default: 5,10\)/);
    expect(help).toMatch(/--how a\|b +how \(default: a\)/);
    expect(help).toMatch(/Example:\n {2}gutresponse toy --in x.tsv y\n$/);
  });

  it("every command's --help exits 0 and names each of its options", async () => {
    for (const entry of commands) {
      let out = "";
      const code = await main([entry.name, "--help"], { stdout: (t) => (out += t), stderr: () => {} });
      expect(code, entry.name).toBe(0);
      for (const name of Object.keys((await entry.spec()).options))
        expect(out, entry.name).toContain(`--${name}`);
    }
  });
});
