// biome-ignore-all lint/style/noNonNullAssertion: typed-array indices here are in range by construction; `!` keeps the hot loops readable
// The cohort optimum: a maximum-weight b-matching (each mentee at most one mentor, each mentor at
// most its free places), solved exactly by Bertsekas's auction algorithm with ε-scaling (forward
// bids by mentees, reverse steps by mentors with a free place), run on each mentee's best edges and
// certified against every edge of the graph.
//
// Why it is exact. Every mentee has a private "unmatched" option of value 0 and price 0, so every
// mentee always holds something; every place has a price p ≥ 0. The auction keeps
// ε-complementary slackness (ε-CS): what a mentee holds is worth, value − price, within ε of the
// best it could hold. Reverse steps bring every free place's price to 0. Then π (each mentee's
// value − price) and p are a dual solution of the matching's linear programme
//     max Σ v·x,  Σ_mentor x ≤ 1 per mentee,  Σ_mentee x ≤ places per mentor,  x ≥ 0
// that becomes feasible when ε is added to every π; its objective minus the matching's value is
// at most (mentees) × ε, so by LP duality the matching is within (mentees) × ε of the optimum.
// Values are integers scaled by K = (mentees with an edge) + 1 and the last phase runs with ε = 1,
// so the gap is below one unscaled unit, and with integer values the matching is optimal. Scores
// are integers in thousandths of a point, so the optimum is exact at that resolution.
//
// The auction only sees each mentee's best few edges (INITIAL_CANDIDATES), because a bid then
// costs a few reads instead of a pass over thousands of mentors. After it, ε-CS is checked on
// every edge of the graph with the final π and p: each edge that fails (and each that nearly
// fails) is added and the auction runs again. When nothing fails, the dual above is feasible for
// the whole graph, so the matching is optimal for the whole graph, not just for the edges seen.
//
// `maximiseMatched` adds B = maxValue × min(mentees, places) + 1 to every pair's value: one more
// match then outweighs any loss of score, so the optimum maximises the number matched first and
// the total score second.
//
// Why not successive shortest paths: with 10,000 mentees × 2,000 mentors there are 20 million
// arcs, and a shortest-path search per augmentation over them is far slower than bids over a few
// edges plus a linear check. bench/reference-flow.ts has a textbook min-cost flow, used by the
// benchmark to cross-check this solver.
import type { Assignment, Graph } from './graph.ts';

export interface OptimumOptions {
  maximiseMatched?: boolean;
  /** Edges per mentee the auction starts from (tests use small values to exercise the check). */
  initialCandidates?: number;
}

/** Reduction of ε between phases. */
const SCALING = 6;
/** Edges within this many thousandths of failing the check join with those that fail. */
const NEAR_MARGIN = 2000;
/** Edges per mentee the auction starts from; the optimality check over every edge adds more. */
const INITIAL_CANDIDATES = 24;

interface Solved {
  assignment: Int32Array;
  /** Per row: scaled value − price of what it holds (0 when unmatched). */
  profit: Float64Array;
  /** Per mentor: the lowest price of its places (0 for a mentor the auction left out; ∞ if full). */
  minPrice: Float64Array;
}

/**
 * The exact optimum over every edge of `g`. The auction runs on each mentee's best few edges; then
 * every edge of `g` is checked against the final prices and profits (ε-complementary slackness).
 * An edge that fails joins the auction's graph and it runs again. When no edge fails, the dual
 * bound above holds for the whole of `g`, so the matching is optimal for `g`, not only for the
 * edges the auction saw.
 */
