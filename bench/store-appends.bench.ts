import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { EventToAppend, ExpectedRevision, SqliteEventStore } from '@helpdesk/event-store';
import { BenchConfig } from './config';
import { now, summarize } from './stats';
import { Measurement } from './table';
import { tempDir } from './temp-dir';

/**
 * 1. Event store appends: one append = one transaction of 1-3 events with an expected revision,
 * round-robin over many streams, at the store's default durability (WAL, synchronous FULL).
 * Baseline: better-sqlite3 single-row insert transactions on a file with the same pragmas.
 */
export async function storeAppends(config: BenchConfig): Promise<Measurement[]> {
  const dir = tempDir('appends');
  try {
    const store = new SqliteEventStore(join(dir.path, 'events.db'));
    const pragmas = {
      journal_mode: String(store.connection.pragma('journal_mode', { simple: true })),
      synchronous: Number(store.connection.pragma('synchronous', { simple: true })),
      busy_timeout: Number(store.connection.pragma('busy_timeout', { simple: true })),
    };
    const raw = rawInserts(join(dir.path, 'raw.db'), pragmas);
    const appender = storeAppender(store, config.appendStreams);
    const seconds = config.appendSeconds;

    // Warm-up (file growth, statement caches), then alternate short rounds so that both see
    // the same disk weather; each side's rounds are summed.
    raw.run(0.3);
    await appender.run(0.3);
    const rawRounds: PhaseResult[] = [];
    const storeRounds: PhaseResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      rawRounds.push(raw.run(seconds / ROUNDS));
      storeRounds.push(await appender.run(seconds / ROUNDS));
    }
    raw.close();
    await store.close();
    const rawResult = combine(rawRounds);
    const storeResult = combine(storeRounds);

    const sync = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][pragmas.synchronous] ?? String(pragmas.synchronous);
    return [
      {
        benchmark: 'store appends (SqliteEventStore, 1-3 events/append)',
        figure: storeResult.perSecond,
        unit: 'appends/s',
        baseline: 'raw better-sqlite3 1-row insert tx, same pragmas',
        baselineFigure: rawResult.perSecond,
        target: { ratioAtLeast: 0.6 },
        notes:
          `journal_mode=${pragmas.journal_mode}, synchronous=${sync}; ${config.appendStreams} streams, ${seconds} s each in ${ROUNDS} alternating rounds; ` +
          `store ${storeResult.count} appends (${storeResult.events} events), append p50 ${storeResult.latency.p50.toFixed(2)} ms / p99 ${storeResult.latency.p99.toFixed(2)} ms; ` +
          `raw ${rawResult.count} inserts, p99 ${rawResult.latency.p99.toFixed(2)} ms`,
      },
    ];
  } finally {
    dir.remove();
  }
}

const ROUNDS = 5;

interface PhaseResult {
  count: number;
  events: number;
  seconds: number;
  samples: number[];
}

function combine(rounds: PhaseResult[]) {
  const count = rounds.reduce((n, r) => n + r.count, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  return {
    count,
    events: rounds.reduce((n, r) => n + r.events, 0),
    perSecond: count / seconds,
    latency: summarize(rounds.flatMap((r) => r.samples)),
  };
}

/** A payload the size of a real ticket event (a comment) and its metadata. */
function payload(i: number) {
  return {
    data: { commentId: randomUUID(), body: `Benchmark comment ${i}: the customer reports the portal rejects the password since this morning.`, visibility: 'public', author: 'agent' },
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: { id: `agent-${i % 50}`, role: 'agent' },
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
}

function storeAppender(store: SqliteEventStore, streams: number) {
  const revisions = new Map<string, number>();
  let i = 0;
  return {
    async run(seconds: number): Promise<PhaseResult> {
      const samples: number[] = [];
      let events = 0;
      const start = now();
      const end = start + seconds * 1000;
      while (now() < end) {
        const streamId = `bench-${i % streams}`;
        const count = 1 + (i % 3);
        const batch: EventToAppend[] = [];
        for (let k = 0; k < count; k++) {
          const { data, metadata } = payload(i);
          batch.push({ id: randomUUID(), type: 'CommentAdded', data, metadata: { ...metadata, eventId: randomUUID() } });
        }
        const expected: ExpectedRevision = revisions.get(streamId) ?? 'no_stream';
        const t0 = now();
        const result = await store.append(streamId, batch, expected);
        samples.push(now() - t0);
        revisions.set(streamId, result.nextRevision);
        events += count;
        i++;
      }
      return { count: samples.length, events, seconds: (now() - start) / 1000, samples };
    },
  };
}

function rawInserts(file: string, pragmas: { journal_mode: string; synchronous: number; busy_timeout: number }) {
  const db = new Database(file);
  db.pragma(`busy_timeout = ${pragmas.busy_timeout}`);
  db.pragma(`journal_mode = ${pragmas.journal_mode}`);
  db.pragma(`synchronous = ${pragmas.synchronous}`);
  db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO rows (stream_id, data, metadata) VALUES (?, ?, ?)');
  const tx = db.transaction((streamId: string, data: string, metadata: string) => insert.run(streamId, data, metadata)).immediate;
  let i = 0;
  return {
    run(seconds: number): PhaseResult {
      const samples: number[] = [];
      const start = now();
      const end = start + seconds * 1000;
      while (now() < end) {
        const { data, metadata } = payload(i);
        const t0 = now();
        tx(`bench-${i % 1000}`, JSON.stringify(data), JSON.stringify(metadata));
        samples.push(now() - t0);
        i++;
      }
      return { count: samples.length, events: samples.length, seconds: (now() - start) / 1000, samples };
    },
    close: () => db.close(),
  };
}
