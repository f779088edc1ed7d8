/**
 * The opening of every gutresponse HTML page (study report, personal profile): doctype, charset,
 * a Content-Security-Policy that forbids scripts and every network fetch (defence in depth: the
 * pages load nothing), no referrer, the generator, the escaped title and the inlined stylesheet.
 */
import { escapeHtml as e } from "./escape.js";
import { REPORT_CSS } from "./styles.js";

export const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; base-uri 'none'; form-action 'none'";

export function htmlHead(title: string, version: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${e(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="gutresponse ${e(version)}">
<title>${e(title)}</title>
<style>${REPORT_CSS}</style>
</head>`;
}
