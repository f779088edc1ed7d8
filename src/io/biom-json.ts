/**
 * BIOM 1.0 (JSON) tables, as biom-format 2.1 writes them (`biom convert --to-json`), spec:
 * http://biom-format.org/documentation/format_versions/biom-1.0.html
 *
 * - `shape` is [features, samples]; `rows` are features, `columns` samples.
 * - `matrix_type` `sparse`: `data` is a list of `[row, column, value]`; `dense`: a list of rows.
 * - Observation metadata `taxonomy` (list of rank strings or one string) becomes a Taxonomy.
 * Values must be finite and non-negative; every problem names the feature and sample.
 */
import { type Issue, IssueCollector, ParseError } from "../core/errors.js";
import { type FeatureTable, fromDense } from "../core/table/feature-table.js";
import type { Taxonomy } from "../core/table/taxonomy.js";
import { formatLineage, lineageMap } from "../core/table/taxonomy.js";
import { checkLimit, MAX_DENSE_CELLS } from "./limits.js";
import { lineageText, type TableRead, taxonomyFromTexts } from "./table-result.js";
import { decodeText, type TextInput, abundanceIssue } from "./text.js";
import { tableFromTriplets } from "./triplets.js";

interface BiomEntry {
  id: string;
  metadata?: Record<string, unknown> | null;
}

function corrupt(
  source: string,
  message: string,
  hint = "re-export the table with `biom convert --to-json`",
): ParseError {
  return ParseError.single({ code: "corrupt_file", file: source, message: `BIOM JSON: ${message}`, hint });
}

function entries(value: unknown, key: string, expected: number, source: string): BiomEntry[] {
  if (!Array.isArray(value)) throw corrupt(source, `'${key}' is missing or not a list`);
  if (value.length !== expected) {
    throw corrupt(source, `'${key}' has ${value.length} entries but 'shape' declares ${expected}`);
  }
  return value.map((e, i) => {
    const id = (e as BiomEntry | null)?.id;
    if (typeof id !== "string") throw corrupt(source, `${key}[${i}] has no string 'id'`);
    return e as BiomEntry;
  });
}

/**
 * Reads a BIOM 1.0 (JSON) table, sparse or dense, with its observation taxonomy, if any.
 * @throws {ParseError} `corrupt_file` / `truncated_file` (not JSON, or not BIOM).
 * @throws {InputError} `too_large` (dense above the cell limit), and bad values (`non_numeric`,
 *   `non_finite`, `negative_value`) naming feature and sample.
 */
