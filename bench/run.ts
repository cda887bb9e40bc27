/**
 * `npm run bench`: every benchmark in turn, each in its own process, each figure beside a
 * baseline measured in the same run. Prints a markdown table on stdout (progress on stderr) and
 * writes bench/results/latest.json.
 *
 * Environment (defaults finish in well under 10 minutes on 2 cores):
 *   BENCH_ONLY                 comma list of: appends, http, rebuild, lag, queries, notifications, mail, privacy, search, automation, live, peer, indexes (all)
 *   BENCH_TMPDIR               where temporary stores go                        (os.tmpdir())
 *   BENCH_APPEND_SECONDS       length of each append phase, store and raw       (5)
 *   BENCH_APPEND_STREAMS       streams the appends go round                     (1000)
 *   BENCH_HTTP_CONNECTIONS     concurrent HTTP clients, one run per count       (10,50)
 *   BENCH_HTTP_SECONDS         length of each measured HTTP run                 (5)
 *   BENCH_HTTP_WARMUP_SECONDS  unmeasured run before each, 0 for none           (1)
 *   BENCH_HTTP_BACKLOGS        open tickets seeded for the POST /tickets rows   (1000,100000)
 *   BENCH_REBUILD_EVENTS       ticket events in the feed that is rebuilt        (100000)
 *   BENCH_LAG_RATES            commands/s of the projection lag runs, one each  (100,500; BENCH_LAG_RATE=N for one)
 *   BENCH_LAG_SECONDS          length of the measured lag run                   (10)
 *   BENCH_QUERY_SIZES          tickets in the read store, one run per size      (100k; add 1m to opt in)
 *   BENCH_QUERY_SAMPLES        samples per query shape and size                 (200)
 *   BENCH_QUERY_SECONDS        sampling stops early after this long, per size   (90)
 *   BENCH_NOTIFICATIONS        notifications sent through the outbox, and by the baseline (500)
 *   BENCH_MAIL_MESSAGES        messages through the inbound mail pipeline       (1000)
 *   BENCH_SEARCH_ARTICLES      published articles the knowledge search runs over (100000)
 *   BENCH_SEARCH_SAMPLES       search samples, each beside a raw FTS5 query     (300)
 *   BENCH_AUTOMATION_EVENTS    ticket events the trigger reactor is timed over  (20000)
 *   BENCH_AUTOMATION_RULES     rule counts timed beside the no-rules baseline   (100,1000)
 *   BENCH_LIVE_TABS            idle queue tabs, pushed and then polled          (200)
 *   BENCH_LIVE_SECONDS         seconds each way is measured                     (60)
 *   BENCH_LIVE_TICKETS         open tickets the polled queue reads find         (300)
 *   BENCH_PEER_TICKETS         ticket lifecycles each event store appends (ours, Emmett) (1000)
 *   BENCH_TIMEOUT_SECONDS      a benchmark process running longer is stopped    (1800)
 */
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, sep } from 'node:path';
import { BenchConfig, BenchmarkName, readConfig } from './config';
import { Measurement, markdownTable, Row, skipped, toRow } from './table';

interface Job {
  name: BenchmarkName;
  /** Tickets for the query benchmark, commands/s for the lag benchmark (one process each). */
  size?: number;
  label: string;
}

async function runInChild(job: Job, config: BenchConfig): Promise<Measurement[]> {
  switch (job.name) {
    case 'appends':
      return (await import('./store-appends.bench')).storeAppends(config);
    case 'http':
      return (await import('./http-commands.bench')).httpCommands(config);
    case 'rebuild':
      return (await import('./projection-rebuild.bench')).projectionRebuild(config);
    case 'lag':
      return (await import('./projection-lag.bench')).projectionLag(config, job.size!);
    case 'queries':
      return (await import('./query-latency.bench')).queryLatency(config, job.size!);
    case 'notifications':
      return (await import('./notifications.bench')).notificationsSent(config);
    case 'mail':
      return (await import('./mail-ingest.bench')).mailIngest(config);
    case 'privacy':
      return (await import('./privacy-encryption.bench')).privacyEncryption(config);
    case 'search':
      return (await import('./knowledge-search.bench')).knowledgeSearch();
    case 'automation':
      return (await import('./automation.bench')).automationTriggers(config);
    case 'live':
      return (await import('./live-tabs.bench')).liveTabs(config);
    case 'peer':
      return (await import('./emmett-peer.bench')).emmettPeer(config);
    case 'indexes':
      return (await import('./index-upkeep.bench')).indexUpkeep(config);
  }
}

