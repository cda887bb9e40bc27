import autocannon from 'autocannon';
import { ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { BenchConfig } from './config';
import { BenchAccount } from './http-app-process';
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
  const submit: autocannon.Request = {
    method: 'POST',
    path: '/tickets',
    setupRequest: (request, context) => {
      const c = context as Lifecycle;
      const k = n++;
      c.agent = `agent-${k % AGENTS}`;
      c.customer = `cust-${k % CUSTOMERS}`;
      return {
        ...request,
        headers: { ...as(c.customer), 'idempotency-key': `bench-${run}-${k}` },
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

async function startApp(dataDir: string): Promise<{ url: string; tokens: Record<string, string>; child: ChildProcess }> {
  const child = fork(join(__dirname, 'http-app-process.js'), [dataDir, JSON.stringify(ACCOUNTS)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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

const perSecond = (r: autocannon.Result) => r['2xx'] / r.duration;

/**
 * 2. HTTP commands/s with N concurrent clients against the real app (its own process, temp
 * DATA_DIR, projections running in it as by default). Baseline: GET /health/live, a route with
 * no I/O, on the same app with the same connections.
 */
export async function httpCommands(config: BenchConfig): Promise<Measurement[]> {
  const dir = tempDir('http');
  const { url, tokens, child } = await startApp(dir.path);
  try {
    const connections = config.httpConnections;
    if (config.httpWarmupSeconds > 0) {
      await cannon(url, { connections, seconds: config.httpWarmupSeconds, path: '/health/live' });
      await cannon(url, { connections, seconds: config.httpWarmupSeconds, requests: lifecycleRequests(tokens) });
    }
    const health = await cannon(url, { connections, seconds: config.httpSeconds, path: '/health/live' });
    const commands = await cannon(url, { connections, seconds: config.httpSeconds, requests: lifecycleRequests(tokens) });
    const problems = (r: autocannon.Result) =>
      r.non2xx || r.errors || r.timeouts ? `, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : '';
    return [
      {
        benchmark: `HTTP lifecycle commands (${connections} connections)`,
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
      },
    ];
  } finally {
    child.send('stop');
    await once(child, 'exit');
    dir.remove();
  }
}

function summary(r: autocannon.Result) {
  return { ok: r['2xx'], non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, seconds: r.duration, latency: r.latency, statusCodeStats: (r as unknown as { statusCodeStats: unknown }).statusCodeStats };
}
