// Reading a results folder's files for `gutresponse meta` (src/io/results-folder.ts) and the
// cohort checks that need more than ranks and methods (src/core/meta/cohorts.ts).
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { checkCohorts } from "../../src/core/meta/cohorts.js";
import { poolCohorts } from "../../src/core/meta/pool-cohorts.js";
import { parseResultsFolder } from "../../src/io/results-folder.js";
import { renderMetaHtml } from "../../src/report/meta-html.js";
import { cohort, daEstimate } from "./helpers.js";

const provenance = (over: Record<string, unknown> = {}) =>
  JSON.stringify({
    tool: "gutresponse",
    simulated: false,
    config: {
      design: { exposure: "kratom_use", reference: "non_user", covariates: ["age"] },
      analysis: { level: "genus", da_methods: ["linda"] },
      outcomes: [{ column: "pain_relief", type: "continuous" }],
      dose: [],
      ...over,
    },
  });

const DA = `taxon\tmethod\tterm\tlog2_fold_change\tse\tstatistic\tp\tq\tprevalence\tmean_relative_abundance
Bacteroides\tlinda\tkratom_useuser\t0.5\t0.25\t2\t0.05\t0.1\t1\t0.3
Rare\tlinda\tkratom_useuser\tNA\tNA\tNA\tNA\tNA\t0.1\t0.001
`;

describe("parseResultsFolder", () => {
  it("reads settings from provenance.json and estimates from the TSV files (NA = missing)", () => {
    const c = parseResultsFolder("study_a/results/", { provenance: provenance(), differentialAbundance: DA });
    expect(c.name).toBe("study_a/results");
    expect(c.settings).toMatchObject({
      rank: "genus",
      daMethods: ["linda"],
      outcomes: ["pain_relief (continuous)"],
    });
    expect(c.has).toEqual({ differential_abundance: true, association: false });
    expect(c.estimates[0]).toMatchObject({
      taxon: "Bacteroides",
      contrast: "kratom_useuser",
      estimate: 0.5,
      se: 0.25,
    });
    expect(c.estimates[1]).toMatchObject({ taxon: "Rare", estimate: null, se: null });
  });

  it("takes the contrast from a `contrast` column when the file has one", () => {
    const withContrast = `taxon\tmethod\tterm\tcontrast\tlog2_fold_change\tse
Bacteroides\tlinda\tkratom_useuser\tuser vs non_user\t0.5\t0.25
`;
    const c = parseResultsFolder("a", { provenance: provenance(), differentialAbundance: withContrast });
    expect(c.estimates[0]!.contrast).toBe("user vs non_user");
    const assoc = `outcome\ttaxon\tmethod\testimate\testimate_scale\tse\tstatistic\tp\tq\tn\tcontrast
pain_relief\tBacteroides\tols\t0.2\tper unit CLR\t0.1\t2\t0.05\t0.1\t40\tNA
`;
    const b = parseResultsFolder("a", { provenance: provenance(), associations: assoc });
    expect(b.estimates[0]).toMatchObject({
      outcome: "pain_relief",
      contrast: "",
      scale: "per unit CLR",
      estimate: 0.2,
    });
  });

  it("names the file and line of a bad header, a ragged row or a non-number", () => {
    expect(() =>
      parseResultsFolder("a", { provenance: provenance(), differentialAbundance: "taxon\tmethod\n" }),
    ).toThrow(/a\/differential_abundance\.tsv, line 1: missing column\(s\) log2_fold_change, se, term/);
    const bad = `${DA}Odd\tlinda\tkratom_useuser\tlarge\t0.1\t1\t1\t1\t1\t1\nShort\tlinda\n`;
    try {
      parseResultsFolder("a", { provenance: provenance(), differentialAbundance: bad });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const text = (e as InputError).message;
      expect(text).toMatch(/line 4, column log2_fold_change: 'large' is not a number/);
      expect(text).toMatch(/line 5: 2 cells, the header has 10/);
    }
  });

  it("refuses a provenance that is not a gutresponse run's, and a folder with no result files", () => {
    expect(() => parseResultsFolder("x", { provenance: "{}" })).toThrow(
      /x\/provenance\.json.*not a gutresponse run/,
    );
    expect(() => parseResultsFolder("x", { provenance: provenance({ analysis: {} }) })).toThrow(
      /lacks rank, daMethods/,
    );
    expect(() => parseResultsFolder("x", { provenance: provenance() })).toThrow(/holds neither/);
  });
});

describe("checkCohorts", () => {
  const a = cohort("a", [daEstimate("linda", "X", 1, 0.5)]);
  it("refuses different outcomes, a missing result file, a folder given twice; warns on covariates", () => {
    const withAssoc = (name: string, outcomes: string[]) => ({
      ...cohort(name, [], { outcomes }),
      has: { differential_abundance: true, association: true },
    });
    expect(() =>
      checkCohorts([withAssoc("a", ["pain (continuous)"]), withAssoc("b", ["pain (binary)"])]),
    ).toThrow(/key 'outcomes': outcomes: pain \(binary\) here, but pain \(continuous\) in 'a'/);
    expect(() => checkCohorts([withAssoc("a", []), cohort("b", [])])).toThrow(
      /associations\.tsv is missing here but present/,
    );
    expect(() => checkCohorts([a, a])).toThrow(/given twice/);
    const other = cohort("b", [daEstimate("linda", "X", 2, 0.5)], { covariates: ["age"] });
    expect(checkCohorts([a, other])[0]).toMatch(/'b' adjusts for age, 'a' for age, sex, bmi/);
    const contrast = cohort("b", [{ ...daEstimate("linda", "X", 2, 0.5), contrast: "kratom_useformer" }]);
    expect(() => checkCohorts([a, contrast])).toThrow(
      /differential-abundance contrasts: kratom_useformer here/,
    );
  });
});

describe("renderMetaHtml", () => {
  it("renders a meta-analysis with nothing pooled, escaping names", async () => {
    const r = poolCohorts([
      cohort("a<script>", [daEstimate("linda", "X&Y", 1, 0.5)]),
      cohort("b", [daEstimate("linda", "Z", 1, 0.5)]),
    ]);
    expect(r.rows).toHaveLength(0);
    const html = await renderMetaHtml(r, {
      command: "gutresponse meta",
      version: "0",
      startedAt: "t0",
      finishedAt: "t1",
      inputs: [],
    });
    expect(html).toContain("a&lt;script&gt;");
    expect(html).toContain("X&amp;Y");
    expect(html).not.toContain("<script>");
    expect(html).toMatch(/2 taxon × family results had a usable estimate in fewer than 2 cohorts/);
  });
});
