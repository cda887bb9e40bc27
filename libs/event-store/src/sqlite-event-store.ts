import Database from 'better-sqlite3';
import { BackgroundCheckpoint, checkpointInBackground, frozenUnderTest } from '@helpdesk/shared';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppendSignal } from './append-signal';
import { DuplicateEventIdError, EventStoreUnavailableError, WrongExpectedRevisionError } from './event-store.errors';
import { EventStore, EventSubscription, ReadStreamOptions } from './event-store.port';
import { CurrentRevision, ExpectedRevision, revisionMatches } from './expected-revision';
import { Position, START } from './position';
import { AppendResult, EventToAppend, StoredEvent } from './stored-event';

export interface SqliteEventStoreOptions {
  /** FULL (default) survives power loss; NORMAL survives process crashes only and is ~3x faster. */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a writer waits for another process's lock before retrying. */
  busyTimeoutMs?: number;
  /** How often a live subscription looks for appends made by other processes. */
  pollIntervalMs?: number;
}

interface EventRow {
  position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_stream_revision ON events (stream_id, revision);
CREATE UNIQUE INDEX IF NOT EXISTS events_event_id ON events (event_id);
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

const BUSY_RETRIES = 20;

interface PendingAppend {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: Error) => void;
}

/** The writer's page cache, in KiB (a negative cache_size): 64 MiB. */
const WRITER_CACHE_KIB = -65_536;
/** Feed pages kept for the subscribers of one turn: in step, they ask for one or two. */
const SHARED_PAGES = 4;

