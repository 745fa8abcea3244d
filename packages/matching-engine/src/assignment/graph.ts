// The bipartite graph a round solves, in compressed-row form: for mentee row r, its eligible
// mentors col[rowStart[r] .. rowStart[r+1]) (ascending) with scores in thousandths.
export interface Graph {
  readonly rows: number;
  readonly cols: number;
  readonly rowStart: Int32Array;
  readonly col: Int32Array;
  /** Integer scores ≥ 0 (thousandths of a point). */
  readonly value: Int32Array;
  /** Places per mentor (column) for this round. */
  readonly capacity: Int32Array;
}

/** A solution: the mentor column of each row, or -1 for unmatched. */
export type Assignment = Int32Array;
