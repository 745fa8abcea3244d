// HTTP throughput and latency of the services' main read and write endpoints, each beside a
// bare fastify route measured in the same run (the ceiling: what fastify alone does on this
// machine), and the memory of each service idle and under load. Not a test: it prints figures.
//
//   node packages/proof/bench/http.ts [--seconds 10] [--connections 10] [--warmup 2]
//        [--mentees 60] [--mentor-copies 1] [--settle-cap 90] [--force] [--keep-stack]
//
// On the proof stack (packages/proof/src/stack.ts: its own Kafka, FerretDB, Redis and mailbox on
// 1xxxx ports, state in .belong/proof, wiped at the start) with the three services as real
// processes (cluster.ts, one instance each, rate limit out of the way). It seeds a programme in
// instant mode with 36 × copies mentors and `--mentees` confirmed mentees through the API, waits
// until the system is quiet, then measures with autocannon:
//   1. the ceiling: a bare fastify app (same version, logger off) in a child process, one GET
//      route answering a small JSON object and one POST route validating a sign-up-like body
//      against a JSON schema and answering 201;
//   2. reads: /health, a programme, a profile, the coordinator's search, a match, the delivery log;
//   3. writes: the mentee sign-up (public, a new address and Idempotency-Key per request) and an
//      answer change; after each, the events it caused are left to be processed (no consumer lag,
//      no unsent email, no new event or email for 2 s) before the next measurement, and how long
//      that took is reported.
// Each row: five requests on one connection (the latency of a request alone), a warm-up, then
// `--seconds` with `--connections`. After a read's warm-up and run, one more request waits for the
// queries the service still has in hand (a slow query goes on after autocannon hangs up), so the
// next run starts on an idle system. Latencies are taken from every response (fractional ms;
// autocannon's own histogram is whole ms). CPU use of each process (services, FerretDB, Kafka,
// Redis, this load generator) is read from /proc over each run, RSS of each service every 250 ms.
// A row where more than 1 % of the answers are not the expected status is marked INVALID and the
// run exits 1. Figures go to stdout (with Markdown tables) and to
// .belong/artifacts/proof/http-bench.json.
//
// The seeding is small by default (60 mentees: about 200 emails, which the notification service
// takes about a minute to send on FerretDB); `--mentees 200` for fuller collections, at a few
// minutes more. `--force` takes over a proof stack that is already running (another suite's, or
// one left up by `--keep-stack`); without it the bench refuses, since it wipes the proof stack.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { type Cluster, type Instance, rssOfPid, type ServiceName } from '../src/cluster.ts';
import type { ProofStack } from '../src/stack.ts';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    mentees: { type: 'string', default: '60' },
    'mentor-copies': { type: 'string', default: '1' },
    /** Longest wait for the system to settle after seeding and after each write, in seconds. */
    'settle-cap': { type: 'string', default: '90' },
    force: { type: 'boolean', default: false },
    'keep-stack': { type: 'boolean', default: false },
    /** Internal: run as the bare fastify ceiling server. */
    'serve-ceiling': { type: 'boolean', default: false },
  },
});

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');
const t0 = Date.now();
const log = (line: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${line}`);
const mb = (bytes: number | undefined) => Math.round((bytes ?? 0) / 1048576);

// ---------------------------------------------------------------------------------------------
// The ceiling: a bare fastify app, run as `http.ts --serve-ceiling` in a child process (the
// services are processes of their own too, so the load generator never shares their event loop).

const CeilingBody = {
  type: 'object',
  additionalProperties: false,
  required: ['role', 'displayName', 'email', 'answers'],
  properties: {
    role: { type: 'string', enum: ['mentee', 'mentor'] },
    displayName: { type: 'string', minLength: 1, maxLength: 120 },
    email: { type: 'string', format: 'email', maxLength: 254 },
    answers: { type: 'object', maxProperties: 200 },
  },
} as const;
const CeilingReply = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' }, status: { type: 'string' } },
} as const;

async function serveCeiling(): Promise<void> {
  const app = Fastify({ logger: false });
  let n = 0;
  app.get('/ceiling', { schema: { response: { 200: CeilingReply } } }, async () => ({
    id: 'prg_0123456789abcdef',
    name: 'Bare fastify',
    status: 'open',
  }));
  app.post(
    '/ceiling',
    { schema: { body: CeilingBody, response: { 201: CeilingReply } } },
    async (_request, reply) => reply.code(201).send({ id: `prf_${++n}`, name: 'created', status: 'pending' }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, fastify: app.version })}\n`);
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

