/**
 * Tree: a rooted phylogeny as flat arrays in postorder (children before parents; the root is the
 * last node), the layout Striped UniFrac and scikit-bio's fast paths use.
 *
 *   node index:  0    1    2    3    4        ((A:1,B:2)x:0.5,C:3)root;
 *   name:        A    B    x    C    root
 *   parent:      2    2    4    4    -1
 *   length:      1    2    0.5  3    NaN      (NaN = no length given; the root's is ignored)
 *   isTip:       1    1    0    1    0
 *
 * Parsing (Newick) lives in io/; this module only builds and queries the arrays.
 */
import { InputError } from "../errors.js";

/** A rooted phylogeny as flat arrays in postorder (layout in the module header). */
export interface Tree {
  /** Parent of each node, -1 for the root (the last node). */
  readonly parent: Int32Array;
  /** Branch length to the parent; NaN when absent. */
  readonly length: Float64Array;
  /** Node labels (tip names; internal labels or null). */
  readonly names: readonly (string | null)[];
  /** 1 for tips (no children), 0 for internal nodes. */
  readonly isTip: Uint8Array;
}

/** Number of nodes (tips and internal nodes, root included). */
export function nNodes(tree: Tree): number {
  return tree.parent.length;
}

/** Tip names in postorder with their node indices. */
export function tips(tree: Tree): { names: string[]; nodes: Int32Array } {
  const names: string[] = [];
  const nodes: number[] = [];
  for (let i = 0; i < tree.parent.length; i++) {
    if (tree.isTip[i] === 1) {
      names.push(tree.names[i] ?? "");
      nodes.push(i);
    }
  }
  return { names, nodes: Int32Array.from(nodes) };
}

/**
 * Builds a Tree from nodes given in any order where each node's parent is known, by reordering
 * them into postorder. `parent[i] = -1` marks the (single) root.
 */
export function treeFromParents(
  parent: ArrayLike<number>,
  length: ArrayLike<number>,
  names: readonly (string | null)[],
): Tree {
  const n = parent.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  let root = -1;
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    if (p === -1) {
      if (root !== -1)
        throw InputError.single({ code: "bad_argument", message: "tree has more than one root" });
      root = i;
    } else children[p]!.push(i);
  }
  if (root === -1) throw InputError.single({ code: "bad_argument", message: "tree has no root" });
  const order: number[] = [];
  // Iterative postorder keeps deep (caterpillar) trees off the call stack.
  const stack: [number, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const kids = children[top[0]]!;
    if (top[1] < kids.length) {
      stack.push([kids[top[1]]!, 0]);
      top[1]++;
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }
  if (order.length !== n) throw InputError.single({ code: "bad_argument", message: "tree is not connected" });
  const newIndex = new Int32Array(n);
  order.forEach((old, i) => {
    newIndex[old] = i;
  });
  const outParent = new Int32Array(n);
  const outLength = new Float64Array(n);
  const outIsTip = new Uint8Array(n);
  const outNames: (string | null)[] = new Array(n);
  order.forEach((old, i) => {
    outParent[i] = parent[old] === -1 ? -1 : newIndex[parent[old]!]!;
    outLength[i] = length[old]!;
    outNames[i] = names[old] ?? null;
    outIsTip[i] = children[old]!.length === 0 ? 1 : 0;
  });
  return { parent: outParent, length: outLength, names: outNames, isTip: outIsTip };
}
