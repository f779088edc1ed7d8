/**
 * The R glmnet 4.1 golden fixture (test/fixtures/extra/glmnet_dune.json: dune CLR, 20 x 30, made by
 * its script in that folder), read once for the elastic-net tests: the design as a row-major
 * Float64Array beside the fixture's own fields.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ElasticNetFamily } from "../../src/core/models/elastic-net.js";

/** One glmnet call at one (alpha, lambda) and its coefficients. */
export interface GlmnetCase {
  call: string;
  family: ElasticNetFamily;
  alpha: number;
  lambda: number;
  intercept: number;
  beta: number[];
}

/** The fixture as written by R. */
export interface GlmnetFixture {
  source: string;
  x: number[][];
  y_gaussian: number[];
  y_binomial: number[];
  cases: GlmnetCase[];
  "path_gaussian_alpha0.5": { lambda: number[] };
  "path_binomial_alpha0.5": { lambda: number[] };
}

export const glmnetFixture = JSON.parse(
  readFileSync(resolve(__dirname, "../fixtures/extra/glmnet_dune.json"), "utf8"),
) as GlmnetFixture;
/** Rows and columns of the fixture's design, and the design row-major. */
export const glmnetN = glmnetFixture.x.length;
export const glmnetP = glmnetFixture.x[0]!.length;
export const glmnetX = Float64Array.from(glmnetFixture.x.flat());
