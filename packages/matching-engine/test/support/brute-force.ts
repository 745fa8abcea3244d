// Exhaustive search over every feasible assignment of a tiny graph: the reference the exact
// solver is checked against.
import type { Graph } from '../../src/assignment/graph.ts';

export interface BruteForceBest {
  total: number;
  matched: number;
}

export function bruteForce(g: Graph, maximiseMatched: boolean): BruteForceBest {
  const load = new Int32Array(g.cols);
  let best: BruteForceBest = { total: -1, matched: -1 };
  const better = (a: BruteForceBest, b: BruteForceBest) =>
    maximiseMatched
      ? a.matched > b.matched || (a.matched === b.matched && a.total > b.total)
      : a.total > b.total;
  const walk = (r: number, total: number, matched: number) => {
    if (r === g.rows) {
      const candidate = { total, matched };
      if (better(candidate, best)) best = candidate;
      return;
    }
    walk(r + 1, total, matched);
    for (let e = g.rowStart[r] as number; e < (g.rowStart[r + 1] as number); e++) {
      const j = g.col[e] as number;
      if ((load[j] as number) >= (g.capacity[j] as number)) continue;
      load[j] = (load[j] as number) + 1;
      walk(r + 1, total + (g.value[e] as number), matched + 1);
      load[j] = (load[j] as number) - 1;
    }
  };
  walk(0, 0, 0);
  return best;
}
