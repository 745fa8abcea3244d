// Matching-engine benchmark. Not a test: it prints figures (docs/benchmarks.md records them).
//
//   pnpm --filter @belong/matching-engine bench                 all sizes
//   node --max-old-space-size=3072 bench/engine.ts --sizes small,medium
//   … --lp-full     also solve the 1,000 × 200 round's LP with javascript-lp-solver (~3 minutes)
//
// Sizes (mentees × mentors, seeded synthetic programmes, see synthetic.ts):
//   small 1,000 × 200, medium 10,000 × 2,000 (full graph), large 100,000 × 20,000 (candidates).
// For each: prepare (text model + compile), instant for every mentee in turn (each proposal takes
// a place before the next mentee), suggestions (k = 3) for every mentee, the cohort round, the
// round with maximiseMatched, and the stable round. At large size instant and suggestions run on
// a sample of mentees (instant scans all 20,000 mentors per mentee), and rounds keep each mentee's
// 30 best candidates. Small size also checks the optimum against an independent min-cost flow
// (bench/reference-flow.ts) and javascript-lp-solver, and compares it with greedy.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import lpSolver from 'javascript-lp-solver';
import {
  buildTextModel,
  type CohortOptions,
  type Context,
  createEngine,
  DEFAULT_POLICY,
  type Graph,
  optimalAssignment,
  SCORE_SCALE,
} from '../src/index.ts';
import { labels } from '../test/support/health-information.ts';
import { greedyTotal } from './greedy.ts';
import { referenceOptimum } from './reference-flow.ts';
import { syntheticProgramme } from './synthetic.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const sizes = {
  small: { mentees: 1_000, mentors: 200, seed: 1, sample: null, candidates: undefined },
  medium: { mentees: 10_000, mentors: 2_000, seed: 2, sample: null, candidates: undefined },
  large: { mentees: 100_000, mentors: 20_000, seed: 3, sample: 5_000, candidates: 30 },
} as const;
type SizeName = keyof typeof sizes;
const chosen = (flag('--sizes') ?? 'small,medium,large').split(',') as SizeName[];
for (const name of chosen)
  if (!(name in sizes)) throw new Error(`unknown size "${name}" (small, medium, large)`);

// Peak RSS is sampled by a worker thread every 10 ms: the engine is synchronous, so a timer on the
// main thread would not fire while it works. RSS is per process, so the worker sees the engine's.
const peakMb = new Int32Array(new SharedArrayBuffer(4));
const sampler = new Worker(
  `const { workerData } = require('node:worker_threads');
   const peak = new Int32Array(workerData);
   setInterval(() => {
     const mb = Math.round(process.memoryUsage.rss() / 1048576);
     if (mb > Atomics.load(peak, 0)) Atomics.store(peak, 0, mb);
   }, 10);`,
  { eval: true, workerData: peakMb.buffer },
);
sampler.unref();

interface Row {
  size: string;
  step: string;
  ms: number;
  rssMb: number;
  heapMb: number;
  total: string;
  matched: string;
  notes: string;
}
const rows: Row[] = [];

function measure<T>(size: string, step: string, run: () => T, describe: (r: T) => Partial<Row>): T {
  const mb = () => Math.round(process.memoryUsage().rss / 1048576);
  Atomics.store(peakMb, 0, mb());
  const start = performance.now();
  const result = run();
  const ms = performance.now() - start;
  const row: Row = {
    size,
    step,
    ms,
    rssMb: Math.max(Atomics.load(peakMb, 0), mb()),
    heapMb: Math.round(process.memoryUsage().heapUsed / 1048576),
    total: '',
    matched: '',
    notes: '',
    ...describe(result),
  };
  rows.push(row);
  console.log(
    `${size.padEnd(6)} ${step.padEnd(34)} ${ms.toFixed(0).padStart(7)} ms  rss ${String(row.rssMb).padStart(5)} MB  heap ${String(row.heapMb).padStart(5)} MB  total ${row.total.padStart(13)}  matched ${row.matched.padStart(7)}  ${row.notes}`,
  );
  return result;
}

const fmt = (x: number) => x.toLocaleString('en-GB', { maximumFractionDigits: 3 });
const milliTotal = (g: Graph, assignment: Int32Array) => {
  let total = 0;
  let matched = 0;
  for (let r = 0; r < g.rows; r++) {
    const j = assignment[r] as number;
    if (j < 0) continue;
    matched++;
    for (let e = g.rowStart[r] as number; e < (g.rowStart[r + 1] as number); e++) {
      if (g.col[e] === j) total += g.value[e] as number;
    }
  }
  return { total, matched };
};

