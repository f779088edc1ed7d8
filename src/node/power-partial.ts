/**
 * Power partial files: the replicate results of one `gutresponse power --replicates A..B` job,
 * combined by `gutresponse power-merge`. A UTF-8 JSON document:
 *
 *   { "format": "gutresponse power replicates", "version": 1,
 *     "settings": { design, sizes, reps, methods, effect, fdr, mc, seed },
 *     "first": A, "last": B,            replicates A..B (1-based, inclusive) of every sample size
 *     "results": [ReplicateResult...] } in task order; non-finite numbers as {"$number": "NaN"}
 *
 * Every replicate carries its own seed (power.ts), so the results of replicates A..B are those of
 * a full run; merged in task order, `summarisePower` gives identical bytes to one run.
 */
import type { AssociationModel } from "../core/assoc/associations.js";
import { readFile } from "node:fs/promises";
import { InputError, type Issue } from "../core/errors.js";
import type { ReplicateResult } from "../core/simulate/power-replicate.js";
import { writeFileAtomic } from "./files.js";

const FORMAT = "gutresponse power replicates";
const VERSION = 1;

/** The options of a power run that decide its results (a design by name). */
export interface PowerSettings {
  design: string;
  sizes: number[];
  reps: number;
  methods: string[];
  effect: number;
  fdr: number;
  mc: number | null;
  seed: number;
  /** The association scan's model (`--assoc-model`); null = the default. */
  assocModel: AssociationModel | null;
}

interface PowerPart {
  format: string;
  version: number;
  settings: PowerSettings;
  first: number;
  last: number;
  results: ReplicateResult[];
}

export async function writePowerPart(
  path: string,
  settings: PowerSettings,
  first: number,
  last: number,
  results: readonly ReplicateResult[],
): Promise<void> {
  const part: PowerPart = { format: FORMAT, version: VERSION, settings, first, last, results: [...results] };
  const text = JSON.stringify(part, (_k, v) =>
    typeof v === "number" && !Number.isFinite(v) ? { $number: String(v) } : v,
  );
  await writeFileAtomic(path, `${text}\n`);
}

function revive(_k: string, v: unknown): unknown {
  if (v !== null && typeof v === "object" && "$number" in v)
    return Number((v as { $number: string }).$number);
  return v;
}

const REMAKE = "re-run the `gutresponse power --replicates A..B` job that writes it";

function issue(path: string, code: Issue["code"], message: string, hint = REMAKE): Issue {
  return { code, file: path, message, hint };
}

async function readPowerPart(path: string): Promise<PowerPart> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw InputError.single(issue(path, "file_not_found", "power partial not found", "check the path"));
  }
  let part: PowerPart;
  try {
    part = JSON.parse(text, revive) as PowerPart;
  } catch {
    throw InputError.single(issue(path, "truncated_file", "is not complete JSON (truncated or corrupt)"));
  }
  if (part?.format !== FORMAT || part.version !== VERSION) {
    throw InputError.single(issue(path, "unknown_format", `is not a ${FORMAT} file (version ${VERSION})`));
  }
  const { first, last, settings, results } = part;
  const expected = (last - first + 1) * settings.sizes.length;
  const inRange = results.every(
    (r) => r.rep >= first - 1 && r.rep <= last - 1 && settings.sizes.includes(r.n),
  );
  if (!(first >= 1 && last >= first && last <= settings.reps) || results.length !== expected || !inRange) {
    throw InputError.single(
      issue(
        path,
        "corrupt_file",
        `replicates ${first}..${last} should hold ${expected} results; it holds ${results.length}`,
      ),
    );
  }
  return part;
}

/**
 * Reads the parts, checks that they come from one run's settings and cover replicates 1..reps
 * exactly once (every problem listed, naming the part), and returns the results in task order.
 */
export async function readPowerParts(
  paths: readonly string[],
): Promise<{ settings: PowerSettings; results: ReplicateResult[] }> {
  if (paths.length === 0) {
    throw InputError.single({ code: "bad_argument", message: "no power partials given" });
  }
  const parts: { path: string; part: PowerPart }[] = [];
  const issues: Issue[] = [];
  for (const path of paths) {
    try {
      parts.push({ path, part: await readPowerPart(path) });
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      issues.push(...e.issues);
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  const ref = parts[0]!;
  const settings = ref.part.settings;
  const owner: (string | undefined)[] = new Array(settings.reps).fill(undefined);
  for (const { path, part } of parts) {
    if (JSON.stringify(part.settings) !== JSON.stringify(settings)) {
      const differs = (Object.keys(settings) as (keyof PowerSettings)[]).filter(
        (k) => JSON.stringify(part.settings[k]) !== JSON.stringify(settings[k]),
      );
      issues.push(
        issue(
          path,
          "id_mismatch",
          `is from a different power run than ${ref.path}: ${differs.join(", ")} differ`,
          "merge only the parts of one run (same design, sizes, reps, methods, effect, fdr, mc and seed)",
        ),
      );
      continue;
    }
    for (let r = part.first - 1; r < part.last; r++) {
      if (owner[r] !== undefined) {
        issues.push(
          issue(
            path,
            "bad_argument",
            `replicate ${r + 1} is also in ${owner[r]}`,
            "pass each replicate range once",
          ),
        );
        break;
      }
      owner[r] = path;
    }
  }
  if (issues.length === 0) {
    const missing: string[] = [];
    for (let r = 0; r < settings.reps; r++) {
      if (owner[r] !== undefined) continue;
      let e = r;
      while (e + 1 < settings.reps && owner[e + 1] === undefined) e++;
      missing.push(e === r ? `${r + 1}` : `${r + 1}..${e + 1}`);
      r = e;
    }
    if (missing.length > 0) {
      issues.push({
        code: "bad_argument",
        message: `replicates ${missing.join(", ")} of 1..${settings.reps} are missing`,
        hint: "run `gutresponse power --replicates A..B` for them and pass every part",
      });
    }
  }
  if (issues.length > 0) throw new InputError(issues);
  const order = (r: ReplicateResult): number => settings.sizes.indexOf(r.n) * settings.reps + r.rep;
  const results = parts.flatMap(({ part }) => part.results).sort((a, b) => order(a) - order(b));
  return { settings, results };
}