export function optimalAssignment(g: Graph, options: OptimumOptions = {}): Assignment {
  const { rows, cols } = g;
  const edges = g.rowStart[rows]!;

  // Scale and bonus come from the whole graph, so that every run is exact for all of it.
  const degree = new Int32Array(cols);
  let maxValue = 0;
  let activeRows = 0;
  for (let r = 0; r < rows; r++) {
    let usable = false;
    for (let e = g.rowStart[r]!; e < g.rowStart[r + 1]!; e++) {
      const j = g.col[e]!;
      if (g.capacity[j]! <= 0) continue;
      usable = true;
      degree[j]!++;
      if (g.value[e]! > maxValue) maxValue = g.value[e]!;
    }
    if (usable) activeRows++;
  }
  let places = 0;
  for (let j = 0; j < cols; j++) places += Math.min(Math.max(0, g.capacity[j]!), degree[j]!);
  if (activeRows === 0 || places === 0) return new Int32Array(rows).fill(-1);
  const bonus = options.maximiseMatched ? maxValue * Math.min(activeRows, places) + 1 : 0;
  const scale = activeRows + 1;
  // Prices stay below about twice the largest value; keep every sum an exact integer.
  if ((maxValue + bonus) * scale * 4 > Number.MAX_SAFE_INTEGER) {
    throw new Error(`matching-engine: round too large for exact integer auction (${activeRows} mentees)`);
  }

  // Each row's best edges (ties: lower mentor index) start in the auction's graph.
  const limit = Math.max(1, options.initialCandidates ?? INITIAL_CANDIDATES);
  const chosen = new Uint8Array(edges);
  const lists: number[][] = new Array(rows);
  const heap = new Int32Array(limit);
  for (let r = 0; r < rows; r++) {
    const start = g.rowStart[r]!;
    const end = g.rowStart[r + 1]!;
    const list: number[] = [];
    lists[r] = list;
    // The limit-th largest value, with a min-heap of the best values seen so far.
    let size = 0;
    for (let e = start; e < end; e++) {
      if (g.capacity[g.col[e]!]! <= 0) continue;
      const v = g.value[e]!;
      if (size < limit) {
        let at = size++;
        while (at > 0) {
          const parent = (at - 1) >> 1;
          if (heap[parent]! <= v) break;
          heap[at] = heap[parent]!;
          at = parent;
        }
        heap[at] = v;
      } else if (v > heap[0]!) {
        let at = 0;
        for (;;) {
          const left = 2 * at + 1;
          if (left >= size) break;
          const child = left + 1 < size && heap[left + 1]! < heap[left]! ? left + 1 : left;
          if (heap[child]! >= v) break;
          heap[at] = heap[child]!;
          at = child;
        }
        heap[at] = v;
      }
    }
    const threshold = size < limit ? Number.NEGATIVE_INFINITY : heap[0]!;
    // Strictly above the threshold first, then ties in index order until the limit.
    for (let e = start; e < end; e++) {
      if (g.capacity[g.col[e]!]! > 0 && g.value[e]! > threshold) list.push(e);
    }
    for (let e = start; e < end && list.length < limit; e++) {
      if (g.capacity[g.col[e]!]! > 0 && g.value[e] === threshold) list.push(e);
    }
    list.sort((x, y) => x - y);
    for (const e of list) chosen[e] = 1;
  }

  let margin = NEAR_MARGIN;
  for (;;) {
    const rowStart = new Int32Array(rows + 1);
    for (let r = 0; r < rows; r++) rowStart[r + 1] = rowStart[r]! + lists[r]!.length;
    const col = new Int32Array(rowStart[rows]!);
    const value = new Int32Array(rowStart[rows]!);
    for (let r = 0; r < rows; r++) {
      let at = rowStart[r]!;
      for (const e of lists[r]!) {
        col[at] = g.col[e]!;
        value[at] = g.value[e]!;
        at++;
      }
    }
    const solved = auction({ rows, cols, rowStart, col, value, capacity: g.capacity }, bonus, scale);
    const minPrice = solved.minPrice;
    let failed = false;
    for (let r = 0; r < rows && !failed; r++) {
      const slack = solved.profit[r]! + 1;
      for (let e = g.rowStart[r]!; e < g.rowStart[r + 1]!; e++) {
        // Full mentors have an infinite price, so their edges never fail.
        if ((g.value[e]! + bonus) * scale - minPrice[g.col[e]!]! > slack) {
          failed = true;
          break;
        }
      }
    }
    if (!failed) return solved.assignment;
    const before = lists.reduce((a, l) => a + l.length, 0);
    // Add every edge that fails or nearly fails (within `margin`), so that few runs are needed;
    // the margin widens each time.
    const near = margin * scale;
    margin *= 4;
    for (let r = 0; r < rows; r++) {
      const slack = solved.profit[r]! + 1 - near;
      let added = false;
      for (let e = g.rowStart[r]!; e < g.rowStart[r + 1]!; e++) {
        if (chosen[e] === 0 && (g.value[e]! + bonus) * scale - minPrice[g.col[e]!]! > slack) {
          chosen[e] = 1;
          lists[r]!.push(e);
          added = true;
        }
      }
      if (added) lists[r]!.sort((x, y) => x - y);
    }
    // Edges the auction saw always pass (ε-complementary slackness), so a failure adds edges.
    if (lists.reduce((a, l) => a + l.length, 0) === before) {
      throw new Error('matching-engine: optimality check failed on an edge the auction saw (a bug)');
    }
  }
}