// The package's types describe a CommonJS module, but Node loads its ES build, whose default
// export is the solver itself.
const solver = lpSolver as unknown as { Solve(model: unknown): { feasible: boolean; result: number } };

/** The LP relaxation of the round (integral for bipartite b-matching), by javascript-lp-solver. */
function lpOptimum(g: Graph): number {
  const constraints: Record<string, { max: number }> = {};
  const variables: Record<string, Record<string, number>> = {};
  for (let r = 0; r < g.rows; r++) {
    constraints[`r${r}`] = { max: 1 };
    for (let e = g.rowStart[r] as number; e < (g.rowStart[r + 1] as number); e++) {
      variables[`x${e}`] = { score: g.value[e] as number, [`r${r}`]: 1, [`c${g.col[e]}`]: 1 };
    }
  }
  for (let j = 0; j < g.cols; j++) constraints[`c${j}`] = { max: g.capacity[j] as number };
  const result = solver.Solve({ optimize: 'score', opType: 'max', constraints, variables });
  if (!result.feasible) throw new Error('LP infeasible');
  return Math.round(result.result);
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    return line?.split(':')[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

console.log(
  `machine: ${os.availableParallelism()} cores, ${cpuModel()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
    `Node ${process.version}, load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);

for (const name of chosen) {
  const size = sizes[name];
  const label = `${size.mentees / 1000}k×${size.mentors / 1000}k`;
  const programme = syntheticProgramme(size.mentees, size.mentors, size.seed);
  const { mentees, mentors, context } = programme;

  const textModel = measure(
    label,
    'text model (wink-nlp BM25)',
    () => buildTextModel([...mentees, ...mentors].map((p) => p.attributes.text)),
    (m) => ({ notes: `${m.documents} texts, ${m.vocabularySize} stems` }),
  );
  const engine = measure(
    label,
    'prepare (compile, index, tables)',
    () => createEngine({ mentees, mentors, policy: DEFAULT_POLICY, labels, textModel }),
    () => ({}),
  );

  const sample = size.sample ? mentees.slice(0, size.sample) : mentees;
  const sampled = size.sample ? `sample of ${size.sample} mentees` : 'every mentee';
  measure(
    label,
    'instant, mentees in turn',
    () => {
      const openLoad = new Map(context.openLoad);
      const running: Context = { ...context, openLoad };
      let total = 0;
      let matched = 0;
      for (const m of sample) {
        const result = engine.instant(m.id, running);
        if (result.mentorId === null) continue;
        openLoad.set(result.mentorId, (openLoad.get(result.mentorId) ?? 0) + 1);
        total += Math.round(result.proposal.score * SCORE_SCALE);
        matched++;
      }
      return { total, matched };
    },
    (r) => ({ total: fmt(r.total / SCORE_SCALE), matched: fmt(r.matched), notes: sampled }),
  );
  measure(
    label,
    'suggestions k=3',
    () => {
      let best = 0;
      let offered = 0;
      for (const m of sample) {
        const { proposals } = engine.suggestions(m.id, 3, context);
        if (proposals[0]) {
          best += Math.round(proposals[0].score * SCORE_SCALE);
          offered++;
        }
      }
      return { best, offered };
    },
    (r) => ({
      total: fmt(r.best / SCORE_SCALE),
      matched: fmt(r.offered),
      notes: `${sampled}; total = Σ best suggestion, matched = mentees offered ≥ 1`,
    }),
  );

  const rounds: [string, CohortOptions][] = [
    ['cohort round (optimum)', {}],
    ['cohort round, maximiseMatched', { maximiseMatched: true }],
    ['cohort round, stable', { stable: true }],
  ];
  const results = new Map<string, { totalMilli: number; matched: number }>();
  for (const [step, options] of rounds) {
    const round = { ...options, ...(size.candidates ? { candidatesPerMentee: size.candidates } : {}) };
    const result = measure(
      label,
      step,
      () => engine.cohortRound(context, round),
      (r) => ({
        total: fmt(r.totalScore),
        matched: fmt(r.report.menteesMatched),
        notes:
          `${r.graph.pruned ? `${r.graph.candidatesPerMentee} candidates/mentee` : 'full graph'}, ` +
          `${fmt(r.graph.pairs)} pairs, mentors used ${r.rates.mentorsUsedPercent}%, ` +
          `blocking pairs ${fmt(r.report.blockingPairs)} (${r.blockingPairsScope.replaceAll('_', ' ')})`,
      }),
    );
    results.set(step, {
      totalMilli: Math.round(result.totalScore * SCORE_SCALE),
      matched: result.report.menteesMatched,
    });
  }

  if (name === 'small' || name === 'medium') {
    const { graph } = engine.roundGraph(context);
    const optimum = results.get('cohort round (optimum)') as { totalMilli: number; matched: number };
    const greedy = greedyTotal(graph);
    console.log(
      `${label} greedy vs optimum: greedy ${fmt(greedy.total / SCORE_SCALE)} (${greedy.matched} matched), ` +
        `optimum ${fmt(optimum.totalMilli / SCORE_SCALE)} (${optimum.matched} matched): ` +
        `+${fmt((optimum.totalMilli - greedy.total) / SCORE_SCALE)} points (${(((optimum.totalMilli - greedy.total) / greedy.total) * 100).toFixed(2)}%)`,
    );
    rows.push({
      size: label,
      step: 'greedy (best pair first), for comparison',
      ms: Number.NaN,
      rssMb: Number.NaN,
      heapMb: Number.NaN,
      total: fmt(greedy.total / SCORE_SCALE),
      matched: fmt(greedy.matched),
      notes: `optimum is +${fmt((optimum.totalMilli - greedy.total) / SCORE_SCALE)} points`,
    });
  }

  if (name === 'small') {
    const { graph } = engine.roundGraph(context);
    for (const [step, maximiseMatched] of [
      ['cohort round (optimum)', false],
      ['cohort round, maximiseMatched', true],
    ] as const) {
      const engineResult = results.get(step) as { totalMilli: number; matched: number };
      const reference = measure(
        label,
        `reference min-cost flow${maximiseMatched ? ', maximiseMatched' : ''}`,
        () => referenceOptimum(graph, maximiseMatched),
        (r) => ({
          total: fmt(r.total / SCORE_SCALE),
          matched: fmt(r.matched),
          notes: r.total === engineResult.totalMilli ? 'EQUAL to the engine' : 'NOT EQUAL to the engine',
        }),
      );
      console.log(
        `${label} ${step}: engine ${engineResult.totalMilli} vs reference ${reference.total} (thousandths) → ` +
          `${reference.total === engineResult.totalMilli && (!maximiseMatched || reference.matched === engineResult.matched) ? 'equal' : 'NOT EQUAL'}`,
      );
    }
    // javascript-lp-solver is a dense simplex: the full 1,000 × 200 LP takes minutes, so by
    // default it checks a separate 200 × 40 programme (--lp-full for the full one).
    const lpGraph = args.includes('--lp-full')
      ? graph
      : (() => {
          const small = syntheticProgramme(200, 40, 11);
          return createEngine({
            mentees: small.mentees,
            mentors: small.mentors,
            policy: DEFAULT_POLICY,
          }).roundGraph(small.context).graph;
        })();
    const lpLabel = args.includes('--lp-full') ? label : '0.2k×0.04k';
    const ours = milliTotal(lpGraph, optimalAssignment(lpGraph));
    measure(
      lpLabel,
      'javascript-lp-solver (LP relaxation)',
      () => lpOptimum(lpGraph),
      (lp) => ({
        total: fmt(lp / SCORE_SCALE),
        notes: lp === ours.total ? 'EQUAL to the engine' : `NOT EQUAL to the engine (${ours.total})`,
      }),
    );
  }
}

console.log(
  `load average at end ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log('\n| size | step | time | peak RSS | heap after | total score | matched | notes |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows) {
  const time = Number.isNaN(r.ms)
    ? ''
    : r.ms >= 10_000
      ? `${(r.ms / 1000).toFixed(1)} s`
      : `${r.ms.toFixed(0)} ms`;
  const mb = (x: number) => (Number.isNaN(x) ? '' : `${x} MB`);
  console.log(
    `| ${r.size} | ${r.step} | ${time} | ${mb(r.rssMb)} | ${mb(r.heapMb)} | ${r.total} | ${r.matched} | ${r.notes} |`,
  );
}
