import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { BenchConfig } from './config';
import { BenchAccount, ProfileMessage } from './http-app-process';
import { BACKLOG_ROSTER, seedOpenBacklog } from './open-backlog';
import { Measurement } from './table';
import { tempDir } from './temp-dir';

const json = { 'content-type': 'application/json' };
const AGENTS = 50;
/** Customers submit under their own account's email; a pool the size of the agents' is plenty. */
const CUSTOMERS = 50;
const customerEmail = (k: number) => `customer${k}@example.com`;
const ACCOUNTS: BenchAccount[] = [
  { id: 'sup-sana', role: 'supervisor', email: 'sana@helpdesk.test' },
  ...Array.from({ length: AGENTS }, (_, k): BenchAccount => ({ id: `agent-${k}`, role: 'agent', email: `agent-${k}@helpdesk.test` })),
  ...Array.from({ length: CUSTOMERS }, (_, k): BenchAccount => ({ id: `cust-${k}`, role: 'customer', email: customerEmail(k) })),
];

interface Lifecycle {
  id?: string;
  agent?: string;
  customer?: string;
}

/**
 * Each connection works tickets through whole lives, one command per request, in order:
 * submit (with an Idempotency-Key), assign, start, comment, resolve, confirm, close; then again.
 * The ticket id comes from the submit's answer (autocannon keeps a context per connection).
 */
function lifecycleRequests(tokens: Record<string, string>): autocannon.Request[] {
  const run = randomUUID().slice(0, 8); // keys differ from run to run
  const as = (id: string) => ({ ...json, authorization: `Bearer ${tokens[id]}` });
  const SUPERVISOR = as('sup-sana');
  let n = 0;
  const step = (action: string, headers: (c: Lifecycle) => Record<string, string>, body: (c: Lifecycle) => object): autocannon.Request => ({
    method: 'POST',
    setupRequest: (request, context) => {
      const c = context as Lifecycle;
      // Without an id (the submit failed) the request still goes out and counts as non-2xx.
      return { ...request, path: `/tickets/${c.id ?? '00000000-0000-4000-8000-000000000000'}/${action}`, headers: headers(c), body: JSON.stringify(body(c)) };
    },
  });
  const agent = (c: Lifecycle) => as(c.agent ?? 'agent-0');
  const customer = (c: Lifecycle) => as(c.customer ?? 'cust-0');
  const submit = submitRequest(tokens, run, () => n++);
  return [
    submit,
    step('assign', () => SUPERVISOR, (c) => ({ agentId: c.agent })),
    step('start', agent, () => ({})),
    step('comments', agent, () => ({ body: 'Your password has been reset; please try again.', visibility: 'public' })),
    step('resolve', agent, () => ({ resolution: 'Password reset' })),
    step('confirm', customer, () => ({})),
    step('close', agent, () => ({})),
  ];
}

/**
 * POST /tickets as customer `k` (round the pool), with an Idempotency-Key unique to the run; the
 * id of the ticket goes into the connection's context for the lifecycle's next steps.
 */
function submitRequest(tokens: Record<string, string>, run: string, nextIndex: () => number): autocannon.Request {
  return {
    method: 'POST',
    path: '/tickets',
    setupRequest: (request, context) => {
      const c = context as Lifecycle;
      const k = nextIndex();
      c.agent = `agent-${k % AGENTS}`;
      c.customer = `cust-${k % CUSTOMERS}`;
      return {
        ...request,
        headers: { ...json, authorization: `Bearer ${tokens[c.customer]}`, 'idempotency-key': `bench-${run}-${k}` },
        body: JSON.stringify({
          subject: 'Cannot sign in to the portal',
          description: 'The sign-in page rejects my password since this morning.',
          channel: 'web',
          customer: { name: `Customer ${k}`, email: customerEmail(k % CUSTOMERS), timezone: 'Asia/Karachi', language: 'ur' },
          category: 'incident',
          errorMessages: ['E401: invalid credentials'],
        }),
      };
    },
    onResponse: (status, body, context) => {
      if (status === 201) (context as Lifecycle).id = (JSON.parse(body) as { id: string }).id;
    },
  };
}

