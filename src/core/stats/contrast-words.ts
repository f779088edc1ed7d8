/**
 * Contrasts in words, for people (report, CLI summaries, methods text). The machine names stay as
 * R writes them (`kratom_useuser`); the design names each column's contrast ("user vs non_user",
 * "per unit of age"; design-matrix.ts) and these helpers turn it into phrases:
 * - `termLabel("kratom_use", "user vs non_user")` = "kratom_use: user vs non_user"; a numeric term
 *   keeps its name ("age");
 * - `relativeTo("user vs non_user")` = "in user relative to non_user"; "per unit of age" as is.
 */

const VS = " vs ";

/** "variable: level vs reference", or the variable alone for a numeric term. */
export function termLabel(variable: string, contrast: string): string {
  return contrast.includes(VS) ? `${variable}: ${contrast}` : variable;
}

/** "in level relative to reference" for a treatment contrast; other contrasts unchanged. */
export function relativeTo(contrast: string): string {
  const at = contrast.indexOf(VS);
  if (at < 0) return contrast;
  return `in ${contrast.slice(0, at)} relative to ${contrast.slice(at + VS.length)}`;
}
