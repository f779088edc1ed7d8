/**
 * Parameter checks shared by the distribution functions: a degrees-of-freedom (or shape) parameter
 * must be positive (Infinity allowed where the limit exists). A NaN statistic is not an error here:
 * the distribution functions return NaN for it and callers report why.
 */

import { InputError } from "../../errors.js";

export function checkPositive(name: string, value: number, allowInfinity = false): void {
  if (!(value > 0) || (!allowInfinity && value === Number.POSITIVE_INFINITY)) {
    throw InputError.single({
      code: "bad_argument",
      message: `${name} must be a positive${allowInfinity ? "" : ", finite"} number, got ${value}`,
      key: name,
    });
  }
}

export function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) {
    throw InputError.single({
      code: "bad_argument",
      message: `probability must be in [0, 1], got ${p}`,
      key: "p",
    });
  }
}