/**
 * The embedded event store: one SQLite file in WAL mode. SQLite admits one writer at a time,
 * so the rowid order of committed events is the global commit order, without gaps in visibility.
 * Several processes may share the file: writers wait on the busy timeout, then retry.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly checkpoints: BackgroundCheckpoint;
  private readonly signal = new AppendSignal();
  private readonly pollMs: number;
  private closed = false;
  private readonly sameTurnReads = new Map<string, StoredEvent[]>();
  private readonly statements;
  private pending: PendingAppend[] = [];
  private readonly appendGroup: Database.Transaction<(group: PendingAppend[]) => Array<AppendResult | Error>>;

  constructor(readonly file: string, options: SqliteEventStoreOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    try {
      this.db = new Database(file);
      this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      // Appends insert into indexes keyed by random ids; past SQLite's default 2 MB of cache each
      // insert reads pages back, and commands slowed as the log grew (bench/RESULTS.md).
      this.db.pragma(`cache_size = ${WRITER_CACHE_KIB}`);
      this.db.exec(SCHEMA);
      // Fail at start, not at the first command, when the file cannot be written (read-only mount).
      this.db.prepare(`INSERT INTO store_meta (key, value) VALUES ('last_opened_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(new Date().toISOString());
      this.checkpoints = checkpointInBackground(this.db, file);
    } catch (error) {
      throw unavailable(`Cannot open the event store at ${file} (is DATA_DIR writable, with space left?)`, error);
    }
    this.pollMs = options.pollIntervalMs ?? 50;
    this.statements = {
      currentRevision: this.db.prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      readForwards: this.db
        .prepare('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?')
        .safeIntegers(true),
      readBackwards: this.db
        .prepare('SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?')
        .safeIntegers(true),
      readAll: this.db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?').safeIntegers(true),
      head: this.db.prepare('SELECT max(position) AS position FROM events').safeIntegers(true),
    };
    // Each append in its own savepoint: one refused append leaves the others of its group intact.
    const appendInSavepoint = this.db.transaction((p: PendingAppend) => this.appendOne(p.streamId, p.events, p.expected));
    this.appendGroup = this.db.transaction((group: PendingAppend[]) =>
      group.map((pending) => {
        try {
          return appendInSavepoint(pending);
        } catch (error) {
          const refusal = this.refusal(pending, error);
          if (refusal) return refusal;
          throw error; // a storage failure: the whole group rolls back
        }
      }),
    );
  }

  private readonly appendOne = (streamId: string, events: EventToAppend[], expected: ExpectedRevision): AppendResult => {
    const row = this.statements.currentRevision.get(streamId) as { revision: number | null };
    const current: CurrentRevision = row.revision ?? 'no_stream';
    if (!revisionMatches(expected, current)) throw new WrongExpectedRevisionError(streamId, expected, current);
    let revision = current === 'no_stream' ? -1 : current;
    let position = START;
    const recordedAt = new Date().toISOString();
    for (const event of events) {
      revision += 1;
      const info = this.statements.insert.run(streamId, revision, event.id, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), recordedAt);
      position = BigInt(info.lastInsertRowid);
    }
    return { nextRevision: revision, position };
  };

  /**
   * Group commit: appends requested in the same tick share one transaction, so concurrent
   * commands share one fsync. Each append still succeeds or fails on its own, and none is
   * acknowledged before its transaction is durable.
   */
  append(streamId: string, events: EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    if (this.closed) return Promise.reject(new EventStoreUnavailableError('The event store is closed'));
    return new Promise((resolve, reject) => {
      this.pending.push({ streamId, events, expected: expectedRevision, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const group = this.pending.splice(0, this.pending.length);
    for (let attempt = 0; ; attempt++) {
      try {
        const outcomes = this.appendGroup.immediate(group);
        this.sameTurnReads.clear();
        this.signal.notify();
        outcomes.forEach((outcome, i) => (outcome instanceof Error ? group[i].reject(outcome) : group[i].resolve(outcome)));
        return;
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        if (code.startsWith('SQLITE_BUSY') && attempt < BUSY_RETRIES) {
          await delay(5 + Math.random() * 20 * (attempt + 1));
          continue;
        }
        for (const pending of group) pending.reject(unavailable(`Could not append to ${pending.streamId}`, error));
        return;
      }
    }
  }

  /** The append's own refusal (conflict, duplicate id), or null for a failure of the store itself. */
  private refusal(pending: PendingAppend, error: unknown): Error | null {
    if (error instanceof WrongExpectedRevisionError) return error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' && String((error as Error).message).includes('event_id')) return new DuplicateEventIdError(pending.streamId);
    if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
      // Another process appended between our read and write: report it as the conflict it is.
      return new WrongExpectedRevisionError(pending.streamId, pending.expected, this.currentRevision(pending.streamId));
    }
    return null;
  }

  private currentRevision(streamId: string): CurrentRevision {
    const row = this.statements.currentRevision.get(streamId) as { revision: number | null };
    return row.revision ?? 'no_stream';
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const rows =
      options.direction === 'backwards'
        ? this.statements.readBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, maxCount)
        : this.statements.readForwards.all(streamId, options.fromRevision ?? 0, maxCount);
    return (rows as EventRow[]).map(toStoredEvent);
  }

  /**
   * The feed's subscribers (every projection and reactor) wake together after an append and ask
   * for the same page: within one turn of the event loop, and until the next append, they share
   * one read (and, above, one decryption). The events are shared, so nobody may change them.
   */
  async readAll(after: Position, maxCount: number): Promise<StoredEvent[]> {
    const key = `${after}:${maxCount}`;
    const shared = this.sameTurnReads.get(key);
    if (shared) return shared;
    const events = frozenUnderTest((this.statements.readAll.all(after, maxCount) as EventRow[]).map(toStoredEvent));
    if (this.sameTurnReads.size === 0) setImmediate(() => this.sameTurnReads.clear());
    // A reader that never yields a turn (a rebuild's loop) must not keep the whole log here.
    else if (this.sameTurnReads.size >= SHARED_PAGES) this.sameTurnReads.delete(this.sameTurnReads.keys().next().value!);
    this.sameTurnReads.set(key, events);
    return events;
  }

  async headPosition(): Promise<Position> {
    const row = this.statements.head.get() as { position: bigint | null };
    return row.position ?? START;
  }

  subscribe(after: Position, options: { maxBatch?: number } = {}): EventSubscription {
    const maxBatch = options.maxBatch ?? 500;
    let position = after;
    let open = true;
    const store = this;
    async function* batches(): AsyncGenerator<StoredEvent[]> {
      while (open && !store.closed) {
        const batch = await store.readAll(position, maxBatch);
        if (batch.length > 0) {
          position = batch[batch.length - 1].position;
          yield batch;
        } else {
          await store.signal.wait(store.pollMs);
        }
      }
    }
    const iterator = batches();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        open = false;
        store.signal.notify();
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.pending.length > 0) await this.flush(); // appends already accepted are written, not dropped
    this.signal.notify();
    // The background connection first: the writer then closes last, folding the WAL in itself.
    await this.checkpoints.stop();
    this.db.close();
  }

  /** For tests and the ops CLI: the raw connection (e.g. to prove tampering is detected). */
  get connection(): Database.Database {
    return this.db;
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: row.position,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    recordedAt: new Date(row.recorded_at),
  };
}

function unavailable(message: string, error: unknown): EventStoreUnavailableError {
  const detail = error instanceof Error ? error.message : String(error);
  return new EventStoreUnavailableError(`${message}: ${detail}`, error);
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
