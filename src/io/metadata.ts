/**
 * QIIME 2 metadata TSV (https://docs.qiime2.org/2024.10/tutorials/metadata/) to and from
 * SampleMetadata.
 *
 * - Blank lines and comment lines (starting with `#`, other than the header and `#q2:` directives)
 *   are skipped. The header is the first other line; its first cell must be one of the ID headers
 *   QIIME 2 accepts: id, sampleid, sample id, sample-id, sample_id, featureid, feature id,
 *   feature-id, feature_id (any case), or #SampleID, #Sample ID, #OTUID, #OTU ID, sample_name.
 * - A `#q2:types` line right after the header declares `categorical` / `numeric` per column;
 *   undeclared columns are numeric when every non-empty cell is a number, else categorical.
 * - Cells are trimmed; empty cells are missing (NaN / null). Rows shorter than the header are padded
 *   with missing cells; longer rows are an error unless the extra cells are empty.
 * - Duplicate sample IDs or column names, empty IDs and non-numbers in a numeric column are errors
 *   naming the line (all collected before throwing). CRLF line ends and a UTF-8 BOM are accepted.
 */
import { IssueCollector, ParseError } from "../core/errors.js";
import { duplicateIds } from "../core/ids.js";
import { categorical, type MetadataColumn, numeric, type SampleMetadata } from "../core/table/metadata.js";
import { decodeText, noHeaderError, parseNumber, splitCells, splitLines, type TextInput } from "./text.js";
import { formatCell } from "../core/table/tsv.js";

const ID_HEADERS_ANY_CASE = new Set([
  "id",
  "sampleid",
  "sample id",
  "sample-id",
  "sample_id",
  "featureid",
  "feature id",
  "feature-id",
  "feature_id",
]);
const ID_HEADERS_EXACT = new Set(["#SampleID", "#Sample ID", "#OTUID", "#OTU ID", "sample_name"]);

/** True when `cell` is one of the ID-column headers QIIME 2 accepts (`sample-id`, `#SampleID`, `id`, …). */
export function isIdHeader(cell: string): boolean {
  return ID_HEADERS_EXACT.has(cell) || ID_HEADERS_ANY_CASE.has(cell.toLowerCase());
}

/**
 * Reads QIIME 2 metadata TSV, typing columns from `#q2:types` or their values; every problem is
 * collected with its line before throwing.
 * @throws {InputError} `bad_header`, `duplicate_id`, `ragged_row`, `non_numeric`; a {@link ParseError}
 *   when the file cannot be read at all (`corrupt_file`: not UTF-8).
 */