function jobs(config: BenchConfig): Job[] {
  return config.only.flatMap((name): Job[] => {
    if (name === 'queries') return config.querySizes.map((size) => ({ name, size, label: `queries @ ${size} tickets` }));
    if (name === 'lag') return config.lagRates.map((size) => ({ name, size, label: `lag @ ${size} commands/s` }));
    return [{ name, label: name }];
  });
}

/** Runs one job in a fresh process so that memory, JIT state and open handles do not carry over. */
function spawnJob(job: Job, timeoutSeconds: number): Promise<Measurement[]> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--child', job.name, String(job.size ?? '')], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: Measurement[] | undefined;
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = `stopped after ${timeoutSeconds} s (BENCH_TIMEOUT_SECONDS)`;
      child.kill('SIGKILL');
    }, timeoutSeconds * 1000);
    child.on('message', (message: { rows?: Measurement[]; error?: string }) => {
      if (message.rows) result = message.rows;
      if (message.error) failure = message.error;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (result) resolve(result);
      else reject(new Error(failure ?? `exited with ${signal ?? code} before reporting`));
    });
  });
}

function resultsFile(): string {
  // Compiled to dist/bench/run.js; the results belong in the source tree's bench/results.
  const root = __dirname.includes(`${sep}dist${sep}`) ? join(__dirname, '..', '..') : join(__dirname, '..');
  return join(root, 'bench', 'results', 'latest.json');
}

async function main(): Promise<void> {
  const config = readConfig();
  const timeoutSeconds = Number(process.env.BENCH_TIMEOUT_SECONDS ?? 1800);
  const started = Date.now();
  const rows: Row[] = [];
  for (const job of jobs(config)) {
    const jobStart = Date.now();
    process.stderr.write(`bench: ${job.label} ...\n`);
    try {
      rows.push(...(await spawnJob(job, timeoutSeconds)).map(toRow));
    } catch (error) {
      rows.push(skipped(job.label, `FAILED: ${error instanceof Error ? error.message : String(error)}`));
    }
    process.stderr.write(`bench: ${job.label} done in ${((Date.now() - jobStart) / 1000).toFixed(1)} s\n`);
  }
  if (config.only.includes('queries') && !config.querySizes.some((s) => s >= 1_000_000)) {
    rows.push(
      skipped('queue / ticket-list query p99 @ 1M tickets', 'not run by default (loading 1M tickets takes ~7.5 min on 2 cores; figures of one such run are in bench/RESULTS.md); opt in with BENCH_QUERY_SIZES=100k,1m', { below: 10 }, 'ms'),
    );
  }
  const wallSeconds = (Date.now() - started) / 1000;
  const table = markdownTable(rows);
  process.stdout.write(`${table}\n\nTotal wall time: ${wallSeconds.toFixed(1)} s\n`);

  const file = resultsFile();
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        startedAt: new Date(started).toISOString(),
        wallSeconds,
        node: process.version,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
        config,
        rows: rows.map((r) => ({ ...r, figure: finite(r.figure), baselineFigure: finite(r.baselineFigure), ratio: finite(r.ratio) })),
      },
      null,
      2,
    )}\n`,
  );
  process.stderr.write(`bench: results written to ${file}\n`);
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

async function child(name: BenchmarkName, size: string): Promise<void> {
  let message: { rows?: Measurement[]; error?: string };
  try {
    message = { rows: await runInChild({ name, size: size ? Number(size) : undefined, label: name }, readConfig()) };
  } catch (error) {
    console.error(error);
    message = { error: error instanceof Error ? error.message : String(error) };
  }
  // Exit once the message is out: whatever the benchmark left open must not keep the process alive.
  process.send!(message, undefined, {}, () => process.exit(0));
}

if (process.argv[2] === '--child') {
  void child(process.argv[3] as BenchmarkName, process.argv[4] ?? '');
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
