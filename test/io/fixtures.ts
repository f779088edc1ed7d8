/** Paths and reference values shared by the io tests. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export const FIXTURES = resolve(__dirname, "../fixtures");
export const fixture = (...parts: string[]): string => resolve(FIXTURES, ...parts);
export const fixtureBytes = (...parts: string[]): Uint8Array =>
  new Uint8Array(readFileSync(fixture(...parts)));

export interface TableReference {
  n_features: number;
  n_samples: number;
  nnz: number;
  sample_ids: string[];
  first_features: string[];
  last_feature: string;
  sample_totals: number[];
  feature_totals_first5: number[];
  cells: [string, string, number][];
  taxonomy: Record<string, string[]> | null;
}

/** biom-format 2.1.12 values (test/fixtures/extra/README.md, "io_tables.json"). */
export const TABLE_REF = JSON.parse(readFileSync(fixture("extra/io_tables.json"), "utf8")).datasets as Record<
  string,
  TableReference
>;

export const TREE_REF = JSON.parse(readFileSync(fixture("extra/io_trees.json"), "utf8")).datasets as Record<
  string,
  {
    n_nodes: number;
    n_tips: number;
    first_tips: string[];
    total_length: number;
    n_internal_named: number;
    max_depth_edges: number;
    tip_lengths_first5: number[];
  }
>;

/** Runs `fn` and returns the InputError it throws (fails the test when it does not throw). */
export async function thrown(
  fn: () => unknown,
): Promise<{ issues: { code: string; message: string }[]; message: string }> {
  try {
    await fn();
  } catch (e) {
    return e as { issues: { code: string; message: string }[]; message: string };
  }
  throw new Error("expected an error");
}
