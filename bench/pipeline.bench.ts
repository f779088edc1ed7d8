/**
 * What a user waits for in the study pipeline, whole process against whole process (each job is a
 * fresh `node` running the CLI, timed by /usr/bin/time: wall and CPU seconds, with the 1-minute load
 * average beside them because the machine is shared):
 *   - `demo` (65 people, the whole study), 1 thread and `--threads T`;
 *   - `model train` on a simulated n = GR_BENCH_N cohort (default 400) with the default prediction
 *     settings except GR_BENCH_PERMUTATIONS permutations (default 9; the default study setting is 99,
 *     and the time grows by one one-repeat nested CV per permutation), 1 thread and `--threads T`.
 *   - `run` on GlobalPatterns (bench/globalpatterns/study.yaml: 26 samples x 19,216 OTUs with a tree,
 *     genus level, 4 DA methods, 20 calibration shuffles, the sensitivity panel), 1 thread and
 *     `--threads T`.
 * T = GR_BENCH_THREADS (default 2). Every job is run once per setting, alternating; the outputs of the
 * 1-thread and T-thread runs are compared byte for byte (they must be identical).
 * `GR_BENCH_PIPELINE=demo`, `=model` or `=gp` runs one part only.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const CLI = ["--import", "tsx", "src/cli/main.ts"];

interface Timing {
  wall: number;
  cpu: number;
  load: number;
}

/** Runs the CLI in a fresh process under /usr/bin/time and returns its wall and CPU seconds. */
function timed(args: string[]): Timing {
  const load = loadavg()[0]!;
  const dir = mkdtempSync(join(tmpdir(), "gr-pipe-"));
  const file = join(dir, "time.txt");
  execFileSync("/usr/bin/time", ["-f", "%e %U %S", "-o", file, process.execPath, ...CLI, ...args], {
    stdio: ["ignore", "ignore", "ignore"],
  });
  const [wall, user, sys] = readFileSync(file, "utf8").trim().split(/\s+/).map(Number);
  return { wall: wall!, cpu: user! + sys!, load };
}

const show = (label: string, t: Timing): void =>
  console.log(`${label}: ${t.wall.toFixed(1)} s wall, ${t.cpu.toFixed(1)} s CPU (load ${t.load.toFixed(1)})`);

function same(a: string, b: string): string {
  return readFileSync(a).equals(readFileSync(b)) ? "identical" : "DIFFERENT";
}

export async function run(): Promise<void> {
  const part = process.env.GR_BENCH_PIPELINE;
  const threads = Number(process.env.GR_BENCH_THREADS ?? 2);
  const dir = mkdtempSync(join(tmpdir(), "gr-pipeline-"));
  if (part === undefined || part === "demo") {
    for (const t of [1, threads]) {
      const out = join(dir, `demo-${t}`);
      show(`demo, ${t} thread(s)`, timed(["demo", "--out", out, "--threads", String(t), "--force"]));
    }
    console.log(
      `demo prediction.tsv, 1 vs ${threads} threads: ${same(join(dir, "demo-1", "prediction.tsv"), join(dir, `demo-${threads}`, "prediction.tsv"))}`,
    );
  }
  if (part === undefined || part === "model") {
    const n = Number(process.env.GR_BENCH_N ?? 400);
    const permutations = Number(process.env.GR_BENCH_PERMUTATIONS ?? 9);
    const cohort = join(dir, "cohort");
    execFileSync(
      process.execPath,
      [...CLI, "simulate", "--design", "kratom", "--n", String(n), "--seed", "1", "--out", cohort],
      {
        stdio: "ignore",
      },
    );
    const study = join(cohort, "study.yaml");
    writeFileSync(study, `${readFileSync(study, "utf8")}prediction:\n  permutations: ${permutations}\n`);
    for (const t of [1, threads]) {
      const out = join(dir, `model-${t}.json`);
      show(
        `model train n = ${n}, elastic net + forest, ${permutations} permutations, ${t} thread(s)`,
        timed([
          "model",
          "train",
          "--study",
          study,
          "--target",
          "constipation",
          "--threads",
          String(t),
          "--out",
          out,
        ]),
      );
    }
    console.log(
      `model files, 1 vs ${threads} threads: ${same(join(dir, "model-1.json"), join(dir, `model-${threads}.json`))}`,
    );
  }
  if (part === undefined || part === "gp") {
    const study = join(dirname(fileURLToPath(import.meta.url)), "globalpatterns", "study.yaml");
    for (const t of [1, threads]) {
      const out = join(dir, `gp-${t}`);
      show(
        `run GlobalPatterns, ${t} thread(s)`,
        timed(["run", study, "--out", out, "--threads", String(t), "--force"]),
      );
    }
    for (const file of ["calibration.tsv", "differential_abundance.tsv", "consensus.tsv"]) {
      console.log(
        `GlobalPatterns ${file}, 1 vs ${threads} threads: ${same(join(dir, "gp-1", file), join(dir, `gp-${threads}`, file))}`,
      );
    }
  }
}
