/** The cohort half of the general summary: one row per property of the analysed data set. */
import type { StudyResults } from "../../core/study/results.js";
import { formatSignificant, formatPercent } from "../format.js";
import type { ReportTable } from "../model.js";
import { table } from "./kit.js";

export function buildCohortTable(results: StudyResults): ReportTable {
  const s = results.summary;
  const d = s.depth;
  const rows: [string, string][] = [
    ["Samples", String(s.nSamples)],
    ["Features", String(s.nFeatures)],
    ["Exposure", s.exposure],
    ...s.groups.map((g): [string, string] => [`${s.exposure} = ${g.group}`, `${g.n} samples`]),
    ["Analysis level", s.level],
    [
      "Sequencing depth (min / q25 / median / q75 / max)",
      [d.min, d.q25, d.median, d.q75, d.max].map((x) => formatSignificant(x)).join(" / "),
    ],
    ["Sparsity (zero cells)", formatPercent(s.sparsity)],
    ["Rarefied depth", s.rarefiedDepth === null ? "not rarefied" : String(s.rarefiedDepth)],
  ];
  return table(
    "cohort",
    "Cohort",
    [
      ["property", "Property", "text"],
      ["value", "Value", "text"],
    ],
    rows.map(([property, value]) => ({ property, value })),
  );
}
