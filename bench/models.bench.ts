/**
 * Elastic-net path and random forest on n = 400 x p = 500 (simulated), and the same fits in R
 * (glmnet, ranger; single-threaded) when Rscript with those packages is installed: prints CPU seconds
 * and ratios.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nestedCrossValidation } from "../src/core/models/cross-validation.js";
import { elasticNetPath } from "../src/core/models/elastic-net.js";
import { randomForest } from "../src/core/models/random-forest.js";
import { permutationStatistics } from "../src/core/models/train-model.js";
import { createRng } from "../src/core/random/rng.js";

/** Seconds of CPU time (user + system) of this process: less sensitive to a busy machine than wall time. */
function timeIt(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

function simulate(n: number, p: number) {
  const rng = createRng(1);
  const x = Float64Array.from({ length: n * p }, () => rng.normal());
  const yc = Float64Array.from(
    { length: n },
    (_, i) => x[i * p]! - 0.5 * x[i * p + 1]! + 0.5 * x[i * p + 2]! + rng.normal(),
  );
  const yb = Float64Array.from(yc, (v) => (v > 0 ? 1 : 0));
  return { x, yc, yb };
}

const R_SCRIPT = `
suppressMessages({ library(glmnet); library(ranger) })
d <- read.csv(file.path(Sys.getenv("BENCH_DIR"), "data.csv"))
x <- as.matrix(d[, grepl("^x", names(d))]); yc <- d$yc; yb <- d$yb
t <- function(e) { s <- system.time(e); unname(s["user.self"] + s["sys.self"]) }
g <- t(glmnet(x, yc, family = "gaussian", alpha = 0.5))
b <- t(glmnet(x, yb, family = "binomial", alpha = 0.5))
r <- t(ranger(x = x, y = yc, num.trees = 500, num.threads = 1, importance = "impurity", seed = 1))
cat(g, b, r, "\\n")
`;

function rTimings(
  x: Float64Array,
  yc: Float64Array,
  yb: Float64Array,
  n: number,
  p: number,
): number[] | null {
  try {
    const dir = mkdtempSync(join(tmpdir(), "gr-bench-"));
    const header = [...Array.from({ length: p }, (_, j) => `x${j}`), "yc", "yb"].join(",");
    const rows = Array.from({ length: n }, (_, i) =>
      [...x.subarray(i * p, (i + 1) * p), yc[i], yb[i]].join(","),
    );
    writeFileSync(join(dir, "data.csv"), `${header}\n${rows.join("\n")}\n`);
    writeFileSync(join(dir, "bench.R"), R_SCRIPT);
    const out = execFileSync("Rscript", [join(dir, "bench.R")], { env: { ...process.env, BENCH_DIR: dir } });
    return out.toString().trim().split(/\s+/).map(Number);
  } catch {
    return null;
  }
}

export async function run(): Promise<void> {
  const n = 400;
  const p = 500;
  const { x, yc, yb } = simulate(n, p);
  const ours = [
    timeIt(() => elasticNetPath(x, yc, n, p, { family: "gaussian", alpha: 0.5 })),
    timeIt(() => elasticNetPath(x, yb, n, p, { family: "binomial", alpha: 0.5 })),
    timeIt(() => randomForest(x, yc, n, p, { task: "regression", seed: 1, numTrees: 500 })),
  ];
  const ref = rTimings(x, yc, yb, n, p);
  const names = [
    "elastic-net path gaussian (alpha 0.5, 100 lambdas)",
    "elastic-net path binomial",
    "random forest 500 trees",
  ];
  names.forEach((name, i) => {
    const ratio = ref
      ? ` | R ${ref[i]!.toFixed(2)} s | ratio ${(ours[i]! / ref[i]!).toFixed(1)}x`
      : " | R not available";
    console.log(`${name}: ${ours[i]!.toFixed(2)} s CPU${ratio}`);
  });
  const q = 300;
  const xs = Float64Array.from({ length: n * q }, (_, t) => x[Math.floor(t / q) * p + (t % q)]!);
  const cvTime = timeIt(() =>
    nestedCrossValidation(xs, yb, n, q, {
      task: "binary",
      model: { type: "elastic_net" },
      seed: 1,
      k: 5,
      repeats: 1,
    }),
  );
  console.log(
    `nested CV elastic net, binary, n = 400, p = 300, 5 x 5, alphas 0.1/0.5/1, 1 repeat: ${cvTime.toFixed(1)} s`,
  );
  // the permutation test of a continuous outcome: the observed statistic and one permutation, each a
  // one-repeat nested CV (3 alphas x (1 + 5 inner) paths x 5 outer folds)
  const input = {
    x: xs,
    n,
    p: q,
    featureNames: Array.from({ length: q }, (_, j) => `x${j}`),
    y: yc,
    task: "continuous" as const,
    target: "y",
  };
  const opts = {
    seed: 1,
    transform: { type: "none" as const },
    filter: {},
    model: { type: "elastic_net" as const },
  };
  const two = timeIt(() => permutationStatistics(input, opts, [0, 1]));
  console.log(
    `permutation test, continuous elastic net, n = 400, p = 300: ${(two / 2).toFixed(1)} s CPU per statistic`,
  );
}
