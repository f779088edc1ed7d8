/**
 * Contrasts as R makes them: levels sorted (R's factor()), so the reference level, the sign of
 * every estimate and every p-value do not depend on the order of the metadata rows; each row names
 * its contrast in words; a missing reference or positive level, and a one-level or all-missing
 * outcome, are clear input errors. Metadata is shuffled through the TSV writer and reader, as a
 * user's file with the rows in another order would be read.
 */
import { describe, expect, it } from "vitest";
import { associations } from "../../src/core/assoc/associations.js";
import { doseResponse } from "../../src/core/assoc/dose-response.js";
import { permanova } from "../../src/core/community/permanova.js";
import { differentialAbundance } from "../../src/core/da/differential-abundance.js";
import { betaDiversity } from "../../src/core/beta/beta-diversity.js";
import { InputError } from "../../src/core/errors.js";
import { createRng } from "../../src/core/random/rng.js";
import { kratomDemoDesign } from "../../src/core/simulate/designs/kratom.js";
import { simulateCohort } from "../../src/core/simulate/simulate-cohort.js";
import { designMatrix } from "../../src/core/stats/design-matrix.js";
import { collapseToRank } from "../../src/core/table/collapse.js";
import type { SampleMetadata } from "../../src/core/table/metadata.js";
import { formatMetadata, parseMetadata } from "../../src/io/metadata.js";

const cohort = simulateCohort(kratomDemoDesign(), { n: 40, seed: 7 });
const table = collapseToRank(cohort.table, cohort.taxonomy, "genus").table;
const metadata = parseMetadata(formatMetadata(cohort.metadata), "metadata.tsv");

/** The same metadata file with its data rows in another order (users first, then shuffled). */
function reordered(md: SampleMetadata, how: "users-first" | "non-users-first" | number): SampleMetadata {
  const lines = formatMetadata(md).trimEnd().split("\n");
  const header = lines.slice(0, 2);
  const rows = lines.slice(2);
  const isUser = (line: string) => line.split("\t")[1] === "user";
  if (how === "users-first") rows.sort((a, b) => Number(isUser(b)) - Number(isUser(a)));
  else if (how === "non-users-first") rows.sort((a, b) => Number(isUser(a)) - Number(isUser(b)));
  else createRng(how).shuffle(rows);
  return parseMetadata(`${[...header, ...rows].join("\n")}\n`, "metadata.tsv");
}

function errorOf(f: () => unknown): InputError {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error("expected an InputError");
}

