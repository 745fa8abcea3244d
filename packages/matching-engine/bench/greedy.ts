// The obvious heuristic the optimum is compared with: take pairs best score first, keep a pair
// when the mentee is free and the mentor has a place. Not part of the engine.
import type { Graph } from '../src/index.ts';

export function greedyTotal(g: Graph): { total: number; matched: number } {
  const edges = g.rowStart[g.rows] as number;
  const rowOf = new Int32Array(edges);
  for (let r = 0; r < g.rows; r++) {
    for (let e = g.rowStart[r] as number; e < (g.rowStart[r + 1] as number); e++) rowOf[e] = r;
  }
  const order = Array.from({ length: edges }, (_, e) => e);
  order.sort((a, b) => (g.value[b] as number) - (g.value[a] as number) || a - b);
  const taken = new Uint8Array(g.rows);
  const left = Int32Array.from(g.capacity);
  let total = 0;
  let matched = 0;
  for (const e of order) {
    const r = rowOf[e] as number;
    const j = g.col[e] as number;
    if (taken[r] || (left[j] as number) <= 0) continue;
    taken[r] = 1;
    left[j] = (left[j] as number) - 1;
    total += g.value[e] as number;
    matched++;
  }
  return { total, matched };
}
