import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, EventStore, SqliteEventStore, START } from '@helpdesk/event-store';
import { ReadStore, SqliteReadStore } from '@helpdesk/read-store';
import { globalFeed } from '@helpdesk/operations';
// Loaded lazily by the factories, so not in the package indexes.
import { EsdbEventStore } from '../../libs/event-store/src/esdb-event-store';
import { MongoReadStore } from '../../libs/read-store/src/mongo-read-store';
import { buildApps, cliEntry } from '../support/build-once';
import { dropMongoDatabase, mongoEnv, openReadStoreOf } from '../support/mongo-env';
import { readModelSnapshot } from '../support/read-model-snapshot';
import { admin, agent, customer, newTicket, startTestApp, supervisor, tempDataDir } from '../support/test-app';
import { allProjections } from '@helpdesk/projections';
import { ProjectionEngine } from '@helpdesk/projection-engine';

jest.setTimeout(180_000);

// The migrations here start from the embedded event store. With MONGO_URL set the source app's
// read models and data keys are on MongoDB: its read models are read through the port to compare,
// and the CLI is configured as that deployment is, so it finds the keys that open its events.
let deployment: Record<string, string> = {};
const cli = (dataDir: string, ...args: string[]) => {
  const run = spawnSync(process.execPath, [cliEntry, ...args], { env: { ...process.env, EVENT_STORE_URL: '', MONGO_URL: '', ...deployment, DATA_DIR: dataDir }, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
};
const rowsOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT position, stream_id, revision, event_id, type, data, metadata FROM events ORDER BY position').all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
};
const snapshot = async (store: ReadStore) => readModelSnapshot(store, { withoutRecordedAt: true });
const sqliteSnapshot = async (file: string) => {
  const store = new SqliteReadStore(file);
  try {
    return await snapshot(store);
  } finally {
    await store.close();
  }
};
/** The read models the test app on `dataDir` served, through the read store port (embedded or MongoDB). */
const appSnapshot = async (dataDir: string) => {
  const store = await openReadStoreOf(dataDir);
  try {
    return await snapshot(store);
  } finally {
    await store.close();
  }
};
/** What a feed holds, position aside (a server numbers its own). */
const feedOf = async (store: EventStore) => {
  const out: unknown[] = [];
  for await (const e of globalFeed(store)) out.push({ id: e.id, streamId: e.streamId, revision: e.revision, type: e.type, data: e.data, metadata: e.metadata });
  return out;
};

describe('migrate from the embedded default', () => {
  let source: string;
  const dirs: string[] = [];
  const dir = () => {
    const d = tempDataDir();
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    buildApps();
    const t = await startTestApp();
    source = t.dataDir;
    dirs.push(source);
    deployment = mongoEnv(source);
    for (let i = 0; i < 3; i++) {
      const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: `Migrated ${i}` })).expect(201)).body;
      await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
      const done = (await t.http.post(`/tickets/${ticket.id}/start`).set(t.as(agent('agent-ali'))).send({}).expect(200)).body;
      if (i === 0) await t.http.post('/audit/checkpoints').set(t.as(admin)).expect(200);
      await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: done.position }).set(t.as(agent())).expect(200);
    }
    await t.http.post('/audit/checkpoints').set(t.as(admin)).expect(200);
    // Every read model has applied the whole log before the comparison reads them (a slow store lags).
    expect(await t.app.get(ProjectionEngine).waitFor(await t.app.get<EventStore>(EVENT_STORE).headPosition(), undefined, 120_000)).toBe(true);
    await t.stop();
  });
  afterAll(async () => {
    await dropMongoDatabase(source);
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('into a new DATA_DIR: the same log, verified with its signed checkpoints, the same read models, the keys carried', async () => {
    const target = join(dir(), 'data');
    const run = cli(source, 'migrate', '--to-event-store', target, '--to-read-store', target);
    expect(run.out).toMatch(/VERIFIED: source (\d+) event\(s\), target \1; same events in the same order; same positions; chains on the target verify; 2 signed checkpoint\(s\) hold/);
    expect(run.out).toContain(`Rebuilt ${allProjections().length} read model(s) on the target.`);
    expect(run.status).toBe(0);
    expect(rowsOf(join(target, 'events.db'))).toEqual(rowsOf(join(source, 'events.db')));
    expect(await sqliteSnapshot(join(target, 'read.db'))).toEqual(await appSnapshot(source));
    for (const key of ['auth-jwt-secret', 'mail-thread-secret', 'audit-signing-key.pem']) expect(readFileSync(join(target, key))).toEqual(readFileSync(join(source, key)));
    const verify = cli(target, 'verify', '--all');
    expect(verify.out).toContain('2 signed checkpoint(s) checked, 0 broken');
    expect(verify.status).toBe(0);

    // Run again: nothing to copy, nothing appended twice.
    const again = cli(source, 'migrate', '--to-event-store', target, '--to-read-store', target);
    expect(again.out).toMatch(/Copied 0 event\(s\) \(resumed after source position \d+\)/);
    expect(again.status).toBe(0);
    expect(rowsOf(join(target, 'events.db'))).toEqual(rowsOf(join(source, 'events.db')));
  });

  it('into sqlite: files named one by one', async () => {
    const target = dir();
    const run = cli(source, 'migrate', '--to-event-store', `sqlite:${join(target, 'log.db')}`, '--to-read-store', `sqlite:${join(target, 'models.db')}`);
    expect(run.out).toContain('Keep AUTH_JWT_SECRET');
    expect(run.status).toBe(0);
    expect(rowsOf(join(target, 'log.db'))).toEqual(rowsOf(join(source, 'events.db')));
    expect(await sqliteSnapshot(join(target, 'models.db'))).toEqual(await appSnapshot(source));
  });

  it('refuses targets it cannot or must not write, and a target holding another log', async () => {
    const other = dir();
    expect(cli(source, 'migrate', '--to-event-store', other).status).toBe(2);
    expect(cli(source, 'migrate', '--to-event-store', source, '--to-read-store', other).out).toContain('is the configured one');
    expect(cli(source, 'migrate', '--to-event-store', other, '--to-read-store', deployment.MONGO_URL ?? source).out).toContain('name a new one');
    expect(cli(source, 'migrate', '--to-event-store', 'http://example.com', '--to-read-store', other).out).toContain('names no event store this helpdesk knows');
    const foreign = join(dir(), 'foreign');
    const log = new SqliteEventStore(join(foreign, 'events.db'));
    await log.append('ticket-elsewhere', [{ id: randomUUID(), type: 'TicketSubmitted', data: {}, metadata: {} }], 'no_stream');
    await log.close();
    const refused = cli(source, 'migrate', '--to-event-store', foreign, '--to-read-store', join(dir(), 'r'));
    expect(refused.out).toContain('Migration refused');
    expect(refused.out).toContain('does not hold the start of this log');
    expect(refused.status).toBe(1);
    expect(rowsOf(join(foreign, 'events.db'))).toHaveLength(1);
  });

  const esdbUrl = process.env.EVENT_STORE_URL;
  const mongoUrl = process.env.MONGO_URL;
  (esdbUrl && mongoUrl ? it : it.skip)('into EventStoreDB and MongoDB (EVENT_STORE_URL and MONGO_URL set; the EventStoreDB server must be empty)', async () => {
    const events = EsdbEventStore.connect(esdbUrl!);
    const mongo = new URL(mongoUrl!);
    mongo.pathname = `/helpdesk_migrate_${randomUUID().slice(0, 8)}`;
    try {
      if ((await events.headPosition()) !== START) {
        console.warn('migrate to EventStoreDB skipped: the server at EVENT_STORE_URL holds events already (the target must be empty)');
        return;
      }
      const run = cli(source, 'migrate', '--to-event-store', esdbUrl!, '--to-read-store', mongo.toString());
      expect(run.out).toMatch(/VERIFIED: .*same events in the same order; positions renumbered by the target; chains on the target verify; 2 signed checkpoint\(s\) hold/);
      expect(run.status).toBe(0);
      const sqlite = new SqliteEventStore(join(source, 'events.db'));
      expect(await feedOf(events)).toEqual(await feedOf(sqlite));
      await sqlite.close();
      const models = await MongoReadStore.connect(mongo.toString());
      try {
        expect(await snapshot(models)).toEqual(await appSnapshot(source));
      } finally {
        for (const name of await models.listCollections()) await models.dropCollection(name);
        await models.close();
      }
    } finally {
      await events.close();
    }
  });
  if (!esdbUrl || !mongoUrl) console.warn('migrate to EventStoreDB + MongoDB skipped: set EVENT_STORE_URL and MONGO_URL to run it');
});
