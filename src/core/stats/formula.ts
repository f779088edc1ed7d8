/**
 * R-style model formulas (Wilkinson & Rogers 1973; Chambers & Hastie 1992, ch. 2).
 *
 * Grammar (whitespace-insensitive), operators from loosest to tightest binding:
 *   formula := [response] "~" sum
 *   sum     := cross (("+" | "-") cross)*       a + b, a - b (drop term), - 1 / + 0 (no intercept)
 *   cross   := inter ("*" inter)*               a * b  =  a + b + a:b
 *   inter   := power (":" power)*               a:b    (interaction)
 *   power   := atom ["^" integer]               (a + b + c)^2 = all terms up to order 2
 *   atom    := name | `quoted name` | "(" sum ")" | "0" | "1"
 *
 * Terms are sets of variables: duplicates collapse (a:a = a, a + a = a). As R's
 * `terms.formula(keep.order = FALSE)`, terms are sorted by order (main effects, then two-way
 * interactions, ...), stably by first appearance; the variables inside a label follow the order in
 * which they first appear in the formula (`~ b + a + a:b` gives labels "b", "a", "b:a").
 *
 * Edge cases: `~ 1` is an intercept-only model (no terms); `~ 0` an empty one. `0`/`1` may only
 * appear as whole summands. Function calls (`log(x)`), `/`, `%in%`, `.` and offsets are not
 * supported and raise InputError "bad_formula" naming the offending token.
 *
 * Matches: R 4.x `attr(terms(f), "term.labels")` and `attr(terms(f), "intercept")`.
 * Reference: Wilkinson GN, Rogers CE (1973) Symbolic description of factorial models for analysis
 * of variance. Applied Statistics 22:392–399. doi:10.2307/2346786
 */

import { InputError } from "../errors.js";

/** One term of a formula: its label as R prints it (`a:b`) and its variables. */
export interface FormulaTerm {
  label: string;
  variables: string[];
}

/** A parsed R model formula: optional response, whether it has an intercept, and its terms in R's order. */
export interface Formula {
  response?: string;
  intercept: boolean;
  terms: FormulaTerm[];
}

type TokenKind = "name" | "number" | "op" | "end";
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

/** A parsed sub-expression: a list of terms (each a set of variable indices) and intercept edits. */
interface TermSet {
  terms: number[][];
  /** true: `1` was written; false: `0` was written; undefined: neither. */
  intercept?: boolean;
}

function badFormula(text: string, message: string, token?: Token): InputError {
  const where = token ? ` at position ${token.pos + 1}` : "";
  return InputError.single({
    code: "bad_formula",
    message: `${message}${where} in formula '${text}'`,
    hint: "write formulas as in R, e.g. '~ group + age', '~ group * time', '~ 0 + group'",
  });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if ("~+-*:^()".includes(ch)) {
      tokens.push({ kind: "op", text: ch, pos: i });
      i++;
    } else if (ch === "`") {
      const close = text.indexOf("`", i + 1);
      if (close < 0) throw badFormula(text, "unterminated `quoted name`", { kind: "op", text: ch, pos: i });
      tokens.push({ kind: "name", text: text.slice(i + 1, close), pos: i });
      i = close + 1;
    } else if (/[0-9]/.test(ch)) {
      const m = /^[0-9]+/.exec(text.slice(i))![0];
      tokens.push({ kind: "number", text: m, pos: i });
      i += m.length;
    } else if (/[A-Za-z._]/.test(ch)) {
      const m = /^[A-Za-z0-9._]+/.exec(text.slice(i))![0];
      tokens.push({ kind: "name", text: m, pos: i });
      i += m.length;
    } else {
      throw badFormula(text, `unexpected character '${ch}'`, { kind: "op", text: ch, pos: i });
    }
  }
  tokens.push({ kind: "end", text: "end of formula", pos: text.length });
  return tokens;
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, k) => v === b[k]);
}

function addTerm(terms: number[][], term: number[]): void {
  if (!terms.some((t) => sameSet(t, term))) terms.push(term);
}

/** Interaction of two term lists: every union a ∪ b, deduplicated, in R's order. */
function interact(a: TermSet, b: TermSet): TermSet {
  const out: number[][] = [];
  for (const ta of a.terms) {
    for (const tb of b.terms)
      addTerm(
        out,
        [...new Set([...ta, ...tb])].sort((x, y) => x - y),
      );
  }
  return { terms: out };
}

function union(a: TermSet, b: TermSet): TermSet {
  const terms = a.terms.map((t) => [...t]);
  for (const t of b.terms) addTerm(terms, t);
  return { terms };
}

class Parser {
  private pos = 0;
  readonly variables: string[] = [];
  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  peek(): Token {
    return this.tokens[this.pos]!;
  }
  next(): Token {
    return this.tokens[this.pos++]!;
  }
  private isOp(op: string): boolean {
    const t = this.peek();
    return t.kind === "op" && t.text === op;
  }
  fail(message: string, token: Token = this.peek()): InputError {
    return badFormula(this.text, message, token);
  }
  expect(op: string): void {
    const t = this.next();
    if (t.kind !== "op" || t.text !== op) throw this.fail(`expected '${op}' but found '${t.text}'`, t);
  }

