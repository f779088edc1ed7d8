/**
 * The sensitivity panel on a hand-built cohort whose one exposure effect is carried by a taxon
 * present in 6 of 40 samples (15%): it is called as run (prevalence cut 10%) and must hold in every
 * variant except the 20% cut, which no longer tests it — 5 of 6 variants, by hand:
 * as run, min_prevalence 0.05, min_prevalence 0.2 (fails), pseudocount 0.5, pseudocount 1,
 * without age. Also: the panel is deterministic and its "as run" column is the run's own result.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../../src/core/random/rng.js";
import { sensitivitySettings } from "../../src/core/study/config-hypotheses.js";
import { parseStudyConfig, studyConfigSchema } from "../../src/core/study/config.js";
import { runStudy, type StudyRun } from "../../src/core/study/pipeline.js";
import { fromDense } from "../../src/core/table/feature-table.js";
import { parseMetadata } from "../../src/io/metadata.js";
import { studyResultFiles } from "../../src/io/study-files.js";
import { buildReportModel } from "../../src/report/build-model.js";
import { resolvedConfig } from "../helpers/study.js";

const N = 40;
const TAXA = Array.from({ length: 15 }, (_, j) => `T${j}`);
const RARE = "Rare";

function handCohort() {
  const rng = createRng(3);
  const ids = Array.from({ length: N }, (_, i) => `S${String(i).padStart(2, "0")}`);
  const exposed = (i: number) => i % 2 === 1;
  const features = [...TAXA, RARE];
  const m = features.length;
  const dense = new Float64Array(N * m);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < TAXA.length; j++) dense[i * m + j] = 20 + Math.floor(rng.uniform() * 60);
    // The rare taxon: 6 exposed samples only (15% prevalence), abundant where present.
    if (exposed(i) && i < 12) dense[i * m + TAXA.length] = 300 + Math.floor(rng.uniform() * 50);
  }
  const table = fromDense(ids, features, dense);
  const rows = ids.map((id, i) => `${id}\t${exposed(i) ? "user" : "non_user"}\t${20 + ((i * 7) % 41)}`);
  const metadata = parseMetadata(
    `sample-id\tuse\tage\n#q2:types\tcategorical\tnumeric\n${rows.join("\n")}\n`,
    "m.tsv",
  );
  const config = resolvedConfig(
    {
      name: "hand",
      data: { table: "t", metadata: "m" },
      design: { exposure: "use", reference: "non_user", covariates: ["age"] },
      analysis: {
        level: "feature",
        min_depth: 0,
        permutations: 99,
        da_methods: ["linda"],
        beta_metrics: ["braycurtis"],
        alpha_metrics: ["observed_features"],
      },
      sensitivity: { min_prevalence: [0.05, 0.1, 0.2], pseudocounts: [0.5, 1] },
    },
    metadata,
  );
  return { config, data: { table, metadata, sources: { table: "t", metadata: "m" } } };
}

describe("sensitivity panel", () => {
  let run: StudyRun;
  beforeAll(async () => {
    const { config, data } = handCohort();
    run = await runStudy(config, data, { now: () => new Date(0) });
  });

  it("finds the rare taxon's effect fragile exactly at the 20% prevalence cut", () => {
    const s = run.results.sensitivity!;
    expect(s.daMethod).toBe("linda");
    const row = s.rows.find((r) => r.finding === `${RARE} up`);
    expect(row).toEqual({
      finding: `${RARE} up`,
      analysis: "differential_abundance",
      held: 5,
      variants: 6,
      not_held_in: "min_prevalence 0.2",
    });
    const cells = s.variants.filter((v) => v.finding === `${RARE} up`);
    expect(cells.map((v) => v.variant)).toEqual([
      "as run",
      "min_prevalence 0.05",
      "min_prevalence 0.2",
      "pseudocount 0.5",
      "pseudocount 1",
      "without age",
    ]);
    const untested = cells.find((v) => v.variant === "min_prevalence 0.2")!;
    expect(untested).toMatchObject({ estimate: null, p: null, q: null, holds: "no" });
  });

  it("re-checks PERMANOVA on unrarefied reads only when the run called a PERMANOVA difference", () => {
    const s = run.results.sensitivity!;
    const called = s.rows.some((r) => r.analysis === "permanova");
    expect(s.variantLabels.includes("not rarefied")).toBe(called);
  });

  it("reads its 'as run' column from the run's own results", () => {
    const s = run.results.sensitivity!;
    const da = run.results.differentialAbundance!.rows;
    for (const cell of s.variants.filter(
      (v) => v.analysis === "differential_abundance" && v.variant === "as run",
    )) {
      const taxon = cell.finding.replace(/ (up|down)$/, "");
      const row = da.find((r) => r.taxon === taxon && r.method === "linda")!;
      expect([cell.estimate, cell.p, cell.q, cell.holds]).toEqual([
        row.log2_fold_change,
        row.p,
        row.q,
        "yes",
      ]);
    }
  });

  it("is deterministic, writes its two files and a report section with its cost", async () => {
    const { config, data } = handCohort();
    const again = await runStudy(config, data, { now: () => new Date(0) });
    expect(again.results.sensitivity).toEqual(run.results.sensitivity);
    const paths = studyResultFiles(run).map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(["sensitivity.tsv", "sensitivity_variants.tsv"]));
    const section = buildReportModel(run.results).sections.find((x) => x.id === "sensitivity")!;
    expect(section.notes[0]!.text).toMatch(/The panel \(\d+ variants\) took 0 s of this run's 0 s/);
    expect(section.plots).toHaveLength(1);
  });

  it("is skipped with sensitivity: false", async () => {
    const { config, data } = handCohort();
    const off = await runStudy({ ...config, sensitivity: false }, data);
    expect(off.results.sensitivity).toBeUndefined();
  });
});

describe("sensitivity: in study.yaml", () => {
  const yaml = (value: string) =>
    `name: s\ndata: { table: t, metadata: m }\ndesign: { exposure: use, reference: no }\nsensitivity: ${value}\n`;

  it("is on by default, off with false, and a block fills in the other defaults", () => {
    const defaults = {
      min_prevalence: [0.05, 0.1, 0.2],
      pseudocounts: [0.5, 1],
      drop_covariates: true,
      rarefy: true,
    };
    expect(sensitivitySettings(parseStudyConfig(yaml("true")).sensitivity)).toEqual(defaults);
    expect(
      sensitivitySettings(
        studyConfigSchema.parse({
          name: "s",
          data: { table: "t", metadata: "m" },
          design: { exposure: "u", reference: "n" },
        }).sensitivity,
      ),
    ).toEqual(defaults);
    expect(sensitivitySettings(parseStudyConfig(yaml("false")).sensitivity)).toBeNull();
    expect(sensitivitySettings(parseStudyConfig(yaml("{ pseudocounts: [1] }")).sensitivity)).toEqual({
      ...defaults,
      pseudocounts: [1],
    });
  });

  it("rejects an unknown key of the block, naming it", () => {
    expect(() => parseStudyConfig(yaml("{ prevalence: [0.2] }"))).toThrow(/sensitivity/);
  });
});
