/** `gutresponse da`: differential abundance by several methods, plus their consensus (spec: specs/da.ts). */
import {
  type DifferentialAbundanceResult,
  differentialAbundance,
} from "../../core/da/differential-abundance.js";
import { CONSENSUS_COLUMNS, DA_ROW_COLUMNS, type DaMethodName } from "../../core/da/types.js";
import { listIds } from "../../core/errors.js";
import { relativeTo, termLabel } from "../../core/stats/contrast-words.js";
import { formatRecords } from "../../io/tsv-format.js";
import { Aldex2Workers } from "../../node/aldex2-parallel.js";
import { loadMetadata } from "../../node/load.js";
import { implement } from "../command.js";
import { besideTsv, checkOutputFiles, writeOutputFile } from "../output.js";
import { spec } from "../specs/da.js";
import { loadTableAtLevel } from "../table-at-level.js";

/** `gutresponse da`, run with its arguments checked against specs/da.ts. */
export const da = implement(spec, async ({ values, problems, checked }, ctx) => {
  // Every option and input is checked before any problem is reported, so all are listed at once.
  const out = values.out;
  await problems.load(() =>
    checkOutputFiles([out, out === undefined ? undefined : besideTsv(out, "consensus")], values.force),
  );
  // ALDEx2's workers start (importing their modules) while the inputs are read
  const aldex2 =
    values.methods === undefined || values.methods.length === 0 || values.methods.includes("aldex2");
  const threads = values.threads ?? 1;
  const workers = aldex2 && threads > 1 ? Aldex2Workers.start(threads) : undefined;
  const table = await problems.loadPath(values.table, (path) =>
    loadTableAtLevel(path, values.taxonomy, values.level),
  );
  const metadata = await problems.loadPath(values.metadata, loadMetadata);
  const v = checked();
  const consensusPath = besideTsv(v.out, "consensus");
  const result = differentialAbundance(table!, metadata!, {
    formula: v.formula,
    ...(v.term === undefined ? {} : { term: v.term }),
    ...(v.reference === undefined ? {} : { reference: v.reference }),
    ...(v.methods.length === 0 ? {} : { methods: v.methods as DaMethodName[] }),
    fdr: v.fdr,
    minPrevalence: v["min-prevalence"],
    mc: v.mc,
    seed: v.seed,
    ...(workers ? { aldex2Threads: workers } : {}),
  });
  await workers?.close();
  await writeOutputFile(ctx, "da", v.out, formatRecords([...DA_ROW_COLUMNS], result.rows));
  await writeOutputFile(ctx, "da", consensusPath, formatRecords([...CONSENSUS_COLUMNS], result.consensus));
  for (const w of result.warnings) ctx.stderr(`warning: ${w}\n`);
  const called = result.consensus.filter((c) => c.direction !== "none").length;
  ctx.stdout(
    `${result.taxaTested} taxa x ${result.methods.length} methods on ${result.samples} samples; ` +
      `${called} taxa called by at least one method at q < ${result.fdr}\n`,
  );
  for (const contrast of result.contrasts) ctx.stdout(`${contrastSummary(result, contrast)}\n`);
  ctx.stdout(`wrote ${v.out}\nwrote ${consensusPath}\n`);
  return 0;
});

/** "kratom_use: user vs non_user: 2 taxa up, 1 down in user relative to non_user (A, B; C)". */
function contrastSummary(result: DifferentialAbundanceResult, contrast: string): string {
  const rows = result.consensus.filter((c) => c.contrast === contrast);
  const named = (direction: string) => rows.filter((c) => c.direction === direction).map((c) => c.taxon);
  const up = named("up");
  const down = named("down");
  const list = (taxa: string[]) => (taxa.length > 0 ? ` (${listIds(taxa)})` : "");
  return (
    `${termLabel(result.term, contrast)}: ${up.length} taxa up${list(up)}, ${down.length} down${list(down)} ` +
    `${relativeTo(contrast)} (consensus of ${result.consensusMethods.join(", ")})`
  );
}