async function startCeiling(): Promise<{ url: string; version: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve-ceiling'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('the ceiling server did not start in 20 s')), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const nl = buffer.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(buffer.slice(0, nl));
      }
    });
    child.once('exit', (code) => reject(new Error(`the ceiling server exited (${code})`)));
  });
  const { port, fastify } = JSON.parse(first) as { port: number; fastify: string };
  return { url: `http://127.0.0.1:${port}`, version: fastify, child };
}

/** CPU time (user + system) a process has used so far, in seconds; undefined when gone. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The pid of the process whose command line contains every one of `parts` (first found). */
function findPid(...parts: string[]): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (parts.every((part) => cmdline.includes(part))) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// One measurement: warm-up, then a fixed duration; latency and status of every response.

type Target = ServiceName | 'ceiling';

interface Spec {
  name: string;
  /** As shown in the tables, e.g. `GET /programmes/{id}`. */
  endpoint: string;
  target: Target;
  kind: 'reference' | 'read' | 'write';
  /** Which ceiling row it is compared with. */
  ceiling: 'get' | 'post' | null;
  url: string;
  requests: autocannon.Request[];
  expected: number;
}

interface Row {
  name: string;
  endpoint: string;
  service: Target;
  kind: Spec['kind'];
  expectedStatus: number;
  seconds: number;
  connections: number;
  requests: number;
  /** autocannon's mean of the per-second request counts. */
  requestsPerSecond: number;
  /** One connection, five requests before the warm-up: the median latency of a request alone. */
  unloadedLatencyMs: number;
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  statusCounts: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
  timeouts: number;
  /** Answers other than the expected status, plus errors. */
  unexpected: number;
  unexpectedShare: number;
  valid: boolean;
  vsCeilingPercent: number | null;
  /**
   * CPU used during the measured run, as % of one core (200 % = both cores of a 2-core machine):
   * each service, the ceiling, FerretDB, Kafka, Redis, and the load generator (this process).
   */
  cpuPercent: Record<string, number>;
  /** Peak RSS of each process while this row ran (warm-up included), MB. */
  peakRssMb: Record<string, number>;
  /** Writes: how long the events they caused took to be processed afterwards. */
  settle?: { settled: boolean; seconds: number; emails: number; peakRssMb: Record<string, number> };
}

/** One autocannon run: for `seconds`, or for `amount` requests. */
function run(
  spec: Spec,
  length: { seconds: number } | { amount: number },
  connections: number,
  collect: boolean,
) {
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  return new Promise<{
    result: autocannon.Result;
    latencies: number[];
    statusCounts: Record<string, number>;
  }>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections,
        ...('amount' in length ? { amount: length.amount } : { duration: length.seconds }),
        requests: spec.requests,
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve({ result, latencies, statusCounts })),
    );
    if (collect) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        latencies.push(responseTime);
        statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
      });
    }
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

const round2 = (n: number) => Math.round(n * 100) / 100;

// ---------------------------------------------------------------------------------------------

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function fastifyVersionOf(packageDir: string): { version: string; path: string } {
  const dir = realpathSync(join(repoRoot, packageDir, 'node_modules', 'fastify'));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  return { version, path: dir };
}