export function parseMetadata(input: TextInput, source: string): SampleMetadata {
  const lines = splitLines(decodeText(input, source));
  let h = 0;
  for (; h < lines.length; h++) {
    const line = lines[h]!;
    if (line.trim() === "") continue;
    if (line.startsWith("#") && !isIdHeader(splitCells(line)[0]!.trim())) continue;
    break;
  }
  if (h >= lines.length) {
    throw noHeaderError(source, "bad_header", "a first line such as 'sample-id<TAB>column1<TAB>column2'");
  }
  const header = splitCells(lines[h]!).map((c) => c.trim());
  if (!isIdHeader(header[0]!)) {
    throw ParseError.single({
      code: "bad_header",
      file: source,
      line: h + 1,
      column: 1,
      message: `the first header cell '${header[0]}' is not a sample ID header`,
      hint: "name the first column 'sample-id' (or id, sampleid, #SampleID, feature-id)",
    });
  }
  const issues = new IssueCollector();
  const names = header.slice(1);
  for (const dup of duplicateIds(names)) {
    issues.add({
      code: "duplicate_id",
      file: source,
      line: h + 1,
      column: dup,
      message: `column name '${dup}' appears more than once`,
      hint: "give every column a unique name",
    });
  }
  names.forEach((name, j) => {
    if (name === "") {
      issues.add({
        code: "bad_header",
        file: source,
        line: h + 1,
        column: j + 2,
        message: "empty column name",
      });
    }
  });
  const declared: (string | undefined)[] = names.map(() => undefined);
  const ids: string[] = [];
  const idLine: number[] = [];
  const cells: string[][] = names.map(() => []);
  for (let i = h + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const row = splitCells(line).map((c) => c.trim());
    if (row[0] === "#q2:types") {
      row.slice(1).forEach((t, j) => {
        if (j >= names.length) return;
        const kind = t.toLowerCase();
        if (kind !== "categorical" && kind !== "numeric" && kind !== "") {
          issues.add({
            code: "bad_header",
            file: source,
            line: i + 1,
            column: names[j]!,
            message: `unknown type '${t}' in #q2:types`,
            hint: "use 'categorical' or 'numeric'",
          });
        }
        declared[j] = kind === "" ? undefined : kind;
      });
      continue;
    }
    if (row[0]!.startsWith("#")) continue;
    if (row.length > header.length && row.slice(header.length).some((c) => c !== "")) {
      issues.add({
        code: "ragged_row",
        file: source,
        line: i + 1,
        sampleId: row[0]!,
        message: `has ${row.length} cells, the header has ${header.length}`,
        hint: "check for stray tabs in the row",
      });
      continue;
    }
    if (row[0] === "") {
      issues.add({
        code: "bad_header",
        file: source,
        line: i + 1,
        message: "empty sample ID",
        hint: "every row needs an ID",
      });
      continue;
    }
    ids.push(row[0]!);
    idLine.push(i + 1);
    for (let j = 0; j < names.length; j++) cells[j]!.push(row[j + 1] ?? "");
  }
  const seen = new Map<string, number>();
  ids.forEach((id, r) => {
    const first = seen.get(id);
    if (first !== undefined) {
      issues.add({
        code: "duplicate_id",
        file: source,
        line: idLine[r]!,
        sampleId: id,
        message: `sample ID repeats line ${first}`,
        hint: "each sample must appear once",
      });
    } else seen.set(id, idLine[r]!);
  });
  const columns: MetadataColumn[] = names.map((name, j) => {
    const raw = cells[j]!;
    const parsed = raw.map((c) => (c === "" ? Number.NaN : parseNumber(c)));
    const allNumeric = parsed.every((v) => v !== undefined);
    const kind = declared[j] ?? (allNumeric && raw.some((c) => c !== "") ? "numeric" : "categorical");
    if (kind === "numeric") {
      parsed.forEach((v, r) => {
        if (v === undefined || (raw[r] !== "" && !Number.isFinite(v))) {
          issues.add({
            code: "non_numeric",
            file: source,
            line: idLine[r]!,
            column: name,
            sampleId: ids[r]!,
            message: `'${raw[r]}' is not a number in numeric column '${name}'`,
            hint: "leave missing values empty, or declare the column categorical in #q2:types",
          });
        }
      });
      return numeric(
        name,
        parsed.map((v) => v ?? Number.NaN),
      );
    }
    return categorical(
      name,
      raw.map((c) => (c === "" ? null : c)),
    );
  });
  issues.throwIfAny();
  return { idHeader: header[0]!, ids, columns };
}

/** Writes QIIME 2 metadata TSV with a `#q2:types` row; numbers with full precision. */
export function formatMetadata(md: SampleMetadata): string {
  const lines = [[md.idHeader, ...md.columns.map((c) => c.name)].map(formatCell).join("\t")];
  lines.push(["#q2:types", ...md.columns.map((c) => c.kind)].join("\t"));
  md.ids.forEach((id, r) => {
    const row = md.columns.map((c) => {
      if (c.kind === "numeric") return Number.isNaN(c.values[r]!) ? "" : String(c.values[r]);
      const v = c.values[r];
      return v === null || v === undefined ? "" : formatCell(v);
    });
    lines.push([formatCell(id), ...row].join("\t"));
  });
  return `${lines.join("\n")}\n`;
}
