/**
 * One replicate of a power analysis, as an independent task: simulate a cohort of n participants
 * (signal implantation, simulate-cohort.ts), collapse it to genus, analyse it as its own study.yaml
 * says (study-config.ts: exposure kratom_use vs non_user adjusted for age, sex and BMI; minimum
 * prevalence 0.1) with the chosen differential-abundance methods and the taxon -> outcome
 * association tests, and score the calls (q < fdr) against the planted truth.
 *
 * Scoring:
 * - planted DA effects: the taxa of the truth's abundance shifts and prevalence shifts (a taxon with
 *   both counts once, as "abundance"), direction up when log2 FC > 0 (prevalence shifts add the
 *   taxon, so up). A planted taxon is detected by a method when its q < fdr with the planted sign.
 * - planted associations: the truth's outcome links, detected when the taxon's association with
 *   that outcome (default model: CLR(taxon) ~ outcome + covariates by LinDA) has q < fdr and the
 *   sign of the planted slope.
 * - the consensus (`consensus`, with two or more methods): taxa that are consensus calls
 *   (consensus.ts: at least half of the methods, two or more from different model families, one
 *   direction), signed by direction.
 * - false discoveries: calls (q < fdr) that are not a planted effect of that test, or have the wrong
 *   sign (type S errors count as false). Taxa moved only by a covariate (age, antibiotics) are not
 *   exposure effects: with the covariate in the model, calling them is a false discovery.
 * - confirmatory hypotheses (the study.yaml's `hypotheses`): families `confirmatory` (Holm across the
 *   list) and `single_test` (each alone), scored in power-hypotheses.ts.
 * - repeated-measures designs (study.yaml `design.subject`, the kratom-longitudinal design): the DA
 *   methods run their mixed-model forms (methods without one are skipped, not scored), and each
 *   method also runs the naive analysis of the same samples ignoring the pairing (family
 *   `<method>_ignoring_subject`: fixed effects, samples treated as independent people).
 * Seeds: the task seed feeds one Rng; its fork(0) seeds the simulation, fork(1) the DA methods
 * (ALDEx2's Monte Carlo), so a replicate depends only on (design, n, task seed).
 */
import { type AssociationModel, associations } from "../assoc/associations.js";
import type { TaxonAssociationRow } from "../assoc/types.js";
import { isConsensusCall } from "../da/consensus.js";
import { differentialAbundance } from "../da/differential-abundance.js";
import type { DaMethodName } from "../da/types.js";
import { InputError } from "../errors.js";
import { createRng } from "../random/rng.js";
import { collapseToRank } from "../table/collapse.js";
import type { CohortDesign } from "./design.js";
import { hypothesisCalls } from "./power-hypotheses.js";
import type { PlantedEffect, ReplicateCalls } from "./power-calls.js";
import { simulateCohort } from "./simulate-cohort.js";
import { simulatedStudyConfig } from "./study-config.js";
import type { Truth } from "./truth.js";

export type { PlantedEffect, PlantedKind, ReplicateCalls } from "./power-calls.js";

/** Everything a replicate needs besides its (n, seed); plain data, so it can go to a worker. */
export interface PowerConfig {
  design: CohortDesign;
  methods: readonly DaMethodName[];
  fdr: number;
  /** ALDEx2 Monte Carlo instances (default: the method's own). */
  mc?: number;
  /** Model of the association scan (default: associations()'s, "linda"). */
  assocModel?: AssociationModel;
}

/** One replicate of a power analysis: sample size n, replicate index, and its seed. */
export interface PowerTask {
  n: number;
  rep: number;
  seed: number;
}

/**
 * One replicate's planted effects and, per test family, what it detected and how many false calls it made.
 */
export interface ReplicateResult {
  n: number;
  rep: number;
  effects: PlantedEffect[];
  tests: ReplicateCalls[];
  warnings: string[];
}

/**
 * Runs one power replicate: simulates n participants, analyses them as their study.yaml says (DA
 * methods and associations at genus), and scores the calls (q < fdr) against the planted truth.
 */
