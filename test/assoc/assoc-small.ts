/**
 * The assoc_small data set and its R results (test/fixtures/extra/assoc_small.R): a seeded 40 x 5
 * count table with age, dose and four outcomes, as a feature table and metadata, shared by the
 * association tests.
 */
import { readFileSync } from "node:fs";
import { metadataOf, tableFromRows } from "../da/helpers.js";

/** assoc_small.json: the data, then R's coefficient rows (estimate, se, t or z, p) per taxon. */
export interface AssocSmall {
  counts: number[][];
  age: number[];
  dose: number[];
  continuous: number[];
  binary: string[];
  count_nb: number[];
  count_poisson: number[];
  ols: number[][];
  logistic: number[][];
  negbin: number[][];
  poisson: number[][];
  lr_nb: { lr: number; p: number };
  lr_poisson: { lr: number; p: number };
  dose_response: number[][];
}

export const small = JSON.parse(readFileSync("test/fixtures/extra/assoc_small.json", "utf8")) as AssocSmall;

/** The 40 x 5 counts as a feature table. */
export const table = tableFromRows(small.counts);

/** age, dose and the four outcomes; `binary` has levels no, yes. */
export const metadata = metadataOf(
  40,
  {
    age: small.age,
    dose: small.dose,
    continuous: small.continuous,
    binary: small.binary,
    count_nb: small.count_nb,
    count_poisson: small.count_poisson,
  },
  { binary: ["no", "yes"] },
);
