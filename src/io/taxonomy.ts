/**
 * QIIME 2 taxonomy TSV (`FeatureData[Taxonomy]` exported): `Feature ID<TAB>Taxon[<TAB>Confidence]`
 * with a header line (`Feature ID`, `#OTU ID`, `feature-id`, ...); a file without a header (first
 * cell not an ID header) is read from its first line. Lineages are parsed by `parseLineage`
 * (Greengenes `k__`, SILVA `d__`, plain or MetaPhlAn `|` styles). Duplicate feature IDs are an
 * error; a confidence that is not a number is reported with its line.
 */
import { IssueCollector, ParseError } from "../core/errors.js";
import { formatLineage, parseLineage, type Taxonomy } from "../core/table/taxonomy.js";
import { isIdHeader } from "./metadata.js";
import { decodeText, parseNumber, splitCells, splitLines, type TextInput } from "./text.js";

/**
 * Reads QIIME 2 taxonomy TSV (`Feature ID<TAB>Taxon[<TAB>Confidence]`, header optional); lineages in
 * Greengenes, SILVA, plain or MetaPhlAn style.
 * @throws {InputError} `ragged_row`, `duplicate_id`, `non_numeric` (confidence), `empty_table` (a
 *   {@link ParseError}).
 */
export function parseTaxonomy(input: TextInput, source: string): Taxonomy {
  const lines = splitLines(decodeText(input, source));
  const issues = new IssueCollector();
  const featureIds: string[] = [];
  const lineages: string[][] = [];
  const confidence: number[] = [];
  let hasConfidence = false;
  const firstLine = new Map<string, number>();
  // features share lineages (GlobalPatterns: 19,216 features, 2,308 lineage texts): each text is
  // parsed once, and every feature gets its own copy
  const parsed = new Map<string, string[]>();
  const lineageOf = (text: string): string[] => {
    const known = parsed.get(text);
    if (known) return known;
    const lineage = parseLineage(text);
    parsed.set(text, lineage);
    return lineage;
  };
  let start = 0;
  while (start < lines.length && lines[start]!.trim() === "") start++;
  if (start < lines.length && isIdHeader(splitCells(lines[start]!)[0]!.trim())) {
    const header = splitCells(lines[start]!).map((c) => c.trim().toLowerCase());
    hasConfidence = header[2] === "confidence";
    start++;
  }
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "" || line.startsWith("#")) continue;
    const cells = splitCells(line);
    const id = cells[0]!.trim();
    if (cells.length < 2) {
      issues.add({
        code: "ragged_row",
        file: source,
        line: i + 1,
        featureId: id,
        message: "has no Taxon cell",
        hint: "each line is 'feature ID<TAB>lineage' (tab separated)",
      });
      continue;
    }
    const seen = firstLine.get(id);
    if (seen !== undefined) {
      issues.add({
        code: "duplicate_id",
        file: source,
        line: i + 1,
        featureId: id,
        message: `feature ID repeats line ${seen}`,
        hint: "each feature must appear once",
      });
      continue;
    }
    firstLine.set(id, i + 1);
    featureIds.push(id);
    lineages.push(lineageOf(cells[1]!).slice());
    const confText = hasConfidence ? (cells[2] ?? "").trim() : "";
    const conf = confText === "" ? Number.NaN : parseNumber(confText);
    if (conf === undefined) {
      issues.add({
        code: "non_numeric",
        file: source,
        line: i + 1,
        column: "Confidence",
        featureId: id,
        message: `confidence '${confText}' is not a number`,
      });
    }
    confidence.push(conf ?? Number.NaN);
  }
  issues.throwIfAny();
  if (featureIds.length === 0) {
    throw ParseError.single({
      code: "empty_table",
      file: source,
      message: "no taxonomy lines found",
      hint: "expected 'Feature ID<TAB>Taxon' followed by one line per feature",
    });
  }
  return hasConfidence
    ? { featureIds, lineages, confidence: Float64Array.from(confidence) }
    : { featureIds, lineages };
}

/** Writes QIIME 2 taxonomy TSV (`Feature ID<TAB>Taxon[<TAB>Confidence]`). */
export function formatTaxonomy(taxonomy: Taxonomy): string {
  const conf = taxonomy.confidence;
  const lines = [conf ? "Feature ID\tTaxon\tConfidence" : "Feature ID\tTaxon"];
  taxonomy.featureIds.forEach((id, i) => {
    const taxon = formatLineage(taxonomy.lineages[i]!);
    lines.push(conf ? `${id}\t${taxon}\t${Number.isNaN(conf[i]!) ? "" : conf[i]}` : `${id}\t${taxon}`);
  });
  return `${lines.join("\n")}\n`;
}
