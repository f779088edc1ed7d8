/**
 * Checks of a repeated-measures design (design.subject, design.time) against the data: the subject
 * column gives every analysed sample a label, and at least one subject has two or more samples (a
 * "repeated-measures" design where every subject has one sample is a cross-sectional design with a
 * mislabelled column, often the sample ID itself); the time column exists, is neither the
 * exposure nor a covariate, and does not split the samples exactly as the exposure does. Returns issues naming the column and what to do.
 */
import { type Issue, listIds } from "../errors.js";
import type { SampleMetadata } from "../table/metadata.js";
import { getColumn } from "../table/metadata.js";
import { samplesPerSubject, subjectLabels } from "../table/subject-labels.js";
import { hypothesisMethod } from "./config-hypotheses.js";
import type { StudyConfig } from "./config.js";

export function repeatedMeasuresIssues(
  config: StudyConfig,
  md: SampleMetadata,
  sampleIds: readonly string[],
  file: string,
): Issue[] {
  const issues: Issue[] = [];
  const { subject, time, exposure, covariates } = config.design;
  if (time !== null) {
    if (!subject) {
      issues.push({
        code: "bad_config",
        file,
        key: "design.time",
        message: `design.time '${time}' is set without design.subject`,
        hint: "name the participant-ID column in design.subject, or list the time column as a covariate",
      });
    }
    if (time === exposure || covariates.includes(time)) {
      issues.push({
        code: "bad_config",
        file,
        key: "design.time",
        message: `time column '${time}' is also the exposure or a covariate`,
        hint: "in a before/after design where the exposure is the visit, leave design.time out",
      });
    }
    const timeColumn = getColumn(md, time);
    const exposureColumn = getColumn(md, exposure);
    if (timeColumn && exposureColumn && time !== exposure && sameSplit(md, time, exposure)) {
      issues.push({
        code: "bad_config",
        file,
        key: "design.time",
        column: time,
        message: `time column '${time}' splits the samples exactly as the exposure '${exposure}' does, so their effects cannot be told apart`,
        hint: "in a before/after design where the exposure is the visit, leave design.time out",
      });
    }
    if (!timeColumn) {
      issues.push({
        code: "missing_column",
        file,
        key: "design.time",
        message: `no column '${time}' in the metadata`,
        hint: `available columns: ${md.columns.map((c) => c.name).join(", ")}`,
      });
    }
  }
  if (subject && !config.analysis.da_methods.some((m) => m === "linda" || m === "maaslin")) {
    issues.push({
      code: "bad_config",
      file,
      key: "analysis.da_methods",
      message: `none of ${config.analysis.da_methods.join(", ")} models repeated samples per '${subject}'`,
      hint: "add linda or maaslin (they fit a random intercept per subject), or remove design.subject",
    });
  }
  const testedBy = hypothesisMethod(config.analysis);
  if (subject && config.hypotheses.length > 0 && testedBy !== "linda" && testedBy !== "maaslin") {
    issues.push({
      code: "bad_config",
      file,
      key: "analysis.hypothesis_method",
      message: `hypotheses would be tested by ${testedBy}, which does not model repeated samples per '${subject}' and is not run`,
      hint: "set analysis.hypothesis_method to linda or maaslin",
    });
  }
  if (!subject || !getColumn(md, subject)) return issues;
  const ids = sampleIds.filter((id) => md.ids.includes(id));
  const labels = subjectLabels(md, subject, ids);
  const missing = ids.filter((_, i) => labels[i] === null);
  if (missing.length > 0) {
    issues.push({
      code: "bad_value",
      file,
      key: "design.subject",
      column: subject,
      message: `subject column '${subject}' is empty for ${missing.length} sample(s): ${listIds(missing)}`,
      hint: "give every sample its participant ID",
    });
  }
  const counts = samplesPerSubject(labels);
  const repeated = [...counts.values()].filter((n) => n >= 2).length;
  if (counts.size > 0 && repeated === 0) {
    issues.push({
      code: "bad_config",
      file,
      key: "design.subject",
      column: subject,
      message: `every subject in '${subject}' has one sample (${counts.size} subjects, ${counts.size} samples): nothing is repeated, so a repeated-measures design cannot be fitted`,
      hint: `check that '${subject}' holds participant IDs (not sample IDs); for a cross-sectional study remove design.subject`,
    });
  }
  return issues;
}

/** Whether two columns define the same partition of the samples where both are present. */
function sameSplit(md: SampleMetadata, a: string, b: string): boolean {
  const x = subjectLabels(md, a, md.ids);
  const y = subjectLabels(md, b, md.ids);
  const ab = new Map<string, string>();
  const ba = new Map<string, string>();
  for (let i = 0; i < x.length; i++) {
    const u = x[i];
    const v = y[i];
    if (u === null || v === null || u === undefined || v === undefined) continue;
    if ((ab.get(u) ?? v) !== v || (ba.get(v) ?? u) !== u) return false;
    ab.set(u, v);
    ba.set(v, u);
  }
  return ab.size > 0;
}
