/**
 * Host covariates of one simulated participant: age, sex, BMI, recent antibiotics, probiotic use
 * and diet, drawn from the design's CovariateModel given exposure. A covariate whose distribution
 * differs by exposure (`exposedShift`, `exposedProbability`) and that also moves a taxon
 * (a CovariateEffect) is a confounder of the exposure-taxon association.
 */
import type { Rng } from "../random/rng.js";
import type { BinaryCovariate, CovariateModel, CovariateName, NumericCovariate } from "./design.js";
import { bernoulli, categoricalIndex, roundTo, truncatedNormal } from "./variates.js";

export interface Covariates {
  age: number;
  bmi: number;
  female: boolean;
  antibiotics: boolean;
  probiotic: boolean;
  diet: string;
}

function drawNumeric(rng: Rng, c: NumericCovariate, exposed: boolean): number {
  const mean = c.mean + (exposed ? c.exposedShift : 0);
  return roundTo(truncatedNormal(rng, mean, c.sd, c.min, c.max), c.digits);
}

function drawBinary(rng: Rng, c: BinaryCovariate, exposed: boolean): boolean {
  return bernoulli(rng, exposed ? c.exposedProbability : c.probability);
}

export function drawCovariates(rng: Rng, model: CovariateModel, exposed: boolean): Covariates {
  const age = drawNumeric(rng, model.age, exposed);
  const female = drawBinary(rng, model.sex, exposed);
  const bmi = drawNumeric(rng, model.bmi, exposed);
  const antibiotics = drawBinary(rng, model.antibiotics, exposed);
  const probiotic = drawBinary(rng, model.probiotic, exposed);
  const dietWeights = exposed ? model.diet.exposedProbabilities : model.diet.probabilities;
  const diet = model.diet.levels[categoricalIndex(rng, dietWeights)]!;
  return { age, bmi, female, antibiotics, probiotic, diet };
}

/**
 * The numeric value a CovariateEffect uses: the number itself, 1/0 for yes/no (female/male), and
 * for diet 1 when it is `level`.
 */
export function covariateValue(c: Covariates, name: CovariateName, level?: string): number {
  switch (name) {
    case "age":
      return c.age;
    case "bmi":
      return c.bmi;
    case "sex":
      return c.female ? 1 : 0;
    case "antibiotics_3mo":
      return c.antibiotics ? 1 : 0;
    case "probiotic":
      return c.probiotic ? 1 : 0;
    case "diet":
      return c.diet === level ? 1 : 0;
  }
}

/**
 * True when the covariate's distribution differs between exposed and non-exposed participants (for
 * diet: the share of `level`).
 */
export function differsByExposure(model: CovariateModel, name: CovariateName, level?: string): boolean {
  switch (name) {
    case "age":
      return model.age.exposedShift !== 0;
    case "bmi":
      return model.bmi.exposedShift !== 0;
    case "sex":
      return model.sex.exposedProbability !== model.sex.probability;
    case "antibiotics_3mo":
      return model.antibiotics.exposedProbability !== model.antibiotics.probability;
    case "probiotic":
      return model.probiotic.exposedProbability !== model.probiotic.probability;
    case "diet": {
      const i = model.diet.levels.indexOf(level ?? "");
      const share = (w: number[]) => w[i]! / w.reduce((a, b) => a + b, 0);
      return i >= 0 && share(model.diet.exposedProbabilities) !== share(model.diet.probabilities);
    }
  }
}
