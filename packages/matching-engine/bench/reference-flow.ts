// An independent reference for the cohort optimum: textbook min-cost flow by successive shortest
// paths with a queue-based Bellman–Ford (SPFA), written separately from the engine's auction and
// sharing none of its code. Source → mentee (cap 1) → mentor (cap 1, cost −value) → sink (cap =
// places). Augment along a cheapest path while it has negative cost: the cost of the cheapest flow
// of each size is convex in the size, so stopping there gives the maximum-weight b-matching.
// Slow (O(matches × paths)), fine for 1,000 × 200.
import type { Graph } from '../src/assignment/graph.ts';

export function referenceOptimum(g: Graph, maximiseMatched: boolean): { total: number; matched: number } {
  let maxValue = 0;
  for (let e = 0; e < g.value.length; e++) maxValue = Math.max(maxValue, g.value[e] as number);
  const bonus = maximiseMatched ? maxValue * Math.min(g.rows, g.rows * g.cols) + 1 : 0;

  const source = 0;
  const rowNode = (r: number) => 1 + r;
  const colNode = (j: number) => 1 + g.rows + j;
  const sink = 1 + g.rows + g.cols;
  const nodes = sink + 1;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const head = new Int32Array(nodes).fill(-1);
  const next: number[] = [];
  const addArc = (u: number, v: number, c: number, w: number) => {
    to.push(v, u);
    cap.push(c, 0);
    cost.push(w, -w);
    next.push(head[u] as number, head[v] as number);
    head[u] = to.length - 2;
    head[v] = to.length - 1;
  };
  for (let r = 0; r < g.rows; r++) addArc(source, rowNode(r), 1, 0);
  const valueArcs: { arc: number; value: number }[] = [];
  for (let r = 0; r < g.rows; r++) {
    for (let e = g.rowStart[r] as number; e < (g.rowStart[r + 1] as number); e++) {
      const value = g.value[e] as number;
      valueArcs.push({ arc: to.length, value });
      addArc(rowNode(r), colNode(g.col[e] as number), 1, -(value + bonus));
    }
  }
  for (let j = 0; j < g.cols; j++) addArc(colNode(j), sink, g.capacity[j] as number, 0);

  const dist = new Float64Array(nodes);
  const via = new Int32Array(nodes);
  const inQueue = new Uint8Array(nodes);
  for (;;) {
    dist.fill(Number.POSITIVE_INFINITY);
    via.fill(-1);
    dist[source] = 0;
    const queue = [source];
    inQueue[source] = 1;
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi] as number;
      inQueue[u] = 0;
      for (let a = head[u] as number; a >= 0; a = next[a] as number) {
        if ((cap[a] as number) <= 0) continue;
        const v = to[a] as number;
        const d = (dist[u] as number) + (cost[a] as number);
        if (d < (dist[v] as number)) {
          dist[v] = d;
          via[v] = a;
          if (!inQueue[v]) {
            inQueue[v] = 1;
            queue.push(v);
          }
        }
      }
    }
    if (!((dist[sink] as number) < 0)) break;
    for (let v = sink; v !== source; ) {
      const a = via[v] as number;
      cap[a] = (cap[a] as number) - 1;
      cap[a ^ 1] = (cap[a ^ 1] as number) + 1;
      v = to[a ^ 1] as number;
    }
  }
  let total = 0;
  let matched = 0;
  for (const { arc, value } of valueArcs) {
    if (cap[arc] === 0) {
      total += value;
      matched++;
    }
  }
  return { total, matched };
}
