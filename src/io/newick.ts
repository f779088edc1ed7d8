/**
 * Newick trees (Felsenstein's format as scikit-bio and ape read it) to and from `Tree`.
 *
 * Grammar accepted: `(child,child,...)label:length;` nested to any depth, parsed with an explicit
 * cursor (no recursion, so 100,000-deep caterpillar trees are fine).
 * - Labels: unquoted runs of characters other than `()[]':;,` and whitespace, or single-quoted
 *   `'...'` with `''` for a quote. Unquoted underscores are KEPT (as ape, phyloseq and Striped
 *   UniFrac do, and scikit-bio with `convert_underscores=False`): the strict rule that `_` means a
 *   blank would make feature IDs such as `59_8_22` match nothing.
 * - Internal labels (e.g. support values `1.000.154`) are kept as labels, never read as lengths.
 * - Branch lengths: any decimal with optional exponent (`1e-5`); a missing length is NaN, which
 *   UniFrac / Faith PD later refuse naming the node.
 * - `[...]` comments are ignored; whitespace between tokens is ignored; a single-child root is
 *   accepted; a missing final `;` is accepted when the parentheses balance.
 * Errors are ParseErrors naming the line, column and character position.
 */
import { ParseError } from "../core/errors.js";
import { type Tree, treeFromParents } from "../core/phylo/tree.js";
import { decodeText, type TextInput } from "./text.js";

const DELIMITERS = new Set(["(", ")", "[", "]", "'", ":", ";", ","]);

function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

/**
 * Reads a Newick tree (underscores kept, internal labels kept, missing lengths NaN), without
 * recursion.
 * @throws {ParseError} `corrupt_file` / `truncated_file` naming the line, column and position.
 */
export function parseNewick(input: TextInput, source: string): Tree {
  const text = decodeText(input, source);
  const parent: number[] = [];
  const length: number[] = [];
  const names: (string | null)[] = [];
  const newNode = (p: number): number => {
    parent.push(p);
    length.push(Number.NaN);
    names.push(null);
    return parent.length - 1;
  };
  const fail = (
    pos: number,
    message: string,
    hint?: string,
    code: "corrupt_file" | "truncated_file" = "corrupt_file",
  ): never => {
    const before = text.slice(0, pos);
    const line = before.split("\n").length;
    const column = pos - before.lastIndexOf("\n");
    throw ParseError.single({
      code,
      file: source,
      line,
      column,
      message: `Newick: ${message} (character ${pos + 1})`,
      hint: hint ?? "check the tree file is complete Newick, e.g. ((A:1,B:2):0.5,C:3);",
    });
  };

  let cur = newNode(-1);
  let depth = 0;
  let ended = false;
  let hasLength = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (ended) fail(i, "text after the final ';'", "a file must hold exactly one tree");
    if (c === "[") {
      const close = text.indexOf("]", i + 1);
      if (close < 0) fail(i, "comment '[' is never closed", undefined, "truncated_file");
      i = close + 1;
    } else if (c === "(") {
      if (names[cur] !== null || hasLength) fail(i, "'(' after a label or length");
      cur = newNode(cur);
      depth++;
      hasLength = false;
      i++;
    } else if (c === ",") {
      if (depth === 0) fail(i, "',' outside any parentheses");
      cur = newNode(parent[cur]!);
      hasLength = false;
      i++;
    } else if (c === ")") {
      if (depth === 0) fail(i, "unbalanced ')'");
      cur = parent[cur]!;
      depth--;
      hasLength = false;
      i++;
    } else if (c === ":") {
      if (hasLength) fail(i, "a second branch length for one node");
      let j = i + 1;
      while (j < n && isSpace(text[j]!)) j++;
      const start = j;
      while (j < n && !DELIMITERS.has(text[j]!) && !isSpace(text[j]!)) j++;
      const token = text.slice(start, j);
      const value = token === "" ? Number.NaN : Number(token);
      if (!Number.isFinite(value) || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(token)) {
        fail(start, `branch length '${token}' is not a number`);
      }
      length[cur] = value;
      hasLength = true;
      i = j;
    } else if (c === ";") {
      if (depth !== 0) fail(i, `';' with ${depth} unclosed '('`);
      ended = true;
      i++;
    } else if (c === "]") {
      fail(i, "']' without '['");
    } else {
      if (names[cur] !== null || hasLength) fail(i, "a second label for one node (missing ',' or ')'?)");
      let label = "";
      if (c === "'") {
        let j = i + 1;
        for (;;) {
          if (j >= n) fail(i, "quoted label is never closed", undefined, "truncated_file");
          if (text[j] === "'") {
            if (text[j + 1] === "'") {
              label += "'";
              j += 2;
              continue;
            }
            break;
          }
          label += text[j];
          j++;
        }
        i = j + 1;
      } else {
        let j = i;
        while (j < n && !DELIMITERS.has(text[j]!) && !isSpace(text[j]!)) j++;
        label = text.slice(i, j);
        i = j;
      }
      names[cur] = label;
    }
  }
  if (parent.length === 1 && names[0] === null)
    fail(0, "no tree found", "the file is empty", "truncated_file");
  if (depth !== 0) {
    fail(n, `the tree ends with ${depth} unclosed '('`, "the file looks truncated", "truncated_file");
  }
  return treeFromParents(parent, length, names);
}

/** Quotes a label when it would not survive unquoted (delimiters or whitespace). */
function formatLabel(name: string): string {
  for (const ch of name) {
    if (DELIMITERS.has(ch) || isSpace(ch)) return `'${name.replaceAll("'", "''")}'`;
  }
  return name;
}

/**
 * Writes a tree as Newick with the shortest decimal text that round-trips each length; NaN lengths
 * are omitted. An explicit stack walks the tree (no recursion, linear time even for caterpillars).
 */
export function formatNewick(tree: Tree): string {
  const n = tree.parent.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  let root = n - 1;
  for (let i = 0; i < n; i++) {
    if (tree.parent[i] === -1) root = i;
    else children[tree.parent[i]!]!.push(i);
  }
  const out: string[] = [];
  const close = (i: number): void => {
    const name = tree.names[i];
    if (name !== null && name !== undefined) out.push(formatLabel(name));
    const len = tree.length[i]!;
    if (!Number.isNaN(len)) out.push(`:${len}`);
  };
  const stack: [number, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const kids = children[top[0]]!;
    if (kids.length === 0) {
      close(top[0]);
      stack.pop();
    } else if (top[1] < kids.length) {
      out.push(top[1] === 0 ? "(" : ",");
      stack.push([kids[top[1]]!, 0]);
      top[1]++;
    } else {
      out.push(")");
      close(top[0]);
      stack.pop();
    }
  }
  return `${out.join("")};\n`;
}
