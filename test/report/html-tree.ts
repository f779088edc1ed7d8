/** parse5 helpers for the report tests: strict parse (collecting parse errors), element walk, text. */
import { type DefaultTreeAdapterMap, type ParserError, parse } from "parse5";

type Node = DefaultTreeAdapterMap["node"];
export type Element = DefaultTreeAdapterMap["element"];
export type Document = DefaultTreeAdapterMap["document"];

export function parseStrict(html: string): { document: Document; errors: ParserError[] } {
  const errors: ParserError[] = [];
  const document = parse(html, { onParseError: (err) => errors.push(err) });
  return { document, errors };
}

function childrenOf(node: Node): Node[] {
  const own = "childNodes" in node ? node.childNodes : [];
  const template = "content" in node && node.content ? node.content.childNodes : [];
  return [...own, ...template];
}

export function elements(root: Node): Element[] {
  const out: Element[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ("tagName" in node) out.push(node);
    stack.push(...childrenOf(node).reverse());
  }
  return out;
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

export function textContent(node: Node): string {
  if (node.nodeName === "#text" && "value" in node) return node.value;
  return childrenOf(node).map(textContent).join("");
}

export function byId(root: Node, id: string): Element | undefined {
  return elements(root).find((el) => attr(el, "id") === id);
}

/** Decodes a base64 `data:` URL produced by the report. */
export function decodeDataUrl(url: string): { mime: string; text: string } {
  const m = /^data:([^;,]+);charset=utf-8;base64,(.*)$/s.exec(url);
  if (!m) throw new Error(`not a base64 data URL: ${url.slice(0, 60)}`);
  return { mime: m[1]!, text: Buffer.from(m[2]!, "base64").toString("utf8") };
}
