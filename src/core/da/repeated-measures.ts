/**
 * Differential abundance of a repeated-measures design (several samples per subject): the methods
 * with a random intercept per subject run their mixed-model form (LinDA: linda-mixed.ts, MaAsLin2:
 * maaslin-mixed.ts); the others treat samples as independent (ANCOM-BC, ALDEx2, Wilcoxon on CLR),
 * which misstates their p values when samples are paired (too small for a term that is constant
 * within subject), so they are skipped with a reason rather than run.
 */
import { lindaMixed } from "./linda-mixed.js";
import { maaslinMixed } from "./maaslin-mixed.js";
import type { DaInput } from "./prepare.js";
import type { SubjectLabels } from "./taxon-lmm.js";
import type { DaMethodName, DaMethodResult } from "./types.js";

export interface RepeatedMeasures {
  /** Subject column name (for messages). */
  column: string;
  /** Subject label per sample of the prepared input (input.sampleIds order). */
  labels: SubjectLabels;
}

/** The method's mixed-model result, or the reason it is skipped. */
export function repeatedMeasuresMethod(
  method: DaMethodName,
  input: DaInput,
  subject: RepeatedMeasures,
): DaMethodResult | string {
  if (method === "linda") return lindaMixed(input, subject.labels, { subjectColumn: subject.column });
  if (method === "maaslin") return maaslinMixed(input, subject.labels, { subjectColumn: subject.column });
  return `${method} skipped: it has no random effects for the repeated samples per '${subject.column}' (linda and maaslin fit a random intercept per subject)`;
}
