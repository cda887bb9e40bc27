import { getSQLiteEventStore, sqliteConnection, SQLiteConnection, SQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { toEventsToAppend } from '@helpdesk/application';
import { createEventStore, EventStore, EventToAppend, ExpectedRevision, SqliteEventStore, WrongExpectedRevisionError } from '@helpdesk/event-store';
import { Actor, DatedTicketEvent, decide, fold, TicketCommand, TicketState, ticketStreamId } from '@helpdesk/ticketing';
import { BenchConfig } from './config';
import { now, summarize } from './stats';
import { Measurement } from './table';
import { tempDir } from './temp-dir';
import { agentId, DEFAULT_LIFE, ticketSteps } from './ticket-lives';

/**
 * peer: our event store beside Emmett's SQLite event store (`@event-driven-io/emmett-sqlite`),
 * same process, same machine, same tickets. Each ticket lives five commands (submit, assign,
 * start work, resolve, close), decided once by the real decider before timing; every side then
 * appends the very same events, one append per command, each with the expected version its
 * previous append answered, tickets interleaved. Sides take turns in alternating rounds so that
 * they see the same disk weather; each side's rounds are summed.
 */
export async function emmettPeer(config: BenchConfig): Promise<Measurement[]> {
  const dir = tempDir('peer');
  let pragmaRaces = 0;
  // Emmett's transactions console.log every error they roll back; stdout carries the results table.
  const log = console.log;
  console.log = console.error;
  // Every Emmett connection sends `PRAGMA journal_mode = WAL` without waiting for it or listening
  // for its error; sqlite3 may run it after the connection's first BEGIN, and then the error is
  // thrown from an event nobody listens to. The file is in WAL mode already (its first connection
  // set it and the mode persists), so the failed pragma changes nothing: it is counted, not fatal.
  const lostPragma = (error: unknown) => {
    if (!/cannot change into wal mode from within a transaction/.test(String((error as Error)?.message))) throw error;
    pragmaRaces++;
  };
  process.on('uncaughtException', lostPragma);
  const lives = Array.from({ length: config.peerTickets }, (_, i) => lifecycle(i));
  const appendsPerLife = lives[0].steps.length;
  const eventsPerLife = lives[0].steps.reduce((n, step) => n + step.length, 0);
  const sides: Side[] = [];
  try {
    sides.push(await ours(join(dir.path, 'ours.db')));
    sides.push(await oursChained(join(dir.path, 'chained')));
    sides.push(await emmettOneConnection(join(dir.path, 'emmett-one.db')));
    sides.push(await emmettDefaults(join(dir.path, 'emmett-defaults.db')));

    // Warm-up on streams of its own (statement caches, schema creation, file growth).
    const warmup = Array.from({ length: 20 }, (_, i) => lifecycle(config.peerTickets + i));
    for (const side of sides) await runLives(side, warmup);

    const perRound = Math.ceil(lives.length / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      const batch = lives.slice(round * perRound, (round + 1) * perRound);
      // Rotate who goes first, so no side always follows the same neighbour's checkpoint.
      for (let k = 0; k < sides.length; k++) {
        const side = sides[(round + k) % sides.length];
        side.rounds.push(await runLives(side, batch));
      }
    }
    for (const side of sides) {
      const stored = await side.countEvents(lives[lives.length - 1].streamId);
      if (stored !== eventsPerLife) throw new Error(`${side.name}: last ticket holds ${stored} events, expected ${eventsPerLife}`);
      side.afterRefusal = await side.refuseStaleVersion(lives[0].streamId);
    }
  } finally {
    for (const side of sides) await side.close();
    dir.remove();
    console.log = log;
    process.off('uncaughtException', lostPragma);
  }

  const [oursSide, chainedSide, emmettOne, emmettDefault] = sides.map(result);
  const shape = `${config.peerTickets} tickets x ${appendsPerLife} appends (${eventsPerLife} events: the decider's own for submit, assign, start, resolve, close), tickets interleaved, each append awaited before the next, ${ROUNDS} alternating rounds`;
  const describe = (r: SideResult) =>
    `${r.name}: ${r.eventsPerSecond.toFixed(0)} events/s, append p50 ${r.latency.p50.toFixed(2)} ms / p99 ${r.latency.p99.toFixed(2)} ms, ` +
    (r.busyRetries ? `${r.busyRetries} appends retried after SQLITE_BUSY, ` : '') +
    `refused a stale expected version, then ${r.takesTrueVersionAfterRefusal ? 'took' : 'REFUSED'} the stream's true version`;
  const row = (figure: SideResult, baseline: SideResult, benchmark: string, extra: string): Measurement => ({
    benchmark,
    figure: figure.lifecyclesPerSecond,
    unit: 'lifecycles/s',
    baseline: baseline.name,
    baselineFigure: baseline.lifecyclesPerSecond,
    target: null,
    notes: `${extra}; ${describe(figure)}; ${describe(baseline)}`,
    details: { figure, baseline },
  });
  return [
    row(
      oursSide,
      emmettOne,
      'peer: ticket lifecycles, SqliteEventStore vs Emmett SQLite',
      `${shape}; both WAL + synchronous=FULL (read back: ours ${oursSide.pragmas}, Emmett ${emmettOne.pragmas}), one open connection each (Emmett's connectionOptions {singleton: true}); ` +
        `Emmett's expected version is 0n for a new stream (its STREAM_DOES_NOT_EXIST is not checked by the SQLite store), then the version its last append answered`,
    ),
    row(
      chainedSide,
      emmettOne,
      'peer: ticket lifecycles, hash-chained store (as the app writes) vs Emmett SQLite',
      `createEventStore (HashChainingEventStore over SqliteEventStore): an extra read, canonical JSON and SHA-256 per event; same Emmett side as above`,
    ),
    row(
      oursSide,
      emmettDefault,
      'peer: ticket lifecycles, SqliteEventStore vs Emmett SQLite at its defaults',
      `Emmett as getSQLiteEventStore({ fileName }) leaves it: a new sqlite3 connection opened (PRAGMA journal_mode=WAL) and closed around every append, synchronous left at sqlite3's default (${emmettDefault.pragmas}); closing the last connection checkpoints the WAL into the database every time` +
        (pragmaRaces ? `; ${pragmaRaces} of its unawaited journal_mode pragmas ran inside its own transaction and failed (harmless: the file was in WAL mode already)` : ''),
    ),
  ];
}

const ROUNDS = 5;

/** A ticket's stream and the events of each of its commands, one inner array per append. */
interface Life {
  streamId: string;
  steps: EventToAppend[][];
}

interface Round {
  appends: number;
  events: number;
  lifecycles: number;
  seconds: number;
  samples: number[];
}

interface Side {
  name: string;
  /** journal_mode and synchronous as the side's connection reads them back. */
  pragmas: string;
  rounds: Round[];
  /** Appends one command's events; `previous` is what this side answered for the stream's last append (undefined: new stream). */
  append(streamId: string, events: EventToAppend[], previous: unknown): Promise<unknown>;
  /**
   * Untimed, after the rounds: an append with a stale expected version must be refused (else the
   * comparison is void); then one at the stream's true version. Answers whether that one was taken.
   */
  refuseStaleVersion(streamId: string): Promise<boolean>;
  afterRefusal?: boolean;
  /** Appends failed on SQLITE_BUSY and tried again (Emmett's sides). */
  busyRetries: number;
  countEvents(streamId: string): Promise<number>;
  close(): Promise<void>;
}

interface SideResult {
  name: string;
  pragmas: string;
  /** After refusing a stale append, the stream took one at its true version. */
  takesTrueVersionAfterRefusal: boolean | undefined;
  busyRetries: number;
  lifecyclesPerSecond: number;
  eventsPerSecond: number;
  appends: number;
  latency: ReturnType<typeof summarize>;
}

function result(side: Side): SideResult {
  const seconds = side.rounds.reduce((n, r) => n + r.seconds, 0);
  return {
    name: side.name,
    pragmas: side.pragmas,
    takesTrueVersionAfterRefusal: side.afterRefusal,
    busyRetries: side.busyRetries,
    lifecyclesPerSecond: side.rounds.reduce((n, r) => n + r.lifecycles, 0) / seconds,
    eventsPerSecond: side.rounds.reduce((n, r) => n + r.events, 0) / seconds,
    appends: side.rounds.reduce((n, r) => n + r.appends, 0),
    latency: summarize(side.rounds.flatMap((r) => r.samples)),
  };
}

/** Step by step across all tickets of the batch (every ticket's submit, then every assign...). */
async function runLives(side: Side, lives: Life[]): Promise<Round> {
  const answers = new Array<unknown>(lives.length);
  const samples: number[] = [];
  let events = 0;
  const start = now();
  for (let step = 0; step < lives[0].steps.length; step++) {
    for (let t = 0; t < lives.length; t++) {
      const batch = lives[t].steps[step];
      const t0 = now();
      answers[t] = await side.append(lives[t].streamId, batch, answers[t]);
      samples.push(now() - t0);
      events += batch.length;
    }
  }
  return { appends: samples.length, events, lifecycles: lives.length, seconds: (now() - start) / 1000, samples };
}

/** Ticket `i`: submit (from the realistic lives), assign, start work, resolve, close after the auto-close wait. */
function lifecycle(i: number): Life {
  const [submit] = ticketSteps(i, { ...DEFAULT_LIFE, total: 1000 }).steps;
  const agent: Actor = { id: agentId(i % DEFAULT_LIFE.agents), role: 'agent' };
  const supervisor: Actor = { id: `sup-${i % 7}`, role: 'supervisor' };
  const at = (days: number) => new Date(submit.at.getTime() + days * 86_400_000);
  const steps: Array<{ actor: Actor; at: Date; command: TicketCommand }> = [
    { actor: submit.actor, at: submit.at, command: submit.command },
    { actor: supervisor, at: at(0.01), command: { type: 'AssignTicket', data: { agentId: agent.id } } },
    { actor: agent, at: at(0.02), command: { type: 'StartWork', data: {} } },
    { actor: agent, at: at(0.1), command: { type: 'ResolveTicket', data: { resolution: 'Cleared the stale session; please sign in again.' } } },
    { actor: agent, at: at(8), command: { type: 'CloseTicket', data: {} } },
  ];
  let state: TicketState = null;
  const decided = steps.map((step) => {
    const occurredAt = step.at.toISOString();
    const scope = step.actor.role === 'customer' ? submit.scope : {};
    const events = decide(step.command, state, { actor: step.actor, scope, now: step.at, autoCloseAfterDays: 7 });
    state = fold(events.map((e) => ({ ...e, occurredAt }) as DatedTicketEvent), state);
    return toEventsToAppend(events, { correlationId: randomUUID(), causationId: randomUUID(), actor: step.actor, occurredAt });
  });
  return { streamId: ticketStreamId(`${i}`), steps: decided };
}

async function ours(file: string): Promise<Side> {
  const store = new SqliteEventStore(file);
  const pragmas = `${String(store.connection.pragma('journal_mode', { simple: true }))}/${syncName(Number(store.connection.pragma('synchronous', { simple: true })))}`;
  return helpdeskSide('SqliteEventStore', store, pragmas);
}

async function oursChained(dataDir: string): Promise<Side> {
  return helpdeskSide('hash-chained store', createEventStore({ dataDir }), 'WAL/FULL');
}

function helpdeskSide(name: string, store: EventStore, pragmas: string): Side {
  return {
    name,
    pragmas,
    rounds: [],
    busyRetries: 0,
    append: async (streamId, events, previous) => {
      const expected: ExpectedRevision = previous === undefined ? 'no_stream' : (previous as number);
      return (await store.append(streamId, events, expected)).nextRevision;
    },
    async refuseStaleVersion(streamId) {
      const refused = await store.append(streamId, [spare()], 0).then(
        () => false,
        (error) => error instanceof WrongExpectedRevisionError,
      );
      if (!refused) throw new Error(`${name} took an append with a stale expected revision`);
      const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      return store.append(streamId, [spare()], last.revision).then(
        () => true,
        () => false,
      );
    },
    countEvents: async (streamId) => (await store.readStream(streamId)).length,
    close: () => store.close(),
  };
}

/** An append that must be refused: its expected version is long gone. */
const spare = (): EventToAppend => ({ id: randomUUID(), type: 'TicketTagged', data: { tags: ['stale'] }, metadata: {} });

async function emmettOneConnection(file: string): Promise<Side> {
  const connection = sqliteConnection({ fileName: file });
  // sqlite3's default is already FULL; set it anyway so the comparison does not rest on a build default.
  await connection.command('PRAGMA synchronous = FULL');
  const store = getSQLiteEventStore({ fileName: file, connectionOptions: { singleton: true, connection } });
  return emmettSide('Emmett SQLite, one connection', store, await emmettPragmas(connection), async () => connection.close());
}

async function emmettDefaults(file: string): Promise<Side> {
  const store = getSQLiteEventStore({ fileName: file });
  await store.schema.migrate();
  // What any of its own per-call connections gets: they are opened the same way and never set synchronous.
  const probe = sqliteConnection({ fileName: file });
  const pragmas = await emmettPragmas(probe);
  probe.close();
  return emmettSide('Emmett SQLite, its defaults', store, pragmas, async () => undefined);
}

async function emmettPragmas(connection: SQLiteConnection): Promise<string> {
  const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
  const sync = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
  return `${journal?.journal_mode}/${syncName(Number(sync?.synchronous))}`;
}

function emmettSide(name: string, store: SQLiteEventStore, pragmas: string, close: () => Promise<void>): Side {
  const toEmmett = (events: EventToAppend[]) => events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }));
  const side: Side = {
    name,
    pragmas,
    rounds: [],
    busyRetries: 0,
    append: async (streamId, events, previous) => {
      // 0n is what makes the SQLite store insert the stream row, refused if it already exists.
      const expectedStreamVersion = previous === undefined ? 0n : (previous as bigint);
      for (let attempt = 0; ; attempt++) {
        try {
          return (await store.appendToStream(streamId, toEmmett(events), { expectedStreamVersion })).nextExpectedStreamVersion;
        } catch (error) {
          // sqlite3 runs a connection's statements in parallel unless serialized, and Emmett does not:
          // now and then COMMIT meets its own INSERT ... RETURNING not yet finalized and fails with
          // SQLITE_BUSY. The transaction is rolled back, so the same append is tried again (counted).
          if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= BUSY_RETRIES) throw error;
          side.busyRetries++;
        }
      }
    },
    async refuseStaleVersion(streamId) {
      const refused = await store.appendToStream(streamId, toEmmett([spare()]), { expectedStreamVersion: 1n }).then(
        () => false,
        () => true,
      );
      if (!refused) throw new Error(`${name} took an append with a stale expected version`);
      const { currentStreamVersion } = await store.readStream(streamId);
      return store.appendToStream(streamId, toEmmett([spare()]), { expectedStreamVersion: currentStreamVersion }).then(
        () => true,
        () => false,
      );
    },
    countEvents: async (streamId) => (await store.readStream(streamId)).events.length,
    close,
  };
  return side;
}

const BUSY_RETRIES = 5;

const syncName = (n: number) => ['OFF', 'NORMAL', 'FULL', 'EXTRA'][n] ?? String(n);
