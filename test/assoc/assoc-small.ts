/**
 * The small association fixture (test/fixtures/extra/assoc_small.json, made by assoc_small.R): 40
 * samples x 5 taxa with age, dose and four outcome columns, and R's fits of them; as a feature
 * table and metadata for the association tests.
 */
import { readFileSync } from "node:fs";
import { metadataOf, tableFromRows } from "../da/helpers.js";

export const ref = JSON.parse(readFileSync("test/fixtures/extra/assoc_small.json", "utf8")) as {
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
};

export const table = tableFromRows(ref.counts);

export const metadata = metadataOf(
  40,
  {
    age: ref.age,
    dose: ref.dose,
    continuous: ref.continuous,
    binary: ref.binary,
    count_nb: ref.count_nb,
    count_poisson: ref.count_poisson,
  },
  { binary: ["no", "yes"] },
);