export function parseBiomJson(input: TextInput, source: string): TableRead {
  const text = decodeText(input, source);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw ParseError.single({
      code: text.trim().endsWith("}") ? "corrupt_file" : "truncated_file",
      file: source,
      message: `not valid JSON (${(e as Error).message})`,
      hint: "the file may be truncated or damaged; re-export it",
    });
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc))
    throw corrupt(source, "not a JSON object");
  const shape = doc.shape;
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((x) => Number.isInteger(x) && x >= 0)) {
    throw corrupt(source, "'shape' must be [features, samples]");
  }
  const [nF, nS] = shape as [number, number];
  if (doc.matrix_type === "dense") {
    checkLimit(nF * nS, MAX_DENSE_CELLS, "declared dense matrix size (features x samples)", source);
  }
  const rows = entries(doc.rows, "rows", nF, source);
  const cols = entries(doc.columns, "columns", nS, source);
  const featureIds = rows.map((r) => r.id);
  const sampleIds = cols.map((c) => c.id);
  const data = doc.data;
  if (!Array.isArray(data)) throw corrupt(source, "'data' is missing or not a list");
  const issues = new IssueCollector();
  const cell = (f: number, s: number, v: unknown): Issue | undefined =>
    abundanceIssue(typeof v === "number" ? v : undefined, JSON.stringify(v), {
      file: source,
      featureId: featureIds[f]!,
      sampleId: sampleIds[s]!,
    });
  let table: FeatureTable;
  const matrixType = doc.matrix_type;
  if (matrixType === "sparse") {
    const feature = new Int32Array(data.length);
    const sample = new Int32Array(data.length);
    const value = new Float64Array(data.length);
    data.forEach((d, k) => {
      if (!Array.isArray(d) || d.length !== 3)
        throw corrupt(source, `data[${k}] is not [row, column, value]`);
      const [f, s, v] = d as [unknown, unknown, unknown];
      if (
        !Number.isInteger(f) ||
        !Number.isInteger(s) ||
        (f as number) < 0 ||
        (s as number) < 0 ||
        (f as number) >= nF ||
        (s as number) >= nS
      ) {
        throw corrupt(source, `data[${k}] = ${JSON.stringify(d)} is outside shape [${nF}, ${nS}]`);
      }
      if (!(typeof v === "number" && v >= 0 && v < Number.POSITIVE_INFINITY)) {
        const issue = cell(f as number, s as number, v);
        if (issue) issues.add(issue);
      }
      feature[k] = f as number;
      sample[k] = s as number;
      value[k] = v as number;
    });
    issues.throwIfAny();
    table = tableFromTriplets(sampleIds, featureIds, { feature, sample, value, count: data.length }, source);
  } else if (matrixType === "dense") {
    if (data.length !== nF)
      throw corrupt(source, `dense 'data' has ${data.length} rows, 'shape' declares ${nF}`);
    const dense = new Float64Array(nF * nS);
    data.forEach((row, f) => {
      if (!Array.isArray(row) || row.length !== nS) {
        throw corrupt(source, `dense row ${f} ('${featureIds[f]}') does not have ${nS} values`);
      }
      row.forEach((v, s) => {
        if (!(typeof v === "number" && v >= 0 && v < Number.POSITIVE_INFINITY)) {
          const issue = cell(f, s, v);
          if (issue) issues.add(issue);
        }
        dense[s * nF + f] = v as number;
      });
    });
    issues.throwIfAny();
    table = fromDense(sampleIds, featureIds, dense);
  } else {
    throw corrupt(source, `'matrix_type' must be 'sparse' or 'dense', got ${JSON.stringify(matrixType)}`);
  }
  const taxonomy = taxonomyFromTexts(
    featureIds,
    rows.map((r) => lineageText(r.metadata?.taxonomy)),
  );
  return taxonomy ? { table, taxonomy, format: "biom-json" } : { table, format: "biom-json" };
}

/**
 * Writes BIOM 1.0 JSON (sparse, float) in feature-major order as biom-format does; taxonomy as a
 * list of rank strings. `generatedBy` names the producer.
 */
export function writeBiomJson(
  table: FeatureTable,
  options: { taxonomy?: Taxonomy; id?: string; generatedBy?: string; date?: string } = {},
): string {
  const lineageOf = lineageMap(options.taxonomy);
  const rows = table.featureIds.map((id) => {
    const lineage = lineageOf.get(id);
    return { id, metadata: lineage ? { taxonomy: formatLineage(lineage).split("; ") } : null };
  });
  const columns = table.sampleIds.map((id) => ({ id, metadata: null }));
  const data: string[] = [];
  for (let s = 0; s < table.sampleIds.length; s++) {
    for (let k = table.colPtr[s]!; k < table.colPtr[s + 1]!; k++) {
      data.push(`[${table.featureIndex[k]},${s},${jsonNumber(table.values[k]!)}]`);
    }
  }
  const head = {
    id: options.id ?? null,
    format: "Biological Observation Matrix 1.0.0",
    format_url: "http://biom-format.org",
    matrix_type: "sparse",
    generated_by: options.generatedBy ?? "gutresponse",
    date: options.date ?? new Date().toISOString(),
    type: "OTU table",
    matrix_element_type: "float",
    shape: [table.featureIds.length, table.sampleIds.length],
    rows,
    columns,
  };
  const json = JSON.stringify(head);
  return `${json.slice(0, -1)},"data":[${data.join(",")}]}`;
}

/** Floats keep a decimal point (`12.0`) so biom-format reads a float matrix. */
function jsonNumber(v: number): string {
  return Number.isInteger(v) && Math.abs(v) < 1e21 ? `${v}.0` : String(v);
}
