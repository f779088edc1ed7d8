/** The tiny `gutresponse power` run the CLI tests share: kratom design, n = 20 and 28, LinDA only. */

/** Its arguments, before `--out` and any further option. */
export function tinyPowerArgs(reps: number, seed = 5): string[] {
  return [
    "power",
    "--design",
    "kratom",
    "--n",
    "20,28",
    "--reps",
    String(reps),
    "--methods",
    "linda",
    "--seed",
    String(seed),
  ];
}
