import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKSTOP_CHECKPOINT_PAGES, checkpointInBackground } from '@helpdesk/shared';
import { SqliteEventStore } from '@helpdesk/event-store';
import { SqliteReadStore } from '@helpdesk/read-store';
import { waitUntil } from '../support/wait';

/** The WAL is copied into the database by a worker thread, never by a commit on the event loop. */
describe('background checkpoints of the embedded stores', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'helpdesk-ckpt-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const walDb = (file: string) => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
    return db;
  };

  it('copies committed pages into the database while the writer’s own checkpoint is held back', async () => {
    const file = join(dir, 'store.db');
    const db = walDb(file);
    const checkpoints = checkpointInBackground(db, file);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_CHECKPOINT_PAGES);
    const before = statSync(file).size;
    // About 2,000 pages: far below the writer's backstop, so only the background thread can
    // have moved them into the database file.
    const insert = db.prepare('INSERT INTO blobs (body) VALUES (?)');
    for (let batch = 0; batch < 20; batch++) db.transaction(() => { for (let i = 0; i < 100; i++) insert.run(randomBytes(3500)); })();
    const grown = await waitUntil('the database file to hold the committed pages', () => statSync(file).size >= before + 6_000_000);
    expect(grown).toBe(true);
    expect((db.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n).toBe(2000);
    await checkpoints.stop();
    db.close();
  });

  it('lets go of the file when stopped, so the writer closes last and removes the WAL', async () => {
    const file = join(dir, 'store.db');
    const db = walDb(file);
    const checkpoints = checkpointInBackground(db, file);
    db.prepare('INSERT INTO blobs (body) VALUES (?)').run(randomBytes(100));
    await checkpoints.stop();
    await checkpoints.stop(); // twice is once
    expect(existsSync(`${file}-wal`)).toBe(true);
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('never keeps a process alive by itself: a store left open does not hold it', async () => {
    const holding = () => process.getActiveResourcesInfo().filter((kind) => kind === 'MessagePort' || kind === 'Worker').length;
    const before = holding();
    const file = join(dir, 'store.db');
    const db = walDb(file);
    const checkpoints = checkpointInBackground(db, file);
    db.prepare('INSERT INTO blobs (body) VALUES (?)').run(randomBytes(100));
    expect(holding()).toBe(before);
    await checkpoints.stop();
    expect(holding()).toBe(before);
    db.close();
  });

  it('is how the event store and the read store run, each closing cleanly', async () => {
    const events = new SqliteEventStore(join(dir, 'events.db'));
    const reads = new SqliteReadStore(join(dir, 'read.db'));
    await events.append('s-1', [{ id: '5d3b4ff2-4f5a-4a4e-9b0c-1f2e3d4c5b6a', type: 'Happened', data: {}, metadata: {} }], 'no_stream');
    await reads.collection('c').insertOne({ _id: 'a' });
    expect(events.connection.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_CHECKPOINT_PAGES);
    await events.close();
    await reads.close();
    expect(existsSync(join(dir, 'events.db-wal'))).toBe(false);
    expect(existsSync(join(dir, 'read.db-wal'))).toBe(false);
  });
});
