/**
 * buildReportModel: StudyResults -> ReportModel. Pure and synchronous; reads the numbers the
 * pipeline computed and never computes statistics itself (only selects, sorts, labels and compares
 * values with the report's thresholds to set badges). Absent analyses become "skipped" sections.
 */
import type { StudyResults } from "../core/study/results.js";
import type { ReportModel } from "./model.js";
import { buildAlphaSection } from "./sections/alpha.js";
import { buildAssociationsSection } from "./sections/associations.js";
import { buildBetaSection } from "./sections/beta.js";
import { buildCohortTable } from "./sections/cohort.js";
import { buildDifferentialAbundanceSection } from "./sections/differential-abundance.js";
import type { BuiltSection } from "./sections/kit.js";
import { buildCaveats, buildMethodsText } from "./sections/methods.js";
import { buildHypothesesSection } from "./sections/hypotheses.js";
import { buildPredictionSection } from "./sections/prediction.js";
import { buildSensitivitySection } from "./sections/sensitivity.js";

const SECTION_BUILDERS: ((results: StudyResults) => BuiltSection)[] = [
  buildHypothesesSection,
  buildAlphaSection,
  buildBetaSection,
  buildDifferentialAbundanceSection,
  buildAssociationsSection,
  buildSensitivitySection,
  buildPredictionSection,
];

/**
 * Builds the report's model (sections, tables, plot specs, wording) from a study's results; computes no
 * statistic.
 */
export function buildReportModel(results: StudyResults): ReportModel {
  const built = SECTION_BUILDERS.map((build) => build(results));
  const { config, ...meta } = results.meta;
  return {
    header: {
      ...meta,
      inputs: meta.inputs.map((i) => ({ ...i })),
      configJson: JSON.stringify(config ?? null, null, 2),
    },
    warnings: [...results.warnings],
    cohort: buildCohortTable(results),
    overview: built.map(({ section, headline }) => ({
      sectionId: section.id,
      title: section.title,
      headline,
      badge: section.badge,
    })),
    sections: built.map((b) => b.section),
    methods: buildMethodsText(results),
    caveats: buildCaveats(results),
    results,
  };
}
