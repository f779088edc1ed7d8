/**
 * The prediction figures of docs/PREDICTION.md: on simulated kratom cohorts with planted outcome
 * links (pain_relief ~ Faecalibacterium, constipation ~ Clostridium; src/core/simulate), the study
 * pipeline's prediction step (prepare at genus level -> nested repeated CV, bootstrap CI,
 * permutation null) gives the CV metric and the rank of the planted taxon among the top features.
 * Slow (minutes per target at n = 400): not part of bench/run.ts.
 * Run: node --import tsx bench/prediction-figures.ts N TARGET MODEL PERMUTATIONS [SEED]
 *   e.g. node --import tsx bench/prediction-figures.ts 65 pain_relief elastic_net 99 1
 */
import { kratomDesign } from "../src/core/simulate/designs/kratom.js";
import { predictionStep } from "../src/core/study/steps/prediction-step.js";
import { prepareStudy } from "../src/core/study/steps/prepare.js";
import { simulatedStudy } from "../test/helpers/study.js";

const PLANTED: Record<string, string> = { pain_relief: "Faecalibacterium", constipation: "Clostridium" };
const [nArg = "65", target = "pain_relief", model = "elastic_net", permArg = "99", seedArg = "1"] =
  process.argv.slice(2);
const n = Number(nArg);
const seed = Number(seedArg);
const { config, data } = simulatedStudy(kratomDesign(), n, seed, {
  prediction: { targets: [target], models: [model], folds: 5, repeats: 3, permutations: Number(permArg) },
});
const t0 = performance.now();
const prepared = prepareStudy(config, data);
const fitted = predictionStep(config, prepared).models[0]!;
const metric = fitted.task === "binary" ? "auroc" : "r2";
const planted = PLANTED[target]!;
const top = fitted.topFeatures.findIndex((f) => f.name === planted);
console.log(
  JSON.stringify({
    n,
    seed,
    target,
    model,
    metric,
    ...fitted.cv[metric],
    null_p: fitted.cv.null_p,
    permutations: fitted.cv.permutations,
    planted,
    plantedRank: top >= 0 ? top + 1 : null,
    plantedSelection: top >= 0 ? fitted.topFeatures[top]!.selectionFrequency : null,
    plantedDirection: top >= 0 ? fitted.topFeatures[top]!.direction : null,
    top5: fitted.topFeatures.slice(0, 5).map((f) => f.name),
    seconds: Math.round((performance.now() - t0) / 1000),
  }),
);