async function main(): Promise<void> {
  const seconds = Number(args.seconds);
  const connections = Number(args.connections);
  const warmup = Number(args.warmup);
  const menteeCount = Number(args.mentees);
  const mentorCopies = Number(args['mentor-copies']);
  const settleCapMs = Number(args['settle-cap']) * 1000;

  const cpus = os.cpus();
  const machine = {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryGiB: round2(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
    loadAverageAtStart: os.loadavg().map(round2),
  };
  console.log(
    `machine: ${machine.cores} cores, ${machine.cpuModel}, ${machine.totalMemoryGiB} GiB, Node ${machine.node}, ` +
      `${machine.date} (load average ${machine.loadAverageAtStart.join(' ')})`,
  );
  const servicesFastify = fastifyVersionOf('services/profile');
  const benchFastify = fastifyVersionOf('packages/proof');
  console.log(
    `settings: ${seconds} s per endpoint after a ${warmup} s warm-up, ${connections} connections; ` +
      `fastify ${servicesFastify.version} in the services, ${benchFastify.version} in the ceiling`,
  );
  if (servicesFastify.version !== benchFastify.version) {
    console.warn('warning: the ceiling does not run the services’ fastify version');
  }

  if (!args.force && (await portInUse(19092))) {
    throw new Error(
      'The proof stack is already running (port 19092 answers): another suite may be using it, and this ' +
        'bench wipes it. Wait for it to finish, or pass --force to take it over.',
    );
  }

  // The harness, loaded here so that the ceiling process (this file too) stays a bare fastify.
  const [
    { startProofStack },
    { startCluster },
    { Driver, menteeAnswers },
    { progress, waitUntilSettled },
    { default: mongoose },
  ] = await Promise.all([
    import('../src/stack.ts'),
    import('../src/cluster.ts'),
    import('../src/driver.ts'),
    import('../src/observe.ts'),
    import('mongoose'),
  ]);

  const stack: ProofStack = await startProofStack({ fresh: true, log });
  let cluster: Cluster | undefined;
  let ceiling: Awaited<ReturnType<typeof startCeiling>> | undefined;
  let connection: import('mongoose').Connection | undefined;
  let invalid = 0;
  let sampler: NodeJS.Timeout | undefined;
  try {
    cluster = await startCluster({
      env: stack.env,
      logDir: join(stack.config.stateDir, 'logs'),
      instances: 1,
      extraEnv: { RATE_LIMIT_PER_MINUTE: '100000000' },
      log,
    });
    const c = cluster;
    ceiling = await startCeiling();
    const ceilingChild = ceiling.child;
    log(`ceiling: bare fastify ${ceiling.version} at ${ceiling.url} (pid ${ceilingChild.pid})`);
    connection = await mongoose.createConnection(stack.env.MONGO_URL).asPromise();
    const conn = connection;
    const where = {
      kafkaBrokers: stack.env.KAFKA_BROKERS,
      mongoUrl: stack.env.MONGO_URL,
      mailboxUrl: stack.env.MAILBOX_URL,
    };

    /**
     * Waits until nothing is in flight: no consumer lag, no unsent email, and no new event or
     * email for 2 s (the harness's own measure of quiet, as the fault suite uses it).
     */
    const settle = async (capMs: number) => {
      const r = await waitUntilSettled(where, conn, { timeoutMs: capMs, quietMs: 2_000, pollMs: 1_000 });
      if (!r.settled) {
        log(
          `settle: NOT quiet after ${capMs / 1000} s (consumer lag ${r.last?.lag}, unsent emails ${r.last?.unsent})`,
        );
      }
      return { settled: r.settled, seconds: round2(r.seconds), mail: r.last?.mail ?? 0 };
    };

    // --- Seed: a programme, its mentors, confirmed mentees. ---
    const profileUrl = c.urls.profile;
    const admin = { authorization: `Bearer ${c.adminApiKey}` };
    const driver = new Driver({
      profileUrls: [profileUrl],
      adminApiKey: c.adminApiKey,
      signingSecret: c.signingSecret,
      domain: 'bench.example',
      log,
    });
    const seedStart = Date.now();
    const programmeId = await driver.createProgramme('bench');
    const mentors = await driver.signUpMentors(programmeId, mentorCopies);
    const menteeIds: string[] = [];
    let nextMentee = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (nextMentee < menteeCount) {
          const m = await driver.mentee(programmeId, nextMentee++);
          menteeIds.push(m.id);
        }
      }),
    );
    log(
      `seed: programme ${programmeId}, ${mentors.length} mentors, ${menteeIds.length} confirmed mentees in ` +
        `${((Date.now() - seedStart) / 1000).toFixed(1)} s; waiting for the system to settle`,
    );
    const seedSettle = await settle(Math.max(settleCapMs, 120_000));
    log(
      `seed: ${seedSettle.settled ? 'settled' : 'NOT settled'} after ${seedSettle.seconds} s, ${seedSettle.mail} emails`,
    );

    const getJson = async (url: string) => {
      const res = await fetch(url, { headers: admin });
      if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ items: { id: string }[] }>;
    };
    const matchIds = (
      await getJson(`${c.urls.matching}/programmes/${programmeId}/matches?limit=50`)
    ).items.map((m) => m.id);
    const notificationCount = (
      await getJson(`${c.urls.notification}/notifications?programmeId=${programmeId}&limit=20`)
    ).items.length;
    const documents = {
      profiles: await conn.useDb('belong_profile').collection('profiles').estimatedDocumentCount(),
      matches: await conn.useDb('belong_matching').collection('matches').estimatedDocumentCount(),
      notifications: await conn
        .useDb('belong_notification')
        .collection('notifications')
        .estimatedDocumentCount(),
    };
    log(
      `seed: ${documents.profiles} profiles, ${documents.matches} matches, ${documents.notifications} notifications ` +
        `stored; ${matchIds.length} match ids and a delivery log page of ${notificationCount} read back`,
    );

    // --- Memory: idle, then a sampler every 250 ms while rows run. ---
    const processes: { name: string; rss: () => number | undefined }[] = [
      ...c.instances.map((i: Instance) => ({ name: i.service, rss: () => i.rssBytes() })),
      { name: 'ceiling', rss: () => rssOfPid(ceilingChild.pid) },
    ];
    const stateDir = stack.config.stateDir;
    const redisPort = new URL(stack.env.REDIS_URL).port;
    const cpuOf: { name: string; seconds: () => number | undefined }[] = [
      ...c.instances.map((i: Instance) => ({ name: i.service, seconds: () => cpuSeconds(i.pid) })),
      { name: 'ceiling', seconds: () => cpuSeconds(ceilingChild.pid) },
      ...(
        [
          ['ferretdb', findPid('ferretdb', `${stateDir}/mongo/`)],
          ['kafka', findPid('kafka.Kafka', `${stateDir}/kafka/`)],
          ['redis', findPid('redis-server', `:${redisPort}`)],
        ] as const
      ).map(([name, pid]) => ({ name, seconds: () => cpuSeconds(pid) })),
      {
        name: 'load generator',
        seconds: () => {
          const u = process.cpuUsage();
          return (u.user + u.system) / 1e6;
        },
      },
    ];
    const cpuNow = () => {
      const at: Record<string, number> = {};
      for (const p of cpuOf) at[p.name] = p.seconds() ?? Number.NaN;
      return { at, wall: performance.now() };
    };
    const idleMb: Record<string, number> = {};
    for (const p of processes) idleMb[p.name] = mb(p.rss());
    log(
      `memory idle: ${Object.entries(idleMb)
        .map(([k, v]) => `${k} ${v} MB`)
        .join(', ')}`,
    );

    // Peak RSS per phase (a row's warm-up and run, or the settling after a write).
    const phasePeaks = new Map<string, Record<string, number>>();
    let phase = 'idle';
    const sample = () => {
      const peak = phasePeaks.get(phase) ?? {};
      phasePeaks.set(phase, peak);
      for (const p of processes) peak[p.name] = Math.max(peak[p.name] ?? 0, mb(p.rss()));
    };
    sampler = setInterval(sample, 250);

    const rows: Row[] = [];
    const skipped: { endpoint: string; reason: string }[] = [];
    const ceilingRps: Record<'get' | 'post', number> = { get: Number.NaN, post: Number.NaN };

    const measure = async (spec: Spec): Promise<Row> => {
      phase = spec.endpoint;
      sample();
      try {
        // Reads: after the warm-up and after the run, one request more, which queues behind what
        // the server still has in hand (a slow query goes on after autocannon hangs up), so that
        // the next run starts on an idle service.
        const first = spec.requests[0];
        const probe =
          first && (first.method ?? 'GET') === 'GET'
            ? async () => {
                const started = performance.now();
                const res = await fetch(`${spec.url}${first.path ?? ''}`, {
                  headers: first.headers as Record<string, string> | undefined,
                  signal: AbortSignal.timeout(120_000),
                });
                await res.arrayBuffer();
                if (res.status !== spec.expected) {
                  throw new Error(`${spec.endpoint}: ${res.status} instead of ${spec.expected}`);
                }
                return performance.now() - started;
              }
            : undefined;
        // One connection, five requests: the latency of a request that waits for nobody.
        const single = await run(spec, { amount: 5 }, 1, true);
        const unloaded = round2(percentile(Float64Array.from(single.latencies).sort(), 50));
        if (warmup > 0) await run(spec, { seconds: warmup }, connections, false);
        await probe?.();
        const cpuBefore = cpuNow();
        const { result, latencies, statusCounts } = await run(spec, { seconds }, connections, true);
        const cpuAfter = cpuNow();
        const wallSeconds = (cpuAfter.wall - cpuBefore.wall) / 1000;
        const cpuPercent: Record<string, number> = {};
        for (const [name, used] of Object.entries(cpuAfter.at)) {
          const share = ((used - (cpuBefore.at[name] ?? Number.NaN)) / wallSeconds) * 100;
          if (Number.isFinite(share)) cpuPercent[name] = Math.round(share);
        }
        await probe?.();
        const sorted = Float64Array.from(latencies).sort();
        const total = latencies.length;
        const expectedCount = statusCounts[String(spec.expected)] ?? 0;
        // The five requests alone count too: a 4xx there means the row measures the wrong thing.
        const singleUnexpected =
          single.latencies.length - (single.statusCounts[String(spec.expected)] ?? 0) + single.result.errors;
        const unexpected = total - expectedCount + result.errors + singleUnexpected;
        const share = unexpected / Math.max(1, total + result.errors);
        const rps = result.requests.mean;
        const ceilingOf = spec.ceiling ? ceilingRps[spec.ceiling] : Number.NaN;
        const row: Row = {
          name: spec.name,
          endpoint: spec.endpoint,
          service: spec.target,
          kind: spec.kind,
          expectedStatus: spec.expected,
          seconds: result.duration,
          connections,
          requests: total,
          requestsPerSecond: round2(rps),
          unloadedLatencyMs: unloaded,
          latencyMs: {
            p50: round2(percentile(sorted, 50)),
            p90: round2(percentile(sorted, 90)),
            p99: round2(percentile(sorted, 99)),
            mean: round2(total ? latencies.reduce((a, b) => a + b, 0) / total : Number.NaN),
            max: round2(sorted[sorted.length - 1] ?? Number.NaN),
          },
          statusCounts,
          errors: result.errors,
          timeouts: result.timeouts,
          unexpected,
          unexpectedShare: round2(share * 100) / 100,
          valid: total > 0 && share <= 0.01,
          vsCeilingPercent: Number.isFinite(ceilingOf)
            ? Math.round((rps / ceilingOf) * 100_000) / 1000
            : null,
          cpuPercent,
          peakRssMb: phasePeaks.get(spec.endpoint) ?? {},
        };
        const codes = Object.entries(statusCounts)
          .map(([code, n]) => `${code}×${n}`)
          .join(' ');
        log(
          `${spec.endpoint.padEnd(40)} ${rps.toFixed(0).padStart(6)} req/s  p50 ${row.latencyMs.p50} ms  ` +
            `p99 ${row.latencyMs.p99} ms (alone ${unloaded} ms)  [${codes}${result.errors ? ` errors×${result.errors}` : ''}]` +
            `${row.vsCeilingPercent === null ? '' : `  ${row.vsCeilingPercent} % of ceiling`}`,
        );
        log(
          `${''.padEnd(40)} CPU: ${Object.entries(cpuPercent)
            .filter(([, v]) => v >= 1)
            .map(([k, v]) => `${k} ${v} %`)
            .join(', ')}`,
        );
        if (!row.valid) {
          invalid++;
          console.error(
            `INVALID: ${spec.endpoint}: ${unexpected} of ${total + result.errors} answers were not ${spec.expected} ` +
              `(${codes}${result.errors ? `, ${result.errors} connection errors/timeouts` : ''}); see ` +
              `${join(stack.config.stateDir, 'logs')}`,
          );
        }
        rows.push(row);
        return row;
      } finally {
        sample();
        phase = 'between';
      }
    };

    const runId = randomBytes(3).toString('hex');
    const json = { 'content-type': 'application/json' };

    // 1. The ceiling.
    const ceilingGet = await measure({
      name: 'ceiling-get',
      endpoint: 'bare fastify GET',
      target: 'ceiling',
      kind: 'reference',
      ceiling: null,
      url: ceiling.url,
      requests: [{ method: 'GET', path: '/ceiling' }],
      expected: 200,
    });
    ceilingRps.get = ceilingGet.requestsPerSecond;
    let ceilingN = 0;
    const ceilingPost = await measure({
      name: 'ceiling-post',
      endpoint: 'bare fastify POST (schema, 201)',
      target: 'ceiling',
      kind: 'reference',
      ceiling: null,
      url: ceiling.url,
      requests: [
        {
          method: 'POST',
          path: '/ceiling',
          headers: json,
          setupRequest: (request) => {
            const n = ceilingN++;
            return {
              ...request,
              body: JSON.stringify({
                role: 'mentee',
                displayName: `Bench Mentee ${n}`,
                email: `ceiling.${runId}.${n}@bench.example`,
                answers: menteeAnswers(n),
              }),
            };
          },
        },
      ],
      expected: 201,
    });
    ceilingRps.post = ceilingPost.requestsPerSecond;

    // 2. Reads, the system quiet and seeded.
    const read = (
      name: string,
      endpoint: string,
      target: ServiceName,
      paths: string[],
      headers: Record<string, string> = admin,
    ) =>
      measure({
        name,
        endpoint,
        target,
        kind: name === 'health' ? 'reference' : 'read',
        ceiling: 'get',
        url: c.urls[target],
        requests: paths.map((path) => ({ method: 'GET', path, headers })),
        expected: 200,
      });
    await read('health', 'GET /health (profile)', 'profile', ['/health'], {});
    await read('programme', 'GET /programmes/{id}', 'profile', [`/programmes/${programmeId}`]);
    await read(
      'profile',
      'GET /profiles/{id}',
      'profile',
      menteeIds.slice(0, 50).map((id) => `/profiles/${id}`),
    );
    await read('search', 'GET /programmes/{id}/profiles?limit=20', 'profile', [
      `/programmes/${programmeId}/profiles?limit=20`,
    ]);
    if (matchIds.length > 0) {
      await read(
        'match',
        'GET /matches/{id}',
        'matching',
        matchIds.map((id) => `/matches/${id}`),
      );
    } else {
      skipped.push({ endpoint: 'GET /matches/{id}', reason: 'no match was made while seeding' });
    }
    await read('delivery-log', 'GET /notifications?programmeId=…&limit=20', 'notification', [
      `/notifications?programmeId=${programmeId}&limit=20`,
    ]);

    // 3. Writes; each followed by the processing of the events it caused.
    const write = async (spec: Omit<Spec, 'kind' | 'ceiling' | 'url'>) => {
      const mailBefore = (await progress(where, conn)).mail;
      const row = await measure({
        ...spec,
        kind: 'write',
        ceiling: 'post',
        url: c.urls[spec.target as ServiceName],
      });
      phase = `${spec.endpoint}: processing its events`;
      const done = await settle(settleCapMs);
      sample();
      phase = 'between';
      row.settle = {
        settled: done.settled,
        seconds: done.seconds,
        emails: done.mail - mailBefore,
        peakRssMb: phasePeaks.get(`${spec.endpoint}: processing its events`) ?? {},
      };
      log(
        `  then ${done.settled ? '' : 'NOT '}settled in ${done.seconds} s (${row.settle.emails} emails sent meanwhile)`,
      );
    };
    let signUpN = 0;
    await write({
      name: 'sign-up',
      endpoint: 'POST /programmes/{id}/profiles',
      target: 'profile',
      requests: [
        {
          method: 'POST',
          path: `/programmes/${programmeId}/profiles`,
          setupRequest: (request) => {
            const n = signUpN++;
            return {
              ...request,
              headers: { ...json, 'idempotency-key': `bench-${runId}-${n}` },
              body: JSON.stringify({
                role: 'mentee',
                displayName: `Bench Mentee ${n}`,
                email: `bench.${runId}.${n}@bench.example`,
                answers: menteeAnswers(n),
              }),
            };
          },
        },
      ],
      expected: 201,
    });
    let patchN = 0;
    await write({
      name: 'answer-change',
      endpoint: 'PATCH /profiles/{id}',
      target: 'profile',
      requests: [
        {
          method: 'PATCH',
          path: `/profiles/${menteeIds[0]}`,
          setupRequest: (request) => {
            const n = patchN++;
            return {
              ...request,
              path: `/profiles/${menteeIds[n % menteeIds.length]}`,
              headers: { ...json, ...admin },
              body: JSON.stringify({
                answers: {
                  hopes: `I would like help with literature searching for reviews and with appraisal (revision ${n}).`,
                },
              }),
            };
          },
        },
      ],
      expected: 200,
    });

    // --- Report. ---
    clearInterval(sampler);
    const memory: Record<string, { idleMb: number; peakMb: number; peakDuring: string | null }> = {};
    for (const p of processes) {
      let peakMb = idleMb[p.name] ?? 0;
      let peakDuring: string | null = null;
      for (const [name, peaks] of phasePeaks) {
        if (name === 'idle' || name === 'between') continue;
        const v = peaks[p.name] ?? 0;
        if (v > peakMb) {
          peakMb = v;
          peakDuring = name;
        }
      }
      memory[p.name] = { idleMb: idleMb[p.name] ?? 0, peakMb, peakDuring };
    }
    const report = {
      machine: { ...machine, loadAverageAtEnd: os.loadavg().map(round2) },
      settings: { seconds, warmupSeconds: warmup, connections, pipelining: 1 },
      versions: { fastifyServices: servicesFastify.version, fastifyCeiling: benchFastify.version },
      seed: {
        programmeId,
        mentors: mentors.length,
        menteesConfirmed: menteeIds.length,
        documents,
        settle: seedSettle,
        driverErrors: Object.fromEntries(driver.errors),
      },
      rows,
      skipped,
      memory,
      rssPeakMbByPhase: Object.fromEntries([...phasePeaks].filter(([name]) => name !== 'between')),
      ok: invalid === 0,
      notes: [
        'Load generator (autocannon) runs on the same machine and shares its cores with the services.',
        'Services log every request (pino at info, to a file); the ceiling has its logger off.',
        'Every service request also counts against the rate limit in Redis (set high enough never to answer 429).',
        'Write throughput is bounded by the database: FerretDB on SQLite serialises writes (docs/benchmarks.md). ' +
          'The events a write causes are processed afterwards; settle.seconds is how long that took.',
      ],
    };
    const dir = join(repoRoot, '.belong', 'artifacts', 'proof');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'http-bench.json');
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

    console.log('');
    console.log(markdown(report.rows, memory, machine, seconds, warmup, connections));
    if (skipped.length) for (const s of skipped) console.log(`skipped: ${s.endpoint}: ${s.reason}`);
    console.log(`\nfigures: ${file} (whole run ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    if (invalid > 0) {
      console.error(
        `\n${invalid} row(s) INVALID: more than 1 % of the answers were not the expected status.`,
      );
      process.exitCode = 1;
    }
  } finally {
    clearInterval(sampler);
    ceiling?.child.kill('SIGTERM');
    await cluster?.stop();
    await connection?.close();
    if (!args['keep-stack']) await stack.down();
  }
}

function markdown(
  rows: Row[],
  memory: Record<string, { idleMb: number; peakMb: number; peakDuring: string | null }>,
  machine: { cores: number; cpuModel: string; totalMemoryGiB: number; node: string; date: string },
  seconds: number,
  warmup: number,
  connections: number,
): string {
  const int = (n: number) => Math.round(n).toLocaleString('en-GB');
  const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
  const lines = [
    `**Machine**: ${machine.cores} cores (${machine.cpuModel}), ${machine.totalMemoryGiB} GiB, Node ${machine.node}; ` +
      `${machine.date.slice(0, 10)}. autocannon, ${connections} connections, ${seconds} s per row after a ${warmup} s warm-up.`,
    '',
    '| endpoint | service | req/s | requests | p50 | p99 | one request alone | not expected | vs ceiling | CPU: service / FerretDB / load generator |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    const codes = Object.entries(r.statusCounts)
      .filter(([code]) => Number(code) !== r.expectedStatus)
      .map(([code, n]) => `${n} × ${code}`);
    if (r.errors) codes.push(`${r.errors} errors`);
    const bad = codes.length ? codes.join(', ') : '0';
    const settled = r.settle
      ? ` (events processed ${r.settle.settled ? 'in' : 'NOT within'} ${r.settle.seconds} s after)`
      : '';
    lines.push(
      `| \`${r.endpoint}\`${r.valid ? '' : ' **INVALID**'}${settled} | ${r.service} | ${int(r.requestsPerSecond)} | ${int(r.requests)} | ` +
        `${ms(r.latencyMs.p50)} | ${ms(r.latencyMs.p99)} | ${ms(r.unloadedLatencyMs)} | ${bad} | ` +
        `${r.vsCeilingPercent === null ? '—' : `${r.vsCeilingPercent.toFixed(r.vsCeilingPercent < 1 ? 3 : 1)} %`} | ` +
        `${[r.service, 'ferretdb', 'load generator'].map((k) => `${r.cpuPercent[k] ?? '?'} %`).join(' / ')} |`,
    );
  }
  lines.push('', '| process | RSS idle | RSS peak under load | peak during |', '| --- | ---: | ---: | --- |');
  for (const [name, m] of Object.entries(memory)) {
    lines.push(
      `| ${name} | ${m.idleMb} MB | ${m.peakMb} MB | ${m.peakDuring ? `\`${m.peakDuring}\`` : 'never above idle'} |`,
    );
  }
  return lines.join('\n');
}

if (args['serve-ceiling']) {
  await serveCeiling();
} else {
  try {
    await main();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
}
