import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { countBlockingPairs, type Graph, optimalAssignment, stableAssignment } from '../src/index.ts';
import { bruteForce } from './support/brute-force.ts';

/** Tiny bipartite graphs: ≤ 6 mentees × ≤ 4 mentors, capacities 1–3, scores in thousandths. */
const graphs = (maxRows = 6, maxCols = 4) =>
  fc
    .record({
      rows: fc.integer({ min: 1, max: maxRows }),
      cols: fc.integer({ min: 1, max: maxCols }),
      // Few distinct values make ties (where a wrong solver is most likely to slip) common.
      small: fc.boolean(),
      seed: fc.array(fc.tuple(fc.boolean(), fc.nat()), {
        minLength: maxRows * maxCols,
        maxLength: maxRows * maxCols,
      }),
      capacity: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: maxCols, maxLength: maxCols }),
    })
    .map(({ rows, cols, small, seed, capacity }): Graph => {
      const rowStart = [0];
      const col: number[] = [];
      const value: number[] = [];
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < cols; j++) {
          const [edge, v] = seed[r * cols + j] as [boolean, number];
          if (!edge) continue;
          col.push(j);
          value.push(small ? v % 4 : v % 100_001);
        }
        rowStart.push(col.length);
      }
      return {
        rows,
        cols,
        rowStart: Int32Array.from(rowStart),
        col: Int32Array.from(col),
        value: Int32Array.from(value),
        capacity: Int32Array.from(capacity.slice(0, cols)),
      };
    });

function evaluate(g: Graph, assignment: Int32Array) {
  const load = new Int32Array(g.cols);
  let total = 0;
  let matched = 0;
  for (let r = 0; r < g.rows; r++) {
    const j = assignment[r] as number;
    if (j < 0) continue;
    let value = -1;
    for (let e = g.rowStart[r] as number; e < (g.rowStart[r + 1] as number); e++) {
      if (g.col[e] === j) value = g.value[e] as number;
    }
    expect(value).toBeGreaterThanOrEqual(0); // only pairs of the graph (eligible pairs)
    load[j] = (load[j] as number) + 1;
    total += value;
    matched++;
  }
  for (let j = 0; j < g.cols; j++) expect(load[j]).toBeLessThanOrEqual(g.capacity[j] as number);
  return { total, matched };
}

describe('optimalAssignment: the exact cohort optimum', () => {
  it('equals exhaustive search on tiny instances, with and without maximiseMatched', () => {
    fc.assert(
      fc.property(graphs(), fc.integer({ min: 1, max: 4 }), (g, start) => {
        for (const maximiseMatched of [false, true]) {
          // A small start exercises the optimality check and the reruns it triggers.
          const got = evaluate(g, optimalAssignment(g, { maximiseMatched, initialCandidates: start }));
          const best = bruteForce(g, maximiseMatched);
          expect(got.total).toBe(best.total);
          if (maximiseMatched) expect(got.matched).toBe(best.matched);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('maximiseMatched trades score for more matches', () => {
    // Mentee 0 scores 100 with mentor 0, mentee 1 only 1 with mentor 0; mentee 0 also 60 with mentor 1.
    const g: Graph = {
      rows: 2,
      cols: 2,
      rowStart: Int32Array.of(0, 2, 3),
      col: Int32Array.of(0, 1, 0),
      value: Int32Array.of(100, 1, 60),
      capacity: Int32Array.of(1, 1),
    };
    expect([...optimalAssignment(g)]).toEqual([0, -1]);
    expect([...optimalAssignment(g, { maximiseMatched: true })]).toEqual([1, 0]);
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(graphs(12, 6), (g) => {
        expect([...optimalAssignment(g)]).toEqual([...optimalAssignment(g)]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('stableAssignment: deferred acceptance', () => {
  it('respects capacities and leaves no blocking pair', () => {
    fc.assert(
      fc.property(graphs(10, 5), (g) => {
        const assignment = stableAssignment(g);
        evaluate(g, assignment);
        expect(countBlockingPairs(g, assignment)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('counts blocking pairs of a matching that has some', () => {
    // Both mentees prefer mentor 0 (capacity 1); giving it the weaker one leaves one blocking pair.
    const g: Graph = {
      rows: 2,
      cols: 2,
      rowStart: Int32Array.of(0, 2, 4),
      col: Int32Array.of(0, 1, 0, 1),
      value: Int32Array.of(90, 10, 50, 40),
      capacity: Int32Array.of(1, 1),
    };
    expect(countBlockingPairs(g, Int32Array.of(1, 0))).toBe(1);
    expect(countBlockingPairs(g, stableAssignment(g))).toBe(0);
    expect([...stableAssignment(g)]).toEqual([0, 1]);
  });
});
