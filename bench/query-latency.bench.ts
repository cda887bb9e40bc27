import 'reflect-metadata';
import { join } from 'node:path';
import { ReadModels } from '@helpdesk/projection-engine';
import { DEFAULT_SLA_POLICIES } from '@helpdesk/projections';
import { SqliteReadStore } from '@helpdesk/read-store';
import { systemClock } from '@helpdesk/shared';
import { Settings } from '../apps/api/src/config/settings';
import { ListTotals } from '../apps/api/src/queries/list-totals';
import { SlaRemaining } from '../apps/api/src/queries/sla-remaining';
import { QueueController } from '../apps/api/src/queries/queue.controller';
import { TicketQueriesController } from '../apps/api/src/queries/ticket-queries.controller';
import { BenchConfig } from './config';
import { loadReadModels } from './load-read-models';
import { queryCases } from './query-cases';
import { RawReadModels } from './raw-read-models';
import { now, peakRssMiB, rssMiB, summarize } from './stats';
import { Measurement } from './table';
import { tempDir } from './temp-dir';
import { TicketDocumentFactory } from './ticket-documents';
import { DEFAULT_LIFE } from './ticket-lives';

const WARMUP_ROUNDS = 5;

/**
 * 5. Queue and ticket-list queries against the embedded read store holding `size` tickets
 * (about 10% open), through the API's controller methods. Baseline: the same pages and totals
 * from plain SQLite tables with real columns and the same indexes. Run once per size, each in
 * its own process so that its RSS is its own.
 */
export async function queryLatency(config: BenchConfig, size: number): Promise<Measurement[]> {
  const startRss = rssMiB();
  const dir = tempDir(`queries-${size}`);
  const label = size >= 1_000_000 && size % 1_000_000 === 0 ? `${size / 1_000_000}M` : size >= 1000 ? `${Math.round(size / 1000)}k` : String(size);
  try {
    const store = new SqliteReadStore(join(dir.path, 'read.db'));
    const settings = new Settings();
    const raw = new RawReadModels(join(dir.path, 'raw.db'), { total: settings.QUERY_TOTAL_CAP, count: settings.QUERY_COUNT_CAP });
    const life = { ...DEFAULT_LIFE, total: size };
    const loadStart = now();
    const load = await loadReadModels(store, new TicketDocumentFactory(life), size, (docs) => raw.insert(docs));
    raw.createIndexes();
    // What the running store does at open and every 10 minutes; the baseline runs ANALYZE too.
    await store.optimize();
    const loadSeconds = (now() - loadStart) / 1000;

    const readModels = new ReadModels(store);
    const slaRemaining = new SlaRemaining(DEFAULT_SLA_POLICIES, systemClock);
    const totals = new ListTotals(settings);
    const cases = queryCases(
      { queue: new QueueController(readModels, slaRemaining, totals), tickets: new TicketQueriesController(readModels, slaRemaining, systemClock, totals) },
      raw,
      life,
    );

    // The two must agree before their speeds mean anything.
    const disagreements: string[] = [];
    const matches = new Map<string, number>();
    for (const c of cases) {
      for (const k of [0, 1]) {
        const a = await c.api(k);
        const b = c.raw(k);
        if (a.total !== b.total || a.ids.join() !== b.ids.join()) disagreements.push(`${c.name} (total ${a.total} vs ${b.total})`);
        if (k === 0) matches.set(c.name, a.total);
      }
    }
    for (let round = 0; round < WARMUP_ROUNDS; round++) {
      for (const c of cases) {
        await c.api(round);
        c.raw(round);
      }
    }

    const samples = new Map(cases.map((c) => [c.name, { api: [] as number[], raw: [] as number[] }]));
    const deadline = now() + config.querySeconds * 1000;
    let rounds = 0;
    for (let k = 0; k < config.querySamples && (k < 10 || now() < deadline); k++, rounds++) {
      for (const c of cases) {
        const s = samples.get(c.name)!;
        let t = now();
        await c.api(k);
        s.api.push(now() - t);
        t = now();
        c.raw(k);
        s.raw.push(now() - t);
      }
    }
    const endRss = rssMiB();
    const peakRss = peakRssMiB();
    await store.close();
    raw.close();

    const rows: Measurement[] = [];
    const titles = {
      queue: 'queue query',
      counts: 'queue counts (tabs + filters)',
      'exact-counts': 'queue counts in full (exact=true)',
      tickets: 'ticket-list query',
    };
    const baselines = {
      queue: 'same query, raw SQL on indexed columns',
      counts: 'same counts, raw SQL: a capped count per view and per facet value',
      'exact-counts': 'same counts, raw SQL: a count per view, a GROUP BY per facet',
      tickets: 'same query, raw SQL on indexed columns',
    };
    for (const endpoint of ['queue', 'counts', 'exact-counts', 'tickets'] as const) {
      const mine = cases.filter((c) => c.endpoint === endpoint);
      const api = summarize(mine.flatMap((c) => samples.get(c.name)!.api));
      const base = summarize(mine.flatMap((c) => samples.get(c.name)!.raw));
      const worst = mine
        .map((c) => ({ name: c.name, p99: summarize(samples.get(c.name)!.api).p99 }))
        .sort((a, b) => b.p99 - a.p99)[0];
      rows.push({
        benchmark: `${titles[endpoint]} p99 @ ${label} tickets`,
        figure: api.p99,
        unit: 'ms',
        baseline: baselines[endpoint],
        baselineFigure: base.p99,
        // Exact counts are the opt-in slow path the cap exists for: measured, with no target.
        target: endpoint === 'exact-counts' ? null : { below: 10 },
        notes:
          `p50 ${api.p50.toFixed(2)} ms (baseline ${base.p50.toFixed(2)} ms); ${mine.length} query shapes x ${rounds} samples${rounds < config.querySamples ? ` (BENCH_QUERY_SECONDS cut ${config.querySamples})` : ''}, ${endpoint === 'counts' ? `3 views + 15 facet values, each counted up to ${settings.QUERY_COUNT_CAP}` : endpoint === 'exact-counts' ? '3 views + 15 facet values, counted in full' : `page 25 + total counted up to ${settings.QUERY_TOTAL_CAP}`}; ` +
          `slowest: ${worst.name} p99 ${worst.p99.toFixed(2)} ms` +
          (endpoint === 'queue'
            ? `; load ${loadSeconds.toFixed(0)} s (documents made ${load.generate.toFixed(0)} s, written with the baseline's ${load.write.toFixed(0)} s, indexed ${load.index.toFixed(0)} s)`
            : '') +
          (disagreements.length ? `; RESULTS DIFFER from baseline: ${disagreements.join(', ')}` : ''),
        details: Object.fromEntries(
          mine.map((c) => [c.name, { matches: matches.get(c.name), api: summarize(samples.get(c.name)!.api), baseline: summarize(samples.get(c.name)!.raw) }]),
        ),
      });
    }
    rows.push({
      benchmark: `read store process peak RSS @ ${label} tickets`,
      figure: peakRss,
      unit: 'MiB',
      baseline: 'same process before loading',
      baselineFigure: startRss,
      target: { below: 1536 },
      notes: `RSS after the queries ${endRss.toFixed(0)} MiB (includes the baseline's tables and the document generator)`,
    });
    return rows;
  } finally {
    dir.remove();
  }
}
