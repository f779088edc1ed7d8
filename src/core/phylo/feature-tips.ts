/**
 * Links a table's features to the tips of a tree for phylogenetic metrics (Faith PD, UniFrac):
 * `featureTipNodes` returns, for each feature, the postorder index of the tip carrying its ID.
 *
 * Checks, collected and thrown together as one InputError:
 * - every feature is a tip of the tree (`missing_tips`, naming the first few missing IDs);
 * - tip names are unique (`duplicate_id`);
 * - every non-root branch has a finite, non-negative length (`missing_branch_length`, naming the
 *   first few nodes without one). Tips of the tree absent from the table are allowed (they carry
 *   zero abundance everywhere), as in scikit-bio and Striped UniFrac.
 */
import { InputError, type Issue, listIds } from "../errors.js";
import { duplicateIds } from "../ids.js";
import { nNodes, type Tree, tips } from "./tree.js";

/**
 * The tip node of each table feature, in table order (`out[f]` is a node index of `tree`), checking
 * that the tree can carry the table.
 * @throws {InputError} `duplicate_id` (repeated tip names), `missing_tips` (features with no tip) or
 *   `missing_branch_length` (a branch on a feature's path without a length).
 */
export function featureTipNodes(tree: Tree, featureIds: readonly string[]): Int32Array {
  const issues: Issue[] = [];
  const { names, nodes } = tips(tree);
  const dup = duplicateIds(names);
  if (dup.length > 0) {
    issues.push({
      code: "duplicate_id",
      message: `the tree has duplicate tip names: ${listIds(dup)}`,
      hint: "tip names must be unique to match feature IDs",
    });
  }
  const tipOf = new Map(names.map((name, i) => [name, nodes[i]!]));
  const out = new Int32Array(featureIds.length);
  const missing: string[] = [];
  featureIds.forEach((id, f) => {
    const node = tipOf.get(id);
    if (node === undefined) missing.push(id);
    else out[f] = node;
  });
  if (missing.length > 0) {
    issues.push({
      code: "missing_tips",
      message: `${missing.length} feature(s) are not tips of the tree: ${listIds(missing)}`,
      featureId: missing[0]!,
      hint: "use the tree built for this table, or filter the table to the tree's tips",
    });
  }
  const noLength: string[] = [];
  const root = nNodes(tree) - 1;
  for (let v = 0; v < root; v++) {
    const len = tree.length[v]!;
    if (!(Number.isFinite(len) && len >= 0)) noLength.push(tree.names[v] ?? `(unnamed node ${v})`);
  }
  if (noLength.length > 0) {
    issues.push({
      code: "missing_branch_length",
      message: `${noLength.length} branch(es) have no valid length: ${listIds(noLength)}`,
      hint: "phylogenetic metrics need a finite, non-negative length on every branch",
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  return out;
}
