/** Small helpers shared by the study steps. */
import type { StudyConfig } from "../config.js";

/** `~ exposure + covariate1 + ...` — the adjusted model every step uses. */
export function studyFormula(config: StudyConfig): string {
  return `~ ${[config.design.exposure, ...config.design.covariates].map((v) => `\`${v}\``).join(" + ")}`;
}

/** NaN and infinities become null in results (serialisable, never a silent NaN). */
export function nullable(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}
