import { type Issue, InputError, formatIssue } from "../../core/errors.js";
import type { Tree } from "../../core/phylo/tree.js";
import { alignInputs } from "../../core/table/align.js";
import type { FeatureTable } from "../../core/table/feature-table.js";
import type { SampleMetadata } from "../../core/table/metadata.js";
import { summarizeTable } from "../../core/stats/table-summary.js";
import type { Taxonomy } from "../../core/table/taxonomy.js";
import { loadMetadata, loadTable, loadTaxonomy, loadTree } from "../../node/load.js";
import { type CliContext, implement } from "../command.js";
import { spec } from "../specs/validate.js";
import { validateStudy } from "../../core/study/validate-study.js";
import { loadStudy } from "../../node/study-loader.js";

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

/** `gutresponse validate`, run with its arguments checked against specs/validate.ts. */
export const validate = implement(spec, async ({ positionals, checked }, ctx) => {
  const values = checked();
  if (positionals[0] !== undefined) return validateStudyFile(positionals[0], ctx);
  if (!values.table) {
    throw InputError.single({
      code: "bad_argument",
      message: "give a study file (validate study.yaml) or --table",
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
  return reportProblems(problems, ctx);
});

function reportProblems(problems: readonly Issue[], ctx: CliContext): number {
  if (problems.length === 0) {
    ctx.stdout("no problems found\n");
    return 0;
  }
  ctx.stdout(`${problems.length === 1 ? "1 problem" : `${problems.length} problems`}:\n`);
  for (const p of problems) for (const line of formatIssue(p).split("\n")) ctx.stdout(`  ${line}\n`);
  return 2;
}

async function validateStudyFile(path: string, ctx: CliContext): Promise<number> {
  const { config, data, inputs, referenceChosen } = await loadStudy(path);
  for (const input of inputs)
    ctx.stdout(`${input.role}: ${input.path}${input.dims ? ` (${input.dims})` : ""}\n`);
  if (referenceChosen !== null) {
    ctx.stdout(
      `reference level: '${referenceChosen}' (design.reference not set: the first level of '${config.design.exposure}' in R's sorted order)\n`,
    );
  }
  const { issues, plan } = validateStudy(config, data);
  const problems = [...issues];
  await attempt(
    async () =>
      alignInputs(data.table, {
        ...(data.tree ? { tree: data.tree } : {}),
        ...(data.taxonomy ? { taxonomy: data.taxonomy } : {}),
      }),
    problems,
  );
  if (problems.length === 0) {
    ctx.stdout("\n'gutresponse run' will:\n");
    for (const step of plan) ctx.stdout(`  - ${step}\n`);
  }
  return reportProblems(problems, ctx);
}
