import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/errors.js";
import { addTaxonIfAbsent, renormalise, scaleTaxon } from "../../src/core/simulate/implant.js";
import {
  createTemplate,
  excludeTemplateTaxa,
  gutTemplate,
  isIlluminaGutProfile,
  selectTemplateSamples,
  templateTaxonIndex,
} from "../../src/core/simulate/template.js";

describe("gutTemplate", () => {
  const template = gutTemplate();

  it("decodes to exactly the shipped TSV (data/gut_template), renormalised per sample", () => {
    const lines = readFileSync(
      resolve(__dirname, "../../data/gut_template/genus_relative_abundance.tsv"),
      "utf8",
    )
      .trimEnd()
      .split("\n");
    const samples = lines[0]!.split("\t").slice(1);
    expect(template.sampleIds).toEqual(samples);
    expect(template.taxa).toHaveLength(lines.length - 1);
    const m = template.taxa.length;
    const sums = new Float64Array(samples.length);
    const rows = lines.slice(1).map((l) => l.split("\t"));
    for (const row of rows) {
      row.slice(1).forEach((v, s) => {
        sums[s]! += Number(v);
      });
    }
    let maxError = 0;
    for (const row of rows) {
      const t = template.taxa.indexOf(row[0]!);
      row.slice(1).forEach((v, s) => {
        maxError = Math.max(maxError, Math.abs(template.profiles[s * m + t]! - Number(v) / sums[s]!));
      });
    }
    expect(maxError).toBeLessThan(1e-15);
  });

  it("has the genera the reference design names, exactly spelled", () => {
    for (const g of [
      "Faecalibacterium",
      "Akkermansia",
      "Clostridium",
      "Methanobrevibacter",
      "Bifidobacterium",
    ]) {
      expect(template.taxa).toContain(g);
    }
    expect(template.lineages[template.taxa.indexOf("Methanobrevibacter")]).toMatch(
      /^d__Archaea;.*g__Methanobrevibacter$/,
    );
    expect(template.lineages[template.taxa.indexOf("Lachnospiraceae")]).toMatch(/f__Lachnospiraceae$/);
  });

  it("excludes taxa and renormalises each profile to 1", () => {
    const t = excludeTemplateTaxa(template, ["unassigned"]);
    expect(t.taxa).not.toContain("unassigned");
    const m = t.taxa.length;
    for (let s = 0; s < t.sampleIds.length; s++) {
      let sum = 0;
      for (let k = 0; k < m; k++) sum += t.profiles[s * m + k]!;
      expect(sum).toBeCloseTo(1, 12);
    }
  });

  it("names the design key and similar taxa when a taxon is misspelt", () => {
    expect(() => templateTaxonIndex(template, "Faecalibacteria", "abundanceShifts")).toThrow(
      /Faecalibacterium/,
    );
  });

  it("rejects negative and all-zero template profiles with their sample IDs", () => {
    try {
      createTemplate({ taxa: ["a", "b"], sampleIds: ["s1", "s2"], profiles: [1, -1, 0, 0], source: "test" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).issues.map((i) => [i.code, i.sampleId])).toEqual([
        ["negative_value", "s1"],
        ["all_zero_sample", "s2"],
      ]);
    }
  });
});

describe("selectTemplateSamples / isIlluminaGutProfile", () => {
  const template = excludeTemplateTaxa(gutTemplate(), ["unassigned"]);
  const metadata = readFileSync(resolve(__dirname, "../../data/gut_template/metadata.tsv"), "utf8")
    .trimEnd()
    .split("\n")
    .slice(1)
    .map((l) => l.split("\t"))
    .filter((cells) => !cells[0]!.startsWith("#"));

  it("names exactly the profiles whose SeqTech is Illumina in data/gut_template/metadata.tsv (85 of 126)", () => {
    const illumina = metadata.filter((c) => c[1] === "Illumina").map((c) => c[0]);
    expect(illumina).toHaveLength(85);
    expect(template.sampleIds.filter(isIlluminaGutProfile)).toEqual(illumina);
  });

  it("keeps the selected profiles unchanged, in template order", () => {
    const sub = selectTemplateSamples(template, isIlluminaGutProfile);
    const m = template.taxa.length;
    expect(sub.taxa).toEqual(template.taxa);
    expect(sub.sampleIds).toHaveLength(85);
    sub.sampleIds.forEach((id, k) => {
      const s = template.sampleIds.indexOf(id);
      expect(sub.profiles.subarray(k * m, (k + 1) * m)).toEqual(
        template.profiles.subarray(s * m, (s + 1) * m),
      );
    });
    expect(() => selectTemplateSamples(template, () => false)).toThrow(InputError);
  });

  it("shows the technology batch it exists for: rare genera present in Illumina, absent in Sanger profiles", () => {
    const m = template.taxa.length;
    const presence = (j: number, ids: (id: string) => boolean) => {
      const rows = template.sampleIds.flatMap((id, s) => (ids(id) ? [s] : []));
      return rows.filter((s) => template.profiles[s * m + j]! > 0).length / rows.length;
    };
    const starkeya = templateTaxonIndex(template, "Starkeya", "test");
    expect(presence(starkeya, isIlluminaGutProfile)).toBe(1);
    expect(presence(starkeya, (id) => !isIlluminaGutProfile(id))).toBe(0);
  });
});

describe("signal implantation", () => {
  it("shifts the log ratio of a planted taxon to any untouched taxon by exactly ln(fold)", () => {
    // Hand example: a = (0.5, 0.3, 0.2), taxon 0 x 3 -> (1.5, 0.3, 0.2) / 2 = (0.75, 0.15, 0.1).
    const a = Float64Array.from([0.5, 0.3, 0.2]);
    scaleTaxon(a, 0, 3);
    renormalise(a);
    expect(Array.from(a)).toEqual([0.75, 0.15, 0.1].map((v) => expect.closeTo(v, 15)));
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 3, maxLength: 20 }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        (w, fold) => {
          const p = Float64Array.from(w);
          renormalise(p);
          const before = Math.log(p[0]! / p[2]!);
          const untouched = Math.log(p[1]! / p[2]!);
          scaleTaxon(p, 0, fold);
          renormalise(p);
          return (
            Math.abs(Math.log(p[0]! / p[2]!) - before - Math.log(fold)) < 1e-9 &&
            Math.abs(Math.log(p[1]! / p[2]!) - untouched) < 1e-9
          );
        },
      ),
    );
  });

  it("adds a taxon only where it is absent", () => {
    const a = Float64Array.from([0.6, 0, 0.4]);
    expect(addTaxonIfAbsent(a, 1, 0.2)).toBe(true);
    expect(addTaxonIfAbsent(a, 0, 0.2)).toBe(false);
    renormalise(a);
    expect(Array.from(a)).toEqual([0.5, 0.2 / 1.2, 0.4 / 1.2].map((v) => expect.closeTo(v, 15)));
  });
});