async function startApp(dataDir: string, env: Record<string, string> = {}): Promise<{ url: string; tokens: Record<string, string>; child: ChildProcess }> {
  const child = fork(join(__dirname, 'http-app-process.js'), [dataDir, JSON.stringify(ACCOUNTS), JSON.stringify(env)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the app exited (${code}) before listening`);
    }),
  ])) as [{ url: string; tokens: Record<string, string> }];
  return { url: message.url, tokens: message.tokens, child };
}

function cannon(url: string, options: { connections: number; seconds: number; requests?: autocannon.Request[]; path?: string }) {
  return autocannon({
    url: options.path ? `${url}${options.path}` : url,
    connections: options.connections,
    duration: options.seconds,
    requests: options.requests,
    timeout: 10,
  });
}

/**
 * A measured run; with BENCH_HTTP_PROFILE_DIR set, the app's CPU profile of that run alone is
 * written there as `<name>.cpuprofile` (the load generator's own process is not in it).
 */
async function measured(child: ChildProcess, name: string, run: () => Promise<autocannon.Result>): Promise<autocannon.Result> {
  const dir = process.env.BENCH_HTTP_PROFILE_DIR;
  if (!dir) return run();
  await tell(child, { profile: 'start' });
  try {
    return await run();
  } finally {
    await tell(child, { profile: 'stop', file: join(dir, `${name}.cpuprofile`) });
  }
}

async function tell(child: ChildProcess, message: ProfileMessage): Promise<void> {
  const answered = new Promise<void>((resolve) => {
    const listener = (m: unknown) => {
      if ((m as { profiled?: string }).profiled === message.profile) {
        child.off('message', listener);
        resolve();
      }
    };
    child.on('message', listener);
  });
  child.send(message);
  await answered;
}

const perSecond = (r: autocannon.Result) => r['2xx'] / r.duration;

/**
 * 2. HTTP commands/s with N concurrent clients against the real app (its own process, temp
 * DATA_DIR, projections running in it as by default), for each N of BENCH_HTTP_CONNECTIONS (10 and
 * 50), each on an app of its own. Baseline: GET /health/live, a route with no I/O, on the same
 * app with the same connections, right before.
 */
export async function httpCommands(config: BenchConfig): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  for (const connections of config.httpConnections) rows.push(await lifecycleCommands(config, connections));
  rows.push(await lifecycleCommands(config, config.httpConnections[0], true));
  const backlogs: BacklogRun[] = [];
  for (const open of config.httpBacklogs) backlogs.push(await submitsWithBacklog(config, open));
  rows.push(...backlogs.map((b) => b.row));
  const [least, most] = [backlogs[0], backlogs[backlogs.length - 1]];
  if (least && most && most.open > least.open) rows.push(backlogGrowth(least, most));
  return rows;
}

/**
 * The projector (apps/projector) in a process of its own beside the API, as a deployment that
 * scales them apart runs them (RUN_PROJECTIONS=false in the API).
 */
function startProjector(dataDir: string): ChildProcess {
  return fork(join(__dirname, '..', 'apps', 'projector', 'src', 'main.js'), [], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
}

async function lifecycleCommands(config: BenchConfig, connections: number, apart = false): Promise<Measurement> {
  const dir = tempDir('http');
  const { url, tokens, child } = await startApp(dir.path, apart ? { RUN_PROJECTIONS: 'false' } : {});
  const projector = apart ? startProjector(dir.path) : null;
  try {
    // The baseline before any command: after them, the projections would still be catching up
    // with the warm-up's events while it runs (measured: a 50-connection baseline fell 5-fold).
    if (config.httpWarmupSeconds > 0) await cannon(url, { connections, seconds: config.httpWarmupSeconds, path: '/health/live' });
    const health = await measured(child, `health-${connections}${apart ? '-projector-apart' : ''}`, () => cannon(url, { connections, seconds: config.httpSeconds, path: '/health/live' }));
    if (config.httpWarmupSeconds > 0) await cannon(url, { connections, seconds: config.httpWarmupSeconds, requests: lifecycleRequests(tokens) });
    const commands = await measured(child, `lifecycle-${connections}${apart ? '-projector-apart' : ''}`, () => cannon(url, { connections, seconds: config.httpSeconds, requests: lifecycleRequests(tokens) }));
    return {
      benchmark: `HTTP lifecycle commands (${connections} connections${apart ? ', projections in apps/projector beside the API' : ''})`,
      figure: perSecond(commands),
      unit: 'commands/s',
      baseline: 'GET /health/live, same app',
      baselineFigure: perSecond(health),
      baselineUnit: 'requests/s',
      target: { ratioAtLeast: 0.5 },
      notes:
        `submit/assign/start/comment/resolve/confirm/close in turn, ${config.httpSeconds} s each run; ` +
        `commands ${commands['2xx']} ok, latency p50 ${commands.latency.p50} ms / p99 ${commands.latency.p99} ms${problems(commands)}; ` +
        `health latency p50 ${health.latency.p50} ms / p99 ${health.latency.p99} ms${problems(health)}`,
      details: { commands: summary(commands), health: summary(health) },
    };
  } finally {
    child.send('stop');
    await once(child, 'exit');
    if (projector) {
      projector.kill('SIGTERM');
      if (projector.exitCode === null) await once(projector, 'exit');
    }
    dir.remove();
  }
}

interface BacklogRun {
  open: number;
  row: Measurement;
  submits: autocannon.Result;
  health: autocannon.Result;
}

/**
 * POST /tickets alone, with `open` open tickets already in the stores (bench/open-backlog.ts:
 * a roster online and at its cap, so new tickets stay unassigned and every router pass weighs
 * the roster against a queue that only grows). Baseline: GET /health/live on the same app, right
 * before. A fresh DATA_DIR per size, so the reactors start at its head.
 */
async function submitsWithBacklog(config: BenchConfig, open: number): Promise<BacklogRun> {
  const dir = tempDir(`http-backlog-${open}`);
  try {
    process.stderr.write(`bench: http: seeding ${open.toLocaleString('en-US')} open tickets ...\n`);
    const seeded = await seedOpenBacklog(dir.path, open);
    const { url, tokens, child } = await startApp(dir.path);
    try {
      const connections = config.httpConnections[0];
      const submits = () => [submitRequest(tokens, randomUUID().slice(0, 8), counter())];
      if (config.httpWarmupSeconds > 0) {
        await cannon(url, { connections, seconds: config.httpWarmupSeconds, path: '/health/live' });
        await cannon(url, { connections, seconds: config.httpWarmupSeconds, requests: submits() });
      }
      const health = await measured(child, `health-backlog-${open}`, () => cannon(url, { connections, seconds: config.httpSeconds, path: '/health/live' }));
      const submitted = await measured(child, `submits-backlog-${open}`, () => cannon(url, { connections, seconds: config.httpSeconds, requests: submits() }));
      const row: Measurement = {
        benchmark: `POST /tickets with ${open.toLocaleString('en-US')} open tickets (${connections} connections)`,
        figure: perSecond(submitted),
        unit: 'submits/s',
        baseline: 'GET /health/live, same app',
        baselineFigure: perSecond(health),
        baselineUnit: 'requests/s',
        target: null,
        notes:
          `${config.httpSeconds} s each run; ${seeded.pendingAcknowledgement} of the open tickets assigned and awaiting acknowledgement, ${BACKLOG_ROSTER} agents online at their cap; ` +
          `seeded in ${seeded.seedSeconds.toFixed(0)} s, projected in ${seeded.projectSeconds.toFixed(0)} s; ` +
          `submits ${submitted['2xx']} ok, latency p50 ${submitted.latency.p50} ms / p99 ${submitted.latency.p99} ms${problems(submitted)}; ` +
          `health latency p50 ${health.latency.p50} ms / p99 ${health.latency.p99} ms${problems(health)}`,
        details: { open, seeded, submits: summary(submitted), health: summary(health) },
      };
      return { open, row, submits: submitted, health };
    } finally {
      child.send('stop');
      await once(child, 'exit');
    }
  } finally {
    dir.remove();
  }
}

/** Flat as the backlog grows: submissions at the largest backlog against the smallest, same run. */
function backlogGrowth(least: BacklogRun, most: BacklogRun): Measurement {
  const share = (b: BacklogRun) => perSecond(b.submits) / perSecond(b.health);
  return {
    benchmark: `POST /tickets at ${most.open.toLocaleString('en-US')} open tickets against ${least.open.toLocaleString('en-US')}`,
    figure: perSecond(most.submits),
    unit: 'submits/s',
    baseline: `POST /tickets at ${least.open.toLocaleString('en-US')} open tickets, same run`,
    baselineFigure: perSecond(least.submits),
    baselineUnit: 'submits/s',
    target: { ratioAtLeast: 0.9 },
    notes: `each as a share of its own app's GET /health/live: ${(share(most) * 100).toFixed(1)}% against ${(share(least) * 100).toFixed(1)}% (the machine's load may differ between the two apps)`,
  };
}

const counter = () => {
  let n = 0;
  return () => n++;
};

const problems = (r: autocannon.Result) => (r.non2xx || r.errors || r.timeouts ? `, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : '');

function summary(r: autocannon.Result) {
  return { ok: r['2xx'], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, seconds: r.duration, latency: r.latency, statusCodeStats: (r as unknown as { statusCodeStats: unknown }).statusCodeStats };
}
