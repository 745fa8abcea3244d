// biome-ignore-all lint/style/noNonNullAssertion: typed-array indices here are in range by construction; `!` keeps the hot loops readable
// Mentee-proposing deferred acceptance (Gale–Shapley) with capacities. Both sides rank by the
// pair's score; ties go to the lower index (= lower id, as pools are sorted by id). The result
// has no blocking pair and is the best stable matching for every mentee.
import type { Assignment, Graph } from './graph.ts';

export function stableAssignment(g: Graph): Assignment {
  const { rows, cols } = g;
  const result = new Int32Array(rows).fill(-1);
  const edges = g.rowStart[rows]!;
  // Each row's proposals come best first from a binary min-heap over its own slice of `key`:
  // building it is linear, and most mentees never need more than a few proposals.
  // key = (100 000 − score) × cols + mentor: smaller is better; exact in a double.
  const key = new Float64Array(edges);
  const heapSize = new Int32Array(rows);
  const built = new Uint8Array(rows);
  const siftDown = (base: number, size: number, at: number) => {
    for (;;) {
      const left = 2 * at + 1;
      if (left >= size) return;
      const right = left + 1;
      const child = right < size && key[base + right]! < key[base + left]! ? right : left;
      if (key[base + at]! <= key[base + child]!) return;
      const t = key[base + at]!;
      key[base + at] = key[base + child]!;
      key[base + child] = t;
      at = child;
    }
  };
  const nextChoice = (r: number): number => {
    const base = g.rowStart[r]!;
    if (!built[r]) {
      const size = g.rowStart[r + 1]! - base;
      for (let e = 0; e < size; e++) key[base + e] = (100_000 - g.value[base + e]!) * cols + g.col[base + e]!;
      for (let at = (size >> 1) - 1; at >= 0; at--) siftDown(base, size, at);
      heapSize[r] = size;
      built[r] = 1;
    }
    const size = heapSize[r]!;
    if (size === 0) return -1;
    const top = key[base]!;
    key[base] = key[base + size - 1]!;
    heapSize[r] = size - 1;
    siftDown(base, size - 1, 0);
    return top;
  };

  // Each mentor's current mentees (at most its capacity, ≤ 10): a linear scan finds the weakest.
  const start = new Int32Array(cols + 1);
  for (let j = 0; j < cols; j++) start[j + 1] = start[j]! + Math.max(0, g.capacity[j]!);
  const heldRow = new Int32Array(start[cols]!).fill(-1);
  const heldScore = new Int32Array(start[cols]!);

  const free: number[] = [];
  for (let r = rows - 1; r >= 0; r--) free.push(r);
  while (free.length > 0) {
    const r = free.pop()!;
    const choice = nextChoice(r);
    if (choice < 0) continue;
    const j = choice % cols;
    const score = 100_000 - (choice - j) / cols;
    // An empty place, else the weakest current mentee (lowest score, then highest index).
    let weakest = -1;
    for (let s = start[j]!; s < start[j + 1]!; s++) {
      if (heldRow[s]! < 0) {
        weakest = s;
        break;
      }
      if (
        weakest < 0 ||
        heldScore[s]! < heldScore[weakest]! ||
        (heldScore[s] === heldScore[weakest] && heldRow[s]! > heldRow[weakest]!)
      ) {
        weakest = s;
      }
    }
    if (weakest < 0) {
      free.push(r);
      continue;
    }
    const current = heldRow[weakest]!;
    if (current < 0) {
      heldRow[weakest] = r;
      heldScore[weakest] = score;
      result[r] = j;
    } else if (score > heldScore[weakest]! || (score === heldScore[weakest] && r < current)) {
      heldRow[weakest] = r;
      heldScore[weakest] = score;
      result[r] = j;
      result[current] = -1;
      free.push(current);
    } else {
      free.push(r);
    }
  }
  return result;
}