/** The ε-scaling auction on `g` with values (value + bonus) × scale; see the top of the file. */
function auction(g: Graph, bonus: number, scale: number): Solved {
  const rows = g.rows;
  const cols = g.cols;
  const assignment = new Int32Array(rows).fill(-1);
  const rowProfit = new Float64Array(rows);
  const minPrice = new Float64Array(cols);

  // Every place of a mentor takes part, even beyond its number of eligible mentees: a free place
  // keeps its price at 0, which the optimality check relies on. Mentors without edges here are
  // left out (all their places are free, price 0).
  const degree = new Int32Array(cols);
  for (let e = 0; e < g.rowStart[rows]!; e++) if (g.capacity[g.col[e]!]! > 0) degree[g.col[e]!]!++;
  const places = new Int32Array(cols);
  const placeStart = new Int32Array(cols + 1);
  for (let j = 0; j < cols; j++) {
    places[j] = degree[j]! > 0 ? Math.max(0, g.capacity[j]!) : 0;
    placeStart[j + 1] = placeStart[j]! + places[j]!;
    minPrice[j] = g.capacity[j]! > 0 ? 0 : Number.POSITIVE_INFINITY;
  }
  const S = placeStart[cols]!;

  // Rows with at least one usable edge; the others stay unmatched.
  const active: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let e = g.rowStart[r]!; e < g.rowStart[r + 1]!; e++) {
      if (places[g.col[e]!]! > 0) {
        active.push(r);
        break;
      }
    }
  }
  const R = active.length;
  if (R === 0 || S === 0) return { assignment, profit: rowProfit, minPrice };

  let edges = 0;
  let top = 0;
  for (const r of active) {
    for (let e = g.rowStart[r]!; e < g.rowStart[r + 1]!; e++) {
      if (places[g.col[e]!] === 0) continue;
      edges++;
      top = Math.max(top, (g.value[e]! + bonus) * scale);
    }
  }
  const rowStart = new Int32Array(R + 1);
  const col = new Int32Array(edges);
  const value = new Float64Array(edges);
  {
    let at = 0;
    for (let k = 0; k < R; k++) {
      const r = active[k]!;
      for (let e = g.rowStart[r]!; e < g.rowStart[r + 1]!; e++) {
        const j = g.col[e]!;
        if (places[j] === 0) continue;
        col[at] = j;
        value[at] = (g.value[e]! + bonus) * scale;
        at++;
      }
      rowStart[k + 1] = at;
    }
  }
  // Columns as lists of (row, value) for the reverse steps.
  const colStart = new Int32Array(cols + 1);
  for (let e = 0; e < edges; e++) colStart[col[e]! + 1]!++;
  for (let j = 0; j < cols; j++) colStart[j + 1]! += colStart[j]!;
  const colRow = new Int32Array(edges);
  const colValue = new Float64Array(edges);
  {
    const fill = colStart.slice(0, cols);
    for (let k = 0; k < R; k++) {
      for (let e = rowStart[k]!; e < rowStart[k + 1]!; e++) {
        const j = col[e]!;
        const at = fill[j]!++;
        colRow[at] = k;
        colValue[at] = value[e]!;
      }
    }
  }

  const placeMentor = new Int32Array(S);
  for (let j = 0; j < cols; j++) for (let s = placeStart[j]!; s < placeStart[j + 1]!; s++) placeMentor[s] = j;
  const price = new Float64Array(S);
  /** Holder of each place: a row, or -1. */
  const owner = new Int32Array(S);
  /** Place held by each row, or -1 for unmatched (its private option), -2 for nothing yet. */
  const held = new Int32Array(R);
  /** Value − price of what each row holds (0 when unmatched). */
  const profit = new Float64Array(R);
  /** Per mentor: cheapest place, its price, and the second-cheapest price. */
  const cheapest = new Int32Array(cols);
  const min1 = new Float64Array(cols);
  const min2 = new Float64Array(cols);
  const refresh = (j: number) => {
    let a = Number.POSITIVE_INFINITY;
    let b = Number.POSITIVE_INFINITY;
    let at = -1;
    for (let s = placeStart[j]!; s < placeStart[j + 1]!; s++) {
      const p = price[s]!;
      if (p < a) {
        b = a;
        a = p;
        at = s;
      } else if (p < b) b = p;
    }
    cheapest[j] = at;
    min1[j] = a;
    min2[j] = b;
  };

  const queue = new Int32Array(R);
  let epsilon = Math.max(1, Math.floor(top / 4));
  for (;;) {
    // ── forward: every row bids until it holds a place or its unmatched option ──
    owner.fill(-1);
    held.fill(-2);
    for (let j = 0; j < cols; j++) if (places[j]! > 0) refresh(j);
    // A ring buffer of rows without anything; it starts full, so its tail has wrapped to 0.
    let head = 0;
    let tail = 0;
    let queued = R;
    for (let k = 0; k < R; k++) queue[k] = k;
    while (queued > 0) {
      const r = queue[head]!;
      head = head + 1 === R ? 0 : head + 1;
      queued--;
      let best = 0; // the unmatched option: value 0, price 0
      let second = Number.NEGATIVE_INFINITY;
      let bestMentor = -1;
      let bestValue = 0;
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
        const j = col[e]!;
        const v = value[e]!;
        const x = v - min1[j]!;
        if (x > best) {
          const y = v - min2[j]!;
          second = Math.max(best, y);
          best = x;
          bestMentor = j;
          bestValue = v;
        } else if (x > second) {
          second = x;
        }
      }
      if (bestMentor < 0) {
        held[r] = -1;
        profit[r] = 0;
        continue;
      }
      const s = cheapest[bestMentor]!;
      const previous = owner[s]!;
      if (previous >= 0) {
        held[previous] = -2;
        queue[tail] = previous;
        tail = tail + 1 === R ? 0 : tail + 1;
        queued++;
      }
      price[s] = price[s]! + (best - second) + epsilon;
      owner[s] = r;
      held[r] = s;
      profit[r] = bestValue - price[s]!;
      refresh(bestMentor);
    }
    // ── reverse: a mentor with a free place whose price is above 0 lowers it, or takes the
    //    mentee that wants it most (who leaves a place elsewhere, which may need the same) ──
    const pending: number[] = [];
    const inPending = new Uint8Array(cols);
    const needsReverse = (j: number) => {
      for (let s = placeStart[j]!; s < placeStart[j + 1]!; s++)
        if (owner[s]! < 0 && price[s]! > 0) return true;
      return false;
    };
    for (let j = 0; j < cols; j++) {
      if (places[j]! > 0 && needsReverse(j)) {
        pending.push(j);
        inPending[j] = 1;
      }
    }
    while (pending.length > 0) {
      const j = pending.pop()!;
      inPending[j] = 0;
      let free = -1;
      for (let s = placeStart[j]!; s < placeStart[j + 1]!; s++) {
        if (owner[s]! < 0 && price[s]! > 0) {
          free = s;
          break;
        }
      }
      if (free < 0) continue;
      let b1 = Number.NEGATIVE_INFINITY;
      let b2 = Number.NEGATIVE_INFINITY;
      let k1 = -1;
      let v1 = 0;
      for (let q = colStart[j]!; q < colStart[j + 1]!; q++) {
        const k = colRow[q]!;
        const h = held[k]!;
        if (h >= 0 && placeMentor[h] === j) continue;
        const beta = colValue[q]! - profit[k]!;
        if (beta > b1) {
          b2 = b1;
          b1 = beta;
          k1 = k;
          v1 = colValue[q]!;
        } else if (beta > b2) {
          b2 = beta;
        }
      }
      let level: number;
      if (k1 < 0 || b1 - epsilon <= 0) {
        level = 0;
      } else {
        level = Math.max(0, b2 - epsilon);
        const old = held[k1]!;
        owner[free] = k1;
        held[k1] = free;
        price[free] = level;
        profit[k1] = v1 - level;
        if (old >= 0) {
          owner[old] = -1;
          const m = placeMentor[old]!;
          if (price[old]! > 0 && inPending[m] === 0) {
            pending.push(m);
            inPending[m] = 1;
          }
        }
      }
      // No mentee outside this mentor wants its places above `level` (+ε): lower them all to it,
      // which only raises the profits of the mentor's own mentees.
      for (let s = placeStart[j]!; s < placeStart[j + 1]!; s++) {
        if (price[s]! > level) {
          const holder = owner[s]!;
          if (holder >= 0) profit[holder] = profit[holder]! + (price[s]! - level);
          price[s] = level;
        }
      }
      refresh(j);
      if (needsReverse(j) && inPending[j] === 0) {
        pending.push(j);
        inPending[j] = 1;
      }
    }

    if (epsilon === 1) break;
    epsilon = Math.max(1, Math.floor(epsilon / SCALING));
  }

  for (let k = 0; k < R; k++) {
    const s = held[k]!;
    assignment[active[k]!] = s >= 0 ? placeMentor[s]! : -1;
    rowProfit[active[k]!] = profit[k]!;
  }
  for (let j = 0; j < cols; j++) if (places[j]! > 0) minPrice[j] = min1[j]!;
  return { assignment, profit: rowProfit, minPrice };
}
