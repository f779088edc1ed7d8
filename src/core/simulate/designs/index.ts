/**
 * The reference designs `demo`, `init`, `simulate`, `power` and the web start screen offer, as one
 * plain list: each entry names its cohort design (realistic effects), its demo design (effects
 * visible at the default n), its questionnaire (data dictionary) and the study title `init` writes.
 * Only these front ends import the drug-specific design modules; the analysis layers never do.
 */
import { InputError } from "../../errors.js";
import type { DataDictionaryEntry } from "../data-dictionary.js";
import type { CohortDesign } from "../design.js";
import {
  KRATOM_DEFAULT_N,
  kratomDataDictionary,
  kratomDemoDesign,
  kratomDesign,
  kratomLongitudinalDataDictionary,
  kratomLongitudinalDesign,
  nullDesign,
} from "./kratom.js";
import {
  METFORMIN_DEFAULT_N,
  metforminDataDictionary,
  metforminDemoDesign,
  metforminDesign,
} from "./metformin.js";

/** A reference design offered by `demo`, `init`, `simulate`, `power` and the web start screen. */
export interface ReferenceDesign {
  /** The `--design` name. */
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Study name `init` writes into study.yaml. */
  title: string;
  defaultN: number;
  /** The design with realistic effects (what `simulate` and `power` use). */
  design: () => CohortDesign;
  /** The design with effects visible at `defaultN` (what `demo` uses). */
  demo: () => CohortDesign;
  dictionary: Readonly<Record<string, DataDictionaryEntry>>;
}

/** The reference designs, in the order `--help` lists them. */
export const REFERENCE_DESIGNS: readonly ReferenceDesign[] = [
  {
    name: "kratom",
    summary:
      "kratom users vs non-users; Faecalibacterium x2, Akkermansia x3 in users; an age confounder; pain relief ~ Faecalibacterium, constipation ~ Clostridium",
    title: "Kratom use and the gut microbiome",
    defaultN: KRATOM_DEFAULT_N,
    design: () => kratomDesign(),
    demo: kratomDemoDesign,
    dictionary: kratomDataDictionary,
  },
  {
    name: "metformin",
    summary:
      "metformin users vs non-users; Escherichia/Shigella x2.5, Akkermansia x2 up, Peptostreptococcus x0.5; HbA1c reduction ~ Akkermansia, GI side effects ~ Escherichia/Shigella",
    title: "Metformin use and the gut microbiome",
    defaultN: METFORMIN_DEFAULT_N,
    design: () => metforminDesign(),
    demo: metforminDemoDesign,
    dictionary: metforminDataDictionary,
  },
  {
    name: "kratom-longitudinal",
    summary:
      "each participant sampled before and after starting kratom (subject_id, visit); the kratom shifts at the follow-up visit; no host outcomes",
    title: "Kratom use and the gut microbiome, before and after (paired)",
    defaultN: KRATOM_DEFAULT_N,
    design: () => kratomLongitudinalDesign(),
    demo: () => kratomLongitudinalDesign(),
    dictionary: kratomLongitudinalDataDictionary,
  },
  {
    name: "null",
    summary: "the kratom cohort with nothing planted (for calibration: every call is false)",
    title: "Null cohort (nothing planted)",
    defaultN: KRATOM_DEFAULT_N,
    design: () => nullDesign(),
    demo: () => nullDesign(),
    dictionary: kratomDataDictionary,
  },
];

/** The names `--design` accepts, e.g. "kratom, metformin, null". */
export const designNames = (): string => REFERENCE_DESIGNS.map((d) => d.name).join(", ");

/**
 * The reference design called `name` (kratom when undefined), or an InputError listing them.
 * @throws {InputError} `bad_argument` for an unknown name.
 */
export function referenceDesign(name: string | undefined): ReferenceDesign {
  const found = REFERENCE_DESIGNS.find((d) => d.name === (name ?? "kratom"));
  if (!found) {
    throw InputError.single({
      code: "bad_argument",
      message: `unknown --design '${name}'`,
      hint: `choose one of: ${designNames()}`,
    });
  }
  return found;
}