export function runPowerReplicate(config: PowerConfig, task: PowerTask): ReplicateResult {
  const rng = createRng(task.seed);
  const cohort = simulateCohort(config.design, { n: task.n, seed: rng.fork(0).seed });
  // The analysis settings of the cohort's study.yaml (its file names are not needed here).
  const study = simulatedStudyConfig(config.design, task.seed, { table: "", taxonomy: "", metadata: "" });
  const table = collapseToRank(cohort.table, cohort.taxonomy, "genus").table;
  const effects = plantedEffects(cohort.truth);
  const covariates = study.design.covariates;
  // the study's DA settings with the given formula terms (the exposure first)
  const daOf = (terms: readonly string[], subject: { subject?: string }) =>
    differentialAbundance(table, cohort.metadata, {
      formula: `~ ${terms.join(" + ")}`,
      term: study.design.exposure,
      reference: study.design.reference,
      methods: config.methods,
      fdr: config.fdr,
      minPrevalence: study.analysis.min_prevalence,
      seed: rng.fork(1).seed,
      ...(config.mc === undefined ? {} : { mc: config.mc }),
      ...subject,
    });
  const da = daOf(
    [study.design.exposure, ...covariates],
    "subject" in study.design ? { subject: study.design.subject } : {},
  );
  const warnings = [...da.warnings];
  const daEffects = effects.filter((e) => e.kind !== "association");
  const score = (rows: typeof da.rows, method: string, family = method) =>
    scoreCalls(
      family,
      null,
      rows.filter((r) => r.method === method && r.q < config.fdr),
      (r) => ({ taxon: r.taxon, sign: Math.sign(r.log2_fold_change) }),
      daEffects,
    );
  const ran = new Set(da.methods.map((m) => m.method));
  const tests = config.methods.filter((m) => ran.has(m)).map((method) => score(da.rows, method));
  if ("subject" in study.design) {
    // the naive analysis of the same samples: fixed effects only, as if every sample were a person
    const naive = daOf([study.design.exposure], {});
    tests.push(...config.methods.map((m) => score(naive.rows, m, `${m}_ignoring_subject`)));
  }
  // The consensus rule (consensus.ts) is scored as one more family when two or more methods vote.
  if (da.consensusMethods.length >= 2) {
    tests.push(
      scoreCalls(
        "consensus",
        null,
        da.consensus.filter(isConsensusCall),
        (r) => ({ taxon: r.taxon, sign: r.direction === "up" ? 1 : -1 }),
        daEffects,
      ),
    );
  }
  const associationRows: TaxonAssociationRow[] = [];
  for (const outcome of study.outcomes) {
    const type = outcome.type === "binary" ? "binary" : "continuous";
    let assoc: ReturnType<typeof associations> | null = null;
    try {
      assoc = associations(table, cohort.metadata, {
        outcome: outcome.column,
        type,
        ...("positive" in outcome ? { positive: outcome.positive } : {}),
        covariates: [study.design.exposure, ...covariates],
        minPrevalence: study.analysis.min_prevalence,
        ...(config.assocModel === undefined ? {} : { model: config.assocModel }),
      });
    } catch (e) {
      // a tiny cohort can leave a binary outcome with one level: no test, so no call
      if (!(e instanceof InputError)) throw e;
      warnings.push(`${outcome.column}: not tested (${e.message})`);
    }
    if (assoc) {
      warnings.push(...assoc.warnings);
      associationRows.push(...assoc.rows);
    }
    const method =
      assoc?.method ??
      (config.assocModel === "outcome_on_clr"
        ? type === "binary"
          ? "logistic"
          : "ols"
        : config.assocModel === "linda"
          ? "linda"
          : "linda_agreement");
    tests.push(
      scoreCalls(
        `${method}:${outcome.column}`,
        outcome.column,
        (assoc?.rows ?? []).filter((r) => r.q < config.fdr),
        (r) => ({ taxon: r.taxon, sign: Math.sign(r.estimate) }),
        effects.filter((e) => e.outcome === outcome.column),
      ),
    );
  }
  tests.push(...hypothesisCalls(study, config.methods, da.rows, associationRows, effects));
  return { n: task.n, rep: task.rep, effects, tests, warnings };
}

/** The planted effects of a cohort's truth, DA effects first, in the truth's order. */
export function plantedEffects(truth: Truth): PlantedEffect[] {
  const effects: PlantedEffect[] = truth.abundanceShifts.map((s) => ({
    effect: s.taxon,
    kind: "abundance",
    taxon: s.taxon,
    outcome: null,
    log2FoldChange: s.log2FoldChange,
    direction: Math.sign(s.log2FoldChange),
  }));
  for (const s of truth.prevalenceShifts) {
    if (effects.some((e) => e.taxon === s.taxon)) continue;
    effects.push({
      effect: s.taxon,
      kind: "prevalence",
      taxon: s.taxon,
      outcome: null,
      log2FoldChange: Number.NaN,
      direction: 1,
    });
  }
  for (const link of truth.outcomeLinks) {
    effects.push({
      effect: `${link.outcome} ~ ${link.taxon}`,
      kind: "association",
      taxon: link.taxon,
      outcome: link.outcome,
      log2FoldChange: Number.NaN,
      direction: Math.sign(link.effect),
    });
  }
  return effects.filter((e) => e.direction !== 0);
}

function scoreCalls<R>(
  method: string,
  outcome: string | null,
  calls: readonly R[],
  signOf: (row: R) => { taxon: string; sign: number },
  planted: readonly PlantedEffect[],
): ReplicateCalls {
  const detected: string[] = [];
  let falseCalls = 0;
  for (const row of calls) {
    const { taxon, sign } = signOf(row);
    const hit = planted.find((e) => e.taxon === taxon && e.direction === sign);
    if (hit) detected.push(hit.effect);
    else falseCalls++;
  }
  return { method, outcome, detected, calls: calls.length, falseCalls };
}

/**
 * Multiplies every planted log fold change and outcome slope by `effect`: abundance fold changes f
 * become f^effect, covariate fold changes are left as they are (they are not exposure effects), and
 * outcome links are scaled linearly. effect = 1 is the design itself; 0 plants no abundance shift.
 */
export function scaleDesignEffects(design: CohortDesign, effect: number): CohortDesign {
  if (effect === 1) return design;
  return {
    ...design,
    abundanceShifts: design.abundanceShifts.map((s) => ({ ...s, foldChange: s.foldChange ** effect })),
    outcomes: design.outcomes.map((o) =>
      o.kind === "side_effect"
        ? o
        : { ...o, links: o.links.map((l) => ({ ...l, effect: l.effect * effect })) },
    ),
  };
}
