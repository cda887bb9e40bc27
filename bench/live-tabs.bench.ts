import { ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BenchConfig } from './config';
import { BenchAccount } from './http-app-process';
import { Measurement } from './table';
import { tempDir } from './temp-dir';

/** Tabs are spread over this many agent accounts (a person has a few tabs, not 200). */
const AGENTS = 20;
const ACCOUNTS: BenchAccount[] = [
  { id: 'cust-bench', role: 'customer', email: 'customer@example.com' },
  ...Array.from({ length: AGENTS }, (_, k): BenchAccount => ({ id: `agent-${k}`, role: 'agent', email: `agent-${k}@helpdesk.test` })),
];
/** What the queue page polled every 2.5 s before push: the open queue's first page and its counts (3 views + 15 facet values). */
const POLL_MS = 2500;
const QUEUE_READS = ['/queue?view=all&limit=25', '/queue/counts?view=all'];

interface App {
  url: string;
  tokens: Record<string, string>;
  child: ChildProcess;
}

async function startApp(dataDir: string, tabs: number): Promise<App> {
  const child = fork(join(__dirname, 'http-app-process.js'), [dataDir, JSON.stringify(ACCOUNTS)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Every tab of an agent holds a stream: the per-account cap (10 by default) must allow them.
    env: { ...process.env, LIVE_MAX_STREAMS_PER_PRINCIPAL: String(tabs) },
  });
  const [message] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the app exited (${code}) before listening`);
    }),
  ])) as [{ url: string; tokens: Record<string, string> }];
  return { ...message, child };
}

/** CPU seconds (user + system) the process has used, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat(5): 12 and 13 after "pid (comm) ".
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** sysconf(_SC_CLK_TCK): 100 on every Linux Node runs on in practice. */
const CLOCK_TICKS = 100;

function rssMiB(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The app's CPU use over `seconds` of wall time, as a share of one core (1 = one core busy). */
async function measureCpu(pid: number, seconds: number): Promise<{ cores: number; wallSeconds: number }> {
  const cpuBefore = cpuSeconds(pid);
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { cores: (cpuSeconds(pid) - cpuBefore) / wallSeconds, wallSeconds };
}

function send(url: string, method: string, token: string, agent: Agent, body?: object): Promise<{ status: number | string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

/** Open tickets for the queue reads to find (what an idle helpdesk holds). */
async function seed(app: App, tickets: number): Promise<string> {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  let position = '0';
  for (let k = 0; k < tickets; k += 8) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(8, tickets - k) }, (_, i) =>
        send(`${app.url}/tickets`, 'POST', app.tokens['cust-bench'], agent, {
          subject: `Bench ticket ${k + i}`,
          description: 'The portal rejects my password.',
          channel: 'web',
          customer: { name: 'Bench Customer', email: 'customer@example.com', timezone: 'Asia/Karachi', language: k % 3 ? 'en' : 'ur' },
          category: 'incident',
        }),
      ),
    );
    for (const r of batch) {
      if (r.status !== 201) throw new Error(`seeding a ticket answered ${r.status}: ${r.body}`);
      position = (JSON.parse(r.body) as { position: string }).position;
    }
  }
  agent.destroy();
  // The read side has every ticket before anything is measured.
  const wait = await send(`${app.url}/queue/counts?view=all&consistentWith=${position}`, 'GET', app.tokens['agent-0'], new Agent());
  if (wait.status !== 200) throw new Error(`the read side did not catch up: ${wait.status} ${wait.body}`);
  return position;
}

/** `tabs` event streams held open, each on its own connection as a browser tab's; resolves once every one has joined. */
async function openStreams(app: App, tabs: number): Promise<{ close(): void; heartbeats(): number; messages(): number; ended(): number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const open: Array<{ destroy(): void }> = [];
  let heartbeats = 0;
  let messages = 0;
  let ended = 0;
  let closing = false;
  await Promise.all(
    Array.from(
      { length: tabs },
      (_, tab) =>
        new Promise<void>((resolve, reject) => {
          const req = request(`${app.url}/live`, { agent, headers: { accept: 'text/event-stream', authorization: `Bearer ${app.tokens[`agent-${tab % AGENTS}`]}` } }, (res) => {
            if (res.statusCode !== 200) return reject(new Error(`GET /live answered ${res.statusCode}`));
            res.setEncoding('utf8');
            res.on('close', () => closing || ended++);
            let joined = false;
            res.on('data', (chunk: string) => {
              heartbeats += (chunk.match(/^: heartbeat$/gm) ?? []).length;
              messages += (chunk.match(/^event: /gm) ?? []).length;
              if (!joined && chunk.includes('event: ready')) {
                joined = true;
                resolve();
              }
            });
          });
          req.on('error', (error) => (open.length ? undefined : reject(error)));
          req.end();
          open.push(req);
        }),
    ),
  );
  return {
    close: () => {
      closing = true;
      open.forEach((r) => r.destroy());
      agent.destroy();
    },
    heartbeats: () => heartbeats,
    messages: () => messages,
    ended: () => ended,
  };
}

/**
 * `tabs` simulated queue pages polling as the page did before push (`usePolling`): both reads
 * at once, and 2.5 s after they are answered the next pair; tabs spread evenly over the interval.
 */
function poll(app: App, tabs: number): { stop(): Promise<void>; requests(): number; failures(): number; failed: Record<string, number>; rounds: number[] } {
  const agent = new Agent({ keepAlive: true, maxSockets: tabs });
  let requests = 0;
  let failures = 0;
  const failed: Record<string, number> = {};
  let stopped = false;
  const rounds: number[] = [];
  const loops = Array.from({ length: tabs }, async (_, tab) => {
    await new Promise((resolve) => setTimeout(resolve, (POLL_MS * tab) / tabs));
    while (!stopped) {
      const started = Date.now();
      const token = app.tokens[`agent-${tab % AGENTS}`];
      const answers = await Promise.all(QUEUE_READS.map((path) => send(`${app.url}${path}`, 'GET', token, agent).catch((e: Error) => ({ status: (e as NodeJS.ErrnoException).code ?? 'error', body: '' }))));
      rounds.push(Date.now() - started);
      requests += answers.length;
      for (const { status } of answers.filter((a) => a.status !== 200)) {
        failures++;
        failed[status] = (failed[status] ?? 0) + 1;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  });
  return {
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      agent.destroy();
    },
    requests: () => requests,
    failures: () => failures,
    failed,
    rounds,
  };
}

const percentileOf = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
};

/**
 * Live tabs: the server's cost of 200 idle open queue pages, pushed to (one SSE stream each, held
 * open for the measured minute) against polled (each tab's page and counts every 2.5 s), on the
 * same app in the same run, one after the other. Server CPU is read from /proc for the app's own
 * process (a child of this one, so the load generator's CPU is not counted); requests per minute
 * are those the tabs make. No target: the ratio is the figure.
 */
export async function liveTabs(config: BenchConfig): Promise<Measurement[]> {
  const dir = tempDir('live');
  const tabs = config.liveTabs;
  const seconds = config.liveSeconds;
  const loadBefore = loadavg()[0];
  const app = await startApp(dir.path, tabs);
  const pid = app.child.pid!;
  try {
    await seed(app, config.liveTickets);

    const streams = await openStreams(app, tabs);
    // Settled: the joins' own work done before the minute is measured.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssWithStreams = rssMiB(pid);
    const endedBefore = streams.ended();
    const pushed = await measureCpu(pid, seconds);
    const heartbeats = streams.heartbeats();
    // A stream that ended in the minute would have been reopened by its tab: one request each.
    const reopened = streams.ended() - endedBefore;
    streams.close();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // The app with no tab at all, long after seeding: what neither way adds to.
    const idle = await measureCpu(pid, Math.min(10, seconds));

    const polling = poll(app, tabs);
    const warm = POLL_MS * 2;
    await new Promise((resolve) => setTimeout(resolve, warm));
    const before = polling.requests();
    const polled = await measureCpu(pid, seconds);
    const pollRequests = polling.requests() - before;
    const roundTrips = polling.rounds.slice();
    await polling.stop();

    const pollPerMinute = (pollRequests / polled.wallSeconds) * 60;
    const load = `load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`;
    const percent = (cores: number) => cores * 100;
    return [
      {
        benchmark: `server CPU, ${tabs} idle queue tabs: pushed (SSE) vs polled every 2.5 s`,
        figure: percent(pushed.cores),
        unit: '% of a core',
        baseline: `the same ${tabs} tabs polling (page + counts every 2.5 s), same app`,
        baselineFigure: percent(polled.cores),
        target: null,
        notes:
          `${seconds} s each, ${config.liveTickets} open tickets, tabs over ${AGENTS} agent accounts; app process CPU from /proc; ` +
          `idle app without tabs ${percent(idle.cores).toFixed(2)}% of a core; ${heartbeats} heartbeats sent to the streams; ` +
          `app RSS with the ${tabs} streams open ${rssWithStreams.toFixed(0)} MiB; polling: ${pollRequests} requests, ${polling.failures()} failed ${JSON.stringify(polling.failed)}, ` +
          `a tab's page + counts answered in p50 ${percentileOf(roundTrips, 50)} ms / p99 ${percentileOf(roundTrips, 99)} ms; ${load}`,
        details: { roundTripP50: percentileOf(roundTrips, 50), roundTripP99: percentileOf(roundTrips, 99), idleCores: idle.cores, pushedCores: pushed.cores, polledCores: polled.cores, heartbeats, rssWithStreams, pollRequests, pollFailures: polling.failures(), streamsMessages: streams.messages() },
      },
      {
        benchmark: `requests per minute, ${tabs} idle queue tabs: pushed (SSE) vs polled every 2.5 s`,
        // Held streams make no request while idle: one GET /live per tab when it opens, none after.
        figure: (reopened / pushed.wallSeconds) * 60,
        unit: 'requests/min',
        baseline: `the same ${tabs} tabs polling, same app`,
        baselineFigure: pollPerMinute,
        target: null,
        notes: `pushed: ${tabs} GET /live when the tabs opened, then ${reopened} in ${pushed.wallSeconds.toFixed(0)} s (streams that ended and would be reopened; heartbeats are comment lines on the open streams); polled: ${pollRequests} requests in ${polled.wallSeconds.toFixed(0)} s`,
      },
    ];
  } finally {
    app.child.send('stop');
    await once(app.child, 'exit');
    dir.remove();
  }
}
