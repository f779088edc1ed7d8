import { type Issue, InputError, formatIssue } from "../../core/errors.js";
import type { Tree } from "../../core/phylo/tree.js";
import { alignInputs } from "../../core/table/align.js";
import type { FeatureTable } from "../../core/table/feature-table.js";
import type { SampleMetadata } from "../../core/table/metadata.js";
import { summarizeTable } from "../../core/table/summary.js";
import type { Taxonomy } from "../../core/table/taxonomy.js";
import { loadMetadata, loadTable, loadTaxonomy, loadTree } from "../../node/load.js";
import { parseCommandArgs } from "../args.js";
import type { Command } from "../command.js";

/** Runs a loader; an InputError becomes problems, anything else propagates. */
async function attempt<T>(load: () => Promise<T>, problems: Issue[]): Promise<T | undefined> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof InputError) {
      problems.push(...e.issues);
      return undefined;
    }
    throw e;
  }
}

function treeProblems(tree: Tree, source: string): Issue[] {
  const missing: string[] = [];
  for (let i = 0; i < tree.parent.length; i++) {
    if (tree.parent[i] !== -1 && Number.isNaN(tree.length[i]!)) missing.push(tree.names[i] ?? `node ${i}`);
  }
  if (missing.length === 0) return [];
  return [
    {
      code: "missing_branch_length",
      file: source,
      message: `${missing.length} branch(es) have no length, e.g. ${missing.slice(0, 5).join(", ")}`,
      hint: "UniFrac and Faith PD need every branch length",
    },
  ];
}

export const validate: Command = {
  name: "validate",
  summary: "check a table and its metadata, tree and taxonomy; print what was read and every problem",
  help: `gutresponse validate --table T [--metadata M] [--tree X] [--taxonomy Y]

Reads each input (formats detected from the content), prints what was read, then checks that they
fit together: every table sample in the metadata, every table feature a tip of the tree and in the
taxonomy, no empty samples, branch lengths present. Prints every problem found and exits 2 when
there is any, 0 when all is well.

Example:
  gutresponse validate --table table.biom --metadata metadata.tsv --tree tree.nwk --taxonomy taxonomy.tsv`,
  async run(argv, ctx) {
    const { values } = parseCommandArgs("validate", argv, {
      table: { type: "string" },
      metadata: { type: "string" },
      tree: { type: "string" },
      taxonomy: { type: "string" },
    });
    if (values.help) {
      ctx.stdout(`${this.help}\n`);
      return 0;
    }
    if (!values.table) {
      throw InputError.single({
        code: "bad_argument",
        message: "--table is required (validating a study file is not available yet)",
        hint: "run 'gutresponse validate --help' for an example",
      });
    }
    const problems: Issue[] = [];
    const read = await attempt(() => loadTable(values.table!), problems);
    const table: FeatureTable | undefined = read?.table;
    if (read && table) {
      const s = summarizeTable(table);
      ctx.stdout(
        `table: ${values.table} (${read.format}): ${s.samples} samples, ${s.features} features, total ${s.totalCount}\n`,
      );
      if (s.emptySamples.length > 0) {
        problems.push({
          code: "all_zero_sample",
          file: values.table,
          message: `${s.emptySamples.length} sample(s) have no reads: ${s.emptySamples.slice(0, 5).join(", ")}`,
          hint: "remove them before analysis",
        });
      }
    }
    let metadata: SampleMetadata | undefined;
    let tree: Tree | undefined;
    let taxonomy: Taxonomy | undefined = read?.taxonomy;
    if (values.metadata) {
      metadata = await attempt(() => loadMetadata(values.metadata!), problems);
      if (metadata)
        ctx.stdout(
          `metadata: ${values.metadata}: ${metadata.ids.length} samples, ${metadata.columns.length} columns\n`,
        );
    }
    if (values.tree) {
      tree = await attempt(() => loadTree(values.tree!), problems);
      if (tree) {
        const nTips = tree.isTip.reduce((a, b) => a + b, 0);
        ctx.stdout(`tree: ${values.tree}: ${nTips} tips, ${tree.parent.length} nodes\n`);
        problems.push(...treeProblems(tree, values.tree));
      }
    }
    if (values.taxonomy) {
      taxonomy = await attempt(() => loadTaxonomy(values.taxonomy!), problems);
      if (taxonomy) ctx.stdout(`taxonomy: ${values.taxonomy}: ${taxonomy.featureIds.length} features\n`);
    }
    if (table) {
      const inputs = {
        ...(metadata ? { metadata } : {}),
        ...(tree ? { tree } : {}),
        ...(taxonomy ? { taxonomy } : {}),
      };
      await attempt(async () => alignInputs(table, inputs), problems);
    }
    if (problems.length === 0) {
      ctx.stdout("no problems found\n");
      return 0;
    }
    ctx.stdout(`${problems.length === 1 ? "1 problem" : `${problems.length} problems`}:\n`);
    for (const p of problems) for (const line of formatIssue(p).split("\n")) ctx.stdout(`  ${line}\n`);
    return 2;
  },
};
