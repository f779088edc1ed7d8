// Tiny QIIME 2 metadata TSV reader for tests only, until src/io/metadata.ts lands on main.
import { readFileSync } from "node:fs";
import {
  categorical,
  type MetadataColumn,
  numeric,
  type SampleMetadata,
} from "../../src/core/table/metadata.js";

export function readMetadataFixture(path: string): SampleMetadata {
  const lines = readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .map((l) => l.split("\t"));
  const header = lines[0]!;
  const types = lines[1]![0] === "#q2:types" ? lines[1]! : undefined;
  const body = lines.slice(types ? 2 : 1);
  const columns: MetadataColumn[] = header.slice(1).map((name, j) => {
    const cells = body.map((r) => r[j + 1] ?? "");
    return types?.[j + 1] === "numeric"
      ? numeric(
          name,
          cells.map((c) => (c === "" ? Number.NaN : Number(c))),
        )
      : categorical(
          name,
          cells.map((c) => (c === "" ? null : c)),
        );
  });
  return { idHeader: header[0]!, ids: body.map((r) => r[0]!), columns };
}