  sum(): TermSet {
    let acc: TermSet = { terms: [] };
    let sign = 1;
    if (this.isOp("-")) {
      this.next();
      sign = -1;
    } else if (this.isOp("+")) {
      this.next();
    }
    for (;;) {
      const operand = this.summand();
      acc = sign > 0 ? this.plus(acc, operand) : this.minus(acc, operand);
      if (this.isOp("+")) sign = 1;
      else if (this.isOp("-")) sign = -1;
      else return acc;
      this.next();
    }
  }

  private plus(acc: TermSet, operand: TermSet): TermSet {
    const out = union(acc, operand);
    out.intercept = operand.intercept ?? acc.intercept;
    return out;
  }

  private minus(acc: TermSet, operand: TermSet): TermSet {
    const terms = acc.terms.filter((t) => !operand.terms.some((o) => sameSet(o, t)));
    const out: TermSet = { terms, intercept: acc.intercept };
    if (operand.intercept === true) out.intercept = false;
    else if (operand.intercept === false) out.intercept = true;
    return out;
  }

  /** A summand: a crossing of interactions, or a bare 0/1. */
  private summand(): TermSet {
    const t = this.peek();
    if (t.kind === "number") {
      this.next();
      if (t.text !== "0" && t.text !== "1") throw this.fail(`unexpected number '${t.text}'`, t);
      return { terms: [], intercept: t.text === "1" };
    }
    let acc = this.inter();
    while (this.isOp("*")) {
      this.next();
      const rhs = this.inter();
      acc = union(union(acc, rhs), interact(acc, rhs));
    }
    return acc;
  }

  private inter(): TermSet {
    let acc = this.power();
    while (this.isOp(":")) {
      this.next();
      acc = interact(acc, this.power());
    }
    return acc;
  }

  private power(): TermSet {
    const base = this.atom();
    if (!this.isOp("^")) return base;
    this.next();
    const t = this.next();
    const k = Number(t.text);
    if (t.kind !== "number" || k < 1)
      throw this.fail(`expected a positive integer after '^' but found '${t.text}'`, t);
    let acc = base;
    for (let i = 1; i < k; i++) acc = union(acc, interact(acc, base));
    return acc;
  }

  private atom(): TermSet {
    const t = this.next();
    if (t.kind === "name") {
      if (this.isOp("(")) throw this.fail(`function calls such as '${t.text}(...)' are not supported`, t);
      if (t.text === ".") throw this.fail("'.' (all other columns) is not supported", t);
      let idx = this.variables.indexOf(t.text);
      if (idx < 0) idx = this.variables.push(t.text) - 1;
      return { terms: [[idx]] };
    }
    if (t.kind === "op" && t.text === "(") {
      const inner = this.sum();
      if (inner.intercept !== undefined) throw this.fail("'0' or '1' inside parentheses is not supported", t);
      this.expect(")");
      return inner;
    }
    if (t.kind === "number") throw this.fail(`'${t.text}' can only be a whole summand (as in '~ 0 + a')`, t);
    throw this.fail(`unexpected '${t.text}'`, t);
  }
}

/**
 * Parses an R model formula; see the file header for the grammar and term ordering.
 * @throws {InputError} `bad_formula` naming the offending token and its position.
 */
export function parseFormula(text: string): Formula {
  const tokens = tokenize(text);
  const parser = new Parser(text, tokens);
  let response: string | undefined;
  const first = parser.peek();
  if (first.kind === "name" && tokens[1]?.kind === "op" && tokens[1].text === "~") {
    response = first.text;
    parser.variables.push(first.text);
    parser.next();
  }
  const tilde = parser.peek();
  if (tilde.kind !== "op" || tilde.text !== "~")
    throw parser.fail(`expected '~' but found '${tilde.text}'`, tilde);
  parser.next();
  if (parser.peek().kind === "end") throw parser.fail("empty right-hand side");
  const set = parser.sum();
  const end = parser.peek();
  if (end.kind !== "end") throw parser.fail(`unexpected '${end.text}'`, end);
  const responseIdx = response === undefined ? -1 : 0;
  if (set.terms.some((t) => t.includes(responseIdx))) {
    throw badFormula(text, `the response '${response}' also appears on the right-hand side`);
  }
  const ordered = set.terms
    .map((vars, order) => ({ vars, order }))
    .sort((a, b) => a.vars.length - b.vars.length || a.order - b.order);
  const terms = ordered.map(({ vars }) => {
    const variables = vars.map((v) => parser.variables[v]!);
    return { label: variables.join(":"), variables };
  });
  const formula: Formula = { intercept: set.intercept ?? true, terms };
  if (response !== undefined) formula.response = response;
  return formula;
}
