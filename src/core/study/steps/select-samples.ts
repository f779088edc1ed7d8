/**
 * Which samples a study analyses, decided once and used by both `validate` (which lists every
 * problem before anything runs) and `run` (prepare.ts): samples without an exposure value are left
 * out, then samples below `analysis.min_depth` reads (count tables only); with
 * `design.drop_small_groups: true`, exposure groups left with fewer than MIN_GROUP_SIZE samples are
 * dropped too (named in the warnings, and so in the report). What remains must be at least two
 * groups, including the reference, of MIN_GROUP_SIZE samples each, in the full table and in the
 * rarefied one (a fixed `analysis.rarefy` depth leaves out every sample with fewer reads).
 */
import { type Issue, listIds } from "../../errors.js";
import { isIntegral, sampleTotals } from "../../table/feature-table.js";
import { getColumn } from "../../table/metadata.js";
import type { StudyConfig } from "../config.js";
import type { StudyData } from "../types.js";

/** Smallest group size for which group comparisons are attempted. */
export const MIN_GROUP_SIZE = 3;

export interface SampleSelection {
  /** Exposure level of each analysed sample, by sample ID, in table order. */
  groupOf: Map<string, string>;
  /** Whether the table holds counts (then the depth filter and rarefaction apply). */
  counts: boolean;
  warnings: string[];
  /** Why `run` would refuse these samples; empty when it can go on. */
  issues: Issue[];
}

/** Number of samples in each exposure group, in first-seen order. */
export function groupSizes(groupOf: ReadonlyMap<string, string>): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const g of groupOf.values()) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  return sizes;
}

function describe(sizes: ReadonlyMap<string, number>): string {
  return [...sizes].map(([g, n]) => `${g}: ${n}`).join(", ") || "none";
}

export function selectSamples(
  config: Pick<StudyConfig, "design" | "analysis">,
  data: StudyData,
): SampleSelection {
  const warnings: string[] = [];
  const issues: Issue[] = [];
  const { exposure: name, reference } = config.design;
  const exposure = getColumn(data.metadata, name);
  const exposureOf = new Map<string, string | null>();
  if (exposure?.kind === "categorical")
    data.metadata.ids.forEach((id, i) => exposureOf.set(id, exposure.values[i]!));
  const ids = data.table.sampleIds;
  const noExposure = ids.filter((id) => (exposureOf.get(id) ?? null) === null);
  if (noExposure.length > 0) {
    warnings.push(
      `${noExposure.length} sample(s) have no value of '${name}' and are not analysed: ${listIds(noExposure)}`,
    );
  }
  const counts = isIntegral(data.table);
  const minDepth = counts ? config.analysis.min_depth : 0;
  const totals = sampleTotals(data.table);
  const shallow = ids.filter((id, s) => exposureOf.get(id) != null && totals[s]! < minDepth);
  if (shallow.length > 0) {
    warnings.push(
      `${shallow.length} sample(s) have fewer than ${minDepth} reads and are not analysed: ${listIds(shallow)}`,
    );
  }
  const depthOf = new Map(ids.map((id, s) => [id, totals[s]!]));
  let groupOf = new Map<string, string>();
  for (const id of ids) {
    const g = exposureOf.get(id) ?? null;
    if (g !== null && depthOf.get(id)! >= minDepth) groupOf.set(id, g);
  }
  const droppedGroups: string[] = [];
  if (config.design.drop_small_groups) {
    const small = [...groupSizes(groupOf)].filter(([g, n]) => n < MIN_GROUP_SIZE && g !== reference);
    for (const [g, n] of small) {
      droppedGroups.push(g);
      warnings.push(
        `group '${g}' of '${name}' has ${n} sample(s), fewer than ${MIN_GROUP_SIZE}, and is not analysed (design.drop_small_groups)`,
      );
    }
    groupOf = new Map([...groupOf].filter(([, g]) => !droppedGroups.includes(g)));
  }

  const after = `after leaving out samples without '${name}'${counts ? ` or below ${minDepth} reads (analysis.min_depth)` : ""}${droppedGroups.length > 0 ? " and small groups" : ""}`;
  const sizes = groupSizes(groupOf);
  const small = [...sizes].filter(([, n]) => n < MIN_GROUP_SIZE);
  const key = counts && shallow.length > 0 ? "analysis.min_depth" : "design.exposure";
  if (
    sizes.size > 0 &&
    exposure?.kind === "categorical" &&
    exposure.levels.includes(reference) &&
    !sizes.has(reference)
  ) {
    issues.push({
      code: "too_few_samples",
      file: data.sources.metadata,
      key,
      message: `${after}, the reference group '${reference}' has no samples (groups left: ${describe(sizes)})`,
      hint: "lower analysis.min_depth, or check that the table's samples are in the metadata",
    });
  } else if (sizes.size < 2 || small.length > 0) {
    issues.push({
      code: "too_few_samples",
      file: data.sources.metadata,
      key,
      message: `${after}, the groups are too small to compare (${describe(sizes)}; at least ${MIN_GROUP_SIZE} per group and two groups are needed)`,
      hint: smallGroupHint(small.length > 0),
    });
  }

  const rarefy = config.analysis.rarefy;
  if (counts && typeof rarefy === "number" && issues.length === 0) {
    const rarefied = new Map([...groupOf].filter(([id]) => depthOf.get(id)! >= rarefy));
    const left = groupSizes(rarefied);
    for (const g of sizes.keys()) if (!left.has(g)) left.set(g, 0);
    if ([...left.values()].some((n) => n < MIN_GROUP_SIZE)) {
      const deepest = Math.max(0, ...[...groupOf.keys()].map((id) => depthOf.get(id)!));
      issues.push({
        code: "too_few_samples",
        key: "analysis.rarefy",
        message: `rarefying to ${rarefy} reads leaves out every sample with fewer reads, and the groups become too small to compare (${describe(left)}; at least ${MIN_GROUP_SIZE} per group are needed)`,
        hint: `choose a depth most samples reach (analysed samples have ${Math.min(...[...groupOf.keys()].map((id) => depthOf.get(id)!))} to ${deepest} reads), or 'auto' (the smallest analysed depth)`,
      });
    }
  }
  return { groupOf, counts, warnings, issues };
}

function smallGroupHint(someSmall: boolean): string {
  return someSmall
    ? "add samples, lower analysis.min_depth, or set design.drop_small_groups: true to leave out groups that are too small"
    : "the exposure needs at least two groups with samples in the table";
}
