/**
 * `--help` text of a command, printed by main.ts from the command's spec alone (no analysis code
 * is loaded): usage lines, description, the options table with each default, notes, examples.
 */
import type { CommandSpec, OptionDef } from "./command.js";

/** "--name VALUE" as the options table shows it. */
function optionLabel(name: string, def: OptionDef): string {
  if (def.kind === "flag") return `--${name}`;
  if (def.kind === "choice") return `--${name} ${def.value ?? def.choices.join("|")}`;
  return `--${name} ${def.value}`;
}

/** The description with the default appended: "(default 0.1)" or the spec's `defaultText`. */
function optionText(def: OptionDef): string {
  const fixed =
    def.kind === "flag" || def.kind === "list" || def.default === undefined
      ? undefined
      : Array.isArray(def.default)
        ? def.default.join(",")
        : String(def.default);
  const stated = def.defaultText ?? fixed;
  return stated === undefined ? def.description : `${def.description} (default: ${stated})`;
}

/** The rows of the options table: [label, text] (a choice with summaries gets one row per choice). */
function optionRows(spec: CommandSpec): [string, string][] {
  return Object.entries(spec.options).flatMap(([name, def]): [string, string][] => {
    if (def.kind === "choice" && def.choiceSummaries)
      return [
        ...def.choices.map((c): [string, string] => [`--${name} ${c}`, def.choiceSummaries?.[c] ?? ""]),
        ...(optionText(def).trim() === "" ? [] : [["", optionText(def).trim()] as [string, string]]),
      ];
    return [[optionLabel(name, def), optionText(def)]];
  });
}

/** The whole `--help` text of `gutresponse NAME`, ending with a newline. */
export function commandHelp(name: string, spec: CommandSpec): string {
  const rows = optionRows(spec);
  const width = Math.max(0, ...rows.map(([label]) => label.length)) + 2;
  const table = rows
    .map(([label, text]) => `  ${label.padEnd(width)}${text.split("\n").join(`\n  ${" ".repeat(width)}`)}`)
    .join("\n");
  const sections = [
    spec.usage.map((u) => `gutresponse ${name} ${u}`).join("\n"),
    spec.description,
    rows.length > 0 ? `Options:\n${table}` : "",
    spec.notes ?? "",
    `${spec.examples.length > 1 ? "Examples" : "Example"}:\n${spec.examples.map((e) => e.replace(/^/gm, "  ")).join("\n")}`,
  ];
  return `${sections.filter((s) => s !== "").join("\n\n")}\n`;
}
