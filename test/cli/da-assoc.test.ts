import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const GP = "test/fixtures/GlobalPatterns";
const INPUTS = ["--table", `${GP}/table.biom`, "--metadata", `${GP}/metadata.tsv`];
/** `assoc` of GlobalPatterns' binary human_associated outcome (positive level "yes"). */
const ASSOC_HUMAN = [
  "assoc",
  ...INPUTS,
  "--outcome",
  "human_associated",
  "--type",
  "binary",
  "--positive",
  "yes",
];

describe("gutresponse da", () => {
  it("writes contract rows and the consensus next to them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gr-da-"));
    const out = join(dir, "da.tsv");
    const { code, out: stdout } = await runCli([
      "da",
      ...INPUTS,
      "--formula",
      "~ human_associated",
      "--reference",
      "no",
      "--level",
      "phylum",
      "--methods",
      "linda,maaslin,wilcoxon_clr",
      "--out",
      out,
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/wrote .*da\.consensus\.tsv/);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe(
      "taxon\tmethod\tterm\tcontrast\tlog2_fold_change\tse\tstatistic\tp\tq\tprevalence\tmean_relative_abundance",
    );
    expect(lines[1]!.split("\t").slice(2, 4)).toEqual(["human_associatedyes", "yes vs no"]);
    const consensus = readFileSync(join(dir, "da.consensus.tsv"), "utf8").split("\n");
    expect(consensus[0]).toBe(
      "taxon\tterm\tcontrast\tdirection\tmethods_significant\tmethods_tested\tlog2_fold_change_median",
    );
  });

  it("a cohort whose first metadata row is a user: Faecalibacterium 'up' in users, in any row order", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gr-da-order-"));
    const cohort = join(dir, "cohort");
    expect(
      (await runCli(["simulate", "--design", "kratom", "--n", "65", "--seed", "11", "--out", cohort])).code,
    ).toBe(0);
    const [header, types, ...rows] = readFileSync(join(cohort, "metadata.tsv"), "utf8").trimEnd().split("\n");
    const isUser = (line: string) => line.split("\t")[1] === "user";
    const orders = {
      "users-first": [...rows.filter(isUser), ...rows.filter((r) => !isUser(r))],
      "non-users-first": [...rows.filter((r) => !isUser(r)), ...rows.filter(isUser)],
    };
    const written: Record<string, { da: string; consensus: string; stdout: string }> = {};
    for (const [name, order] of Object.entries(orders)) {
      const md = join(dir, `${name}.tsv`);
      writeFileSync(md, `${[header, types, ...order].join("\n")}\n`);
      const out = join(dir, `${name}.da.tsv`);
      const run = await runCli([
        "da",
        "--table",
        join(cohort, "table.tsv"),
        "--metadata",
        md,
        "--taxonomy",
        join(cohort, "taxonomy.tsv"),
        "--level",
        "genus",
        "--formula",
        "~ kratom_use + age",
        "--methods",
        "linda,maaslin",
        "--out",
        out,
      ]);
      expect(run.code).toBe(0);
      written[name] = {
        da: readFileSync(out, "utf8"),
        consensus: readFileSync(join(dir, `${name}.da.consensus.tsv`), "utf8"),
        stdout: run.out.replace(/wrote .*\n/g, ""),
      };
    }
    const first = written["users-first"]!;
    expect(first.consensus).toMatch(/^Faecalibacterium\tkratom_useuser\tuser vs non_user\tup\t/m);
    expect(first.stdout).toMatch(
      /kratom_use: user vs non_user: \d+ taxa up \(.*Faecalibacterium.*\).* in user relative to non_user/,
    );
    expect(written["non-users-first"]).toEqual(first);
  });

  it("gives the same bytes with ALDEx2 on 1 and 2 threads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gr-da-threads-"));
    const written = await Promise.all(
      ["1", "2"].map(async (threads) => {
        const out = join(dir, `da.${threads}.tsv`);
        const run = await runCli([
          "da",
          ...INPUTS,
          "--formula",
          "~ human_associated",
          "--level",
          "genus",
          "--methods",
          "aldex2",
          "--mc",
          "16",
          "--threads",
          threads,
          "--out",
          out,
        ]);
        expect(run.code).toBe(0);
        return readFileSync(out, "utf8");
      }),
    );
    expect(written[0]!.split("\n").length).toBeGreaterThan(100);
    expect(written[1]).toBe(written[0]);
  });

  it("exits 2 with a readable error for an unknown method", async () => {
    const { code, err } = await runCli([
      "da",
      ...INPUTS,
      "--formula",
      "~ human_associated",
      "--methods",
      "deseq2",
      "--out",
      join(tmpdir(), "never.tsv"),
    ]);
    expect(code).toBe(2);
    expect(err).toMatch(/unknown DA method/);
  });
});

describe("gutresponse assoc", () => {
  it("fits the LinDA-way association per phylum (and the old model on request), contract rows", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gr-assoc-"));
    const out = join(dir, "assoc.tsv");
    const { code } = await runCli([
      ...ASSOC_HUMAN,
      "--covariates",
      "log10_library_size",
      "--level",
      "phylum",
      "--out",
      out,
    ]);
    expect(code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines[0]).toBe(
      "outcome\ttaxon\tmethod\tcontrast\testimate\testimate_scale\tse\tstatistic\tp\tq\tn",
    );
    expect(lines[1]!.split("\t").slice(2, 6)).toEqual([
      "linda_agreement",
      "yes vs no",
      expect.any(String),
      "log2 fold change of the taxon, yes vs no",
    ]);
    const old = join(dir, "old.tsv");
    const again = await runCli([
      ...ASSOC_HUMAN,
      "--level",
      "phylum",
      "--model",
      "outcome_on_clr",
      "--out",
      old,
    ]);
    expect(again.code).toBe(0);
    expect(readFileSync(old, "utf8").trim().split("\n")[1]!.split("\t")[2]).toBe("logistic");
  });
});
