/**
 * The model file written by `gutresponse model train` and read by `gutresponse predict`: a
 * FittedModel (train-model.ts) plus what prediction on a new table needs: the rank the features
 * are taxa at (`featureLevel`: a taxonomic rank, or "feature" when the features are ASVs/OTUs as
 * given), the training cohort's alpha-diversity quantiles (cohort-alpha.ts) and the study name.
 * `parseSavedModel` checks the shape before use, so a wrong or truncated file fails with a clear
 * InputError instead of a crash deep inside predictOne.
 */
import { InputError } from "../errors.js";
import type { FittedModel } from "../models/train-model.js";
import type { CohortAlpha } from "./cohort-alpha.js";

/** The `kind` tag of a saved model file. */
export const SAVED_MODEL_KIND = "gutresponse.model";

/**
 * A model file of `gutresponse model train`: a fitted model plus its feature rank, cohort alpha quantiles and
 * study name.
 */
export interface SavedModel extends FittedModel {
  kind: typeof SAVED_MODEL_KIND;
  featureLevel: string;
  cohortAlpha: CohortAlpha;
  study: string;
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((s) => typeof s === "string");

/**
 * Parses and shape-checks a saved model file (JSON); `source` names the file in errors.
 * @throws {InputError} `corrupt_file` when it is not JSON or not a gutresponse model.
 */
export function parseSavedModel(text: string, source: string): SavedModel {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw InputError.single({
      code: "corrupt_file",
      file: source,
      message: `not JSON: ${(e as Error).message}`,
    });
  }
  const m = value as Partial<SavedModel> | null;
  const problems: string[] = [];
  if (m === null || typeof m !== "object") problems.push("not a JSON object");
  else {
    if (m.kind !== SAVED_MODEL_KIND) problems.push(`'kind' is not '${SAVED_MODEL_KIND}'`);
    if (m.formatVersion !== 1) problems.push("unsupported 'formatVersion'");
    if (!isStringArray(m.featureNames) || m.featureNames.length === 0) problems.push("no 'featureNames'");
    if (typeof m.featureLevel !== "string") problems.push("no 'featureLevel'");
    if (!m.training || !Array.isArray(m.training.features)) problems.push("no 'training' summary");
    if (!m.elasticNet && !m.forest) problems.push("no fitted learner");
    if (!m.cohortAlpha || !Array.isArray(m.cohortAlpha.levels)) problems.push("no 'cohortAlpha'");
  }
  if (problems.length > 0) {
    throw InputError.single({
      code: "corrupt_file",
      file: source,
      message: `not a gutresponse model file: ${problems.join("; ")}`,
      hint: "create one with 'gutresponse model train'",
    });
  }
  return m as SavedModel;
}