describe("level order and row order", () => {
  it("the cohort's first-row group does not decide the reference level", () => {
    const usersFirst = reordered(metadata, "users-first");
    expect(usersFirst.columns[0]!.values[0]).toBe("user");
    const exposure = usersFirst.columns.find((c) => c.name === "kratom_use")!;
    expect(exposure.kind === "categorical" && exposure.levels).toEqual(["non_user", "user"]);
    const d = designMatrix("~ kratom_use + age", usersFirst, { ids: table.sampleIds });
    expect(d.columnNames).toEqual(["(Intercept)", "kratom_useuser", "age"]);
    expect(d.terms.map((t) => t.contrasts)).toEqual([["user vs non_user"], ["per unit of age"]]);
  });

  it("differentialAbundance: the same rows (values, signs, contrast) for any metadata row order", () => {
    const options = { formula: "~ kratom_use + age", seed: 3, mc: 8 };
    const base = differentialAbundance(table, metadata, options);
    expect(base.contrasts).toEqual(["user vs non_user"]);
    expect(new Set(base.rows.map((r) => r.contrast))).toEqual(new Set(["user vs non_user"]));
    const faecali = base.consensus.find((c) => c.taxon === "Faecalibacterium")!;
    expect(faecali).toMatchObject({ direction: "up", contrast: "user vs non_user" });
    for (const how of ["users-first", "non-users-first", 11] as const) {
      const other = differentialAbundance(table, reordered(metadata, how), options);
      expect(other.rows).toEqual(base.rows);
      expect(other.consensus).toEqual(base.consensus);
    }
  });

  it("wilcoxon_clr is reported but does not vote in the consensus when the formula has covariates", () => {
    const adjusted = differentialAbundance(table, metadata, {
      formula: "~ kratom_use + age",
      methods: ["linda", "wilcoxon_clr"],
      seed: 1,
    });
    expect(adjusted.rows.some((r) => r.method === "wilcoxon_clr")).toBe(true);
    expect(adjusted.consensusMethods).toEqual(["linda"]);
    for (const c of adjusted.consensus) expect(c.methods_tested).toBe(1);
    expect(adjusted.warnings.join("\n")).toMatch(/wilcoxon_clr is reported but not counted in the consensus/);
    const unadjusted = differentialAbundance(table, metadata, {
      formula: "~ kratom_use",
      methods: ["linda", "wilcoxon_clr"],
      seed: 1,
    });
    expect(unadjusted.consensusMethods).toEqual(["linda", "wilcoxon_clr"]);
    expect(Math.max(...unadjusted.consensus.map((c) => c.methods_tested))).toBe(2);
  });

  it("associations and dose–response: the same rows for any metadata row order, contrast in words", () => {
    const binary = { outcome: "constipation", type: "binary" as const, covariates: ["age"] };
    const continuous = { outcome: "pain_relief", type: "continuous" as const, covariates: ["age"] };
    const dose = { dose: "dose_g_per_day", exposure: "kratom_use", covariates: ["age"] };
    const b = associations(table, metadata, binary);
    const c = associations(table, metadata, continuous);
    const d = doseResponse(table, metadata, dose);
    expect(b.rows[0]!.contrast).toBe("yes vs no");
    expect(c.rows[0]!.contrast).toBe("pain_relief");
    expect(d.rows[0]!.contrast).toBe("per unit of dose_g_per_day");
    for (const how of ["users-first", 5] as const) {
      const md = reordered(metadata, how);
      expect(associations(table, md, binary).rows).toEqual(b.rows);
      expect(associations(table, md, continuous).rows).toEqual(c.rows);
      expect(doseResponse(table, md, dose).rows).toEqual(d.rows);
    }
  });

  it("PERMANOVA: the same table, p-values included, for any metadata row order", () => {
    const dm = betaDiversity(table, "aitchison");
    const run = (md: SampleMetadata) =>
      permanova(dm, designMatrix("~ kratom_use + age", md, { ids: dm.ids }), {
        permutations: 99,
        seed: 2,
        by: "margin",
      });
    const base = run(metadata);
    expect(run(reordered(metadata, "users-first"))).toEqual(base);
    expect(run(reordered(metadata, 9))).toEqual(base);
  });
});

describe("bad levels and outcomes are clear errors", () => {
  it("a reference level that does not exist is refused, naming the levels present", () => {
    const e = errorOf(() =>
      differentialAbundance(table, metadata, { formula: "~ kratom_use", reference: "nonuser", seed: 1 }),
    );
    expect(e.issues[0]!.code).toBe("bad_level");
    expect(e.issues[0]!.message).toContain("'nonuser'");
    expect(e.issues[0]!.hint).toBe("levels present: non_user, user");
  });

  it("a positive level that does not exist is refused, naming the levels present", () => {
    const e = errorOf(() =>
      associations(table, metadata, { outcome: "constipation", type: "binary", positive: "Yes" }),
    );
    expect(e.issues[0]!.code).toBe("bad_level");
    expect(e.issues[0]!.message).toContain("'Yes'");
    expect(e.issues[0]!.hint).toBe("levels present: no, yes");
  });

  it("an outcome missing everywhere, or with one level among the samples, is an error, not an empty table", () => {
    const blank = (name: string, keep: (v: string) => boolean) =>
      parseMetadata(
        formatMetadata(metadata)
          .split("\n")
          .map((line, i) => {
            if (i < 2 || line === "") return line;
            const cells = line.split("\t");
            const j = formatMetadata(metadata).split("\n")[0]!.split("\t").indexOf(name);
            if (!keep(cells[j]!)) cells[j] = "";
            return cells.join("\t");
          })
          .join("\n"),
        "metadata.tsv",
      );
    const allMissing = blank("pain_relief", () => false);
    expect(
      errorOf(() => associations(table, allMissing, { outcome: "pain_relief", type: "continuous" }))
        .issues[0]!.message,
    ).toMatch(/missing in all 40 sample/);
    const onlyNo = blank("constipation", (v) => v === "no");
    const e = errorOf(() => associations(table, onlyNo, { outcome: "constipation", type: "binary" }));
    expect(e.issues[0]!.code).toBe("bad_level");
    expect(e.issues[0]!.message).toMatch(/has 1 level\(s\) \(no\)/);
    const noneAtAll = blank("constipation", () => false);
    expect(
      errorOf(() => associations(table, noneAtAll, { outcome: "constipation", type: "binary" })).issues[0]!
        .message,
    ).toMatch(/every value is missing/);
  });
});
