import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SlaPolicyBook } from '@helpdesk/application';
import { FileBlobStore } from '@helpdesk/blob-store';
import { createEventStore } from '@helpdesk/event-store';
import { padPosition, ProjectionEngine, ProjectionRegistry, unpadPosition } from '@helpdesk/projection-engine';
import { allProjections } from '@helpdesk/projections';
import { SqliteReadStore } from '@helpdesk/read-store';
import { buildApps, cliEntry } from '../support/build-once';
import { readModelSnapshot } from '../support/read-model-snapshot';
import { carryDataKeys } from '../support/carry-keys';
import { openPrivateEventStore } from '../../apps/api/src/privacy/private-event-store.factory';
import { customer, newTicket, startTestApp, supervisor, tempDataDir } from '../support/test-app';

jest.setTimeout(180_000);

const env = (dataDir: string) => ({ ...process.env, DATA_DIR: dataDir });
const cli = (dataDir: string, ...args: string[]) => {
  const run = spawnSync(process.execPath, [cliEntry, ...args], { env: env(dataDir), encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
};
/** The CLI as a child process that does not block this one (the app keeps serving meanwhile). */
const cliAsync = (dataDir: string, ...args: string[]) =>
  new Promise<{ status: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [cliEntry, ...args], { env: env(dataDir) });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (status) => resolve({ status, out }));
  });

const eventRows = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM events ORDER BY position').all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
};

/** Runs the projection engine on a DATA_DIR until it has applied everything, as a start would. */
async function catchUp(dataDir: string): Promise<void> {
  // As the API and the projector read it: personal fields opened with DATA_DIR's data keys.
  const events = await openPrivateEventStore({ DATA_DIR: dataDir }, () => createEventStore({ dataDir }));
  const store = new SqliteReadStore(join(dataDir, 'read.db'));
  const engine = new ProjectionEngine(events, store, allProjections({ slaPolicies: new SlaPolicyBook(events) }));
  try {
    await engine.start();
    expect(await engine.waitFor(await events.headPosition(), undefined, 60_000)).toBe(true);
  } finally {
    await engine.stop();
    await store.close();
    await events.close();
  }
}

const snapshotOf = async (dataDir: string) => {
  const store = new SqliteReadStore(join(dataDir, 'read.db'));
  try {
    return await readModelSnapshot(store, { withPositions: true });
  } finally {
    await store.close();
  }
};

describe('backup and restore of DATA_DIR', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = tempDataDir();
    dirs.push(d);
    return d;
  };
  beforeAll(() => buildApps());
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  // About the embedded read store's file (read.db is snapshotted beside events.db, then caught up
  // on restore): with MONGO_URL the read models live in MongoDB and are not in a DATA_DIR backup.
  const embedded = !process.env.MONGO_URL;
  if (!embedded) console.warn('cli-backup: "backs up while tickets keep arriving..." skipped under MONGO_URL: it is about the embedded read.db file');
  (embedded ? it : it.skip)('backs up while tickets keep arriving, and restores a consistent DATA_DIR whose read models catch up to a clean rebuild', async () => {
    const t = await startTestApp();
    dirs.push(t.dataDir);
    const backupDir = join(dir(), 'backup');
    const blob = await new FileBlobStore(join(t.dataDir, 'blobs')).put(Buffer.from('a screenshot, say'));
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: `Load ${written}` })).expect(201)).body;
        await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
        written++;
      }
    })();
    try {
      while (written < 3) await new Promise((r) => setTimeout(r, 20));
      const backup = await cliAsync(t.dataDir, 'backup', backupDir);
      expect(backup.out).toContain('Backed up');
      expect(backup.status).toBe(0);
      const before = written;
      while (written < before + 3) await new Promise((r) => setTimeout(r, 20)); // writes went on during and after
    } finally {
      writing = false;
      await writer;
      await t.stop();
    }

    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    const paths = manifest.files.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['read.db', 'events.db', 'auth-jwt-secret', 'mail-thread-secret', 'audit-signing-key.pem', `blobs/${blob.sha256.slice(0, 2)}/${blob.sha256.slice(2, 4)}/${blob.sha256}`]));
    expect(manifest.files.find((f: { path: string }) => f.path.startsWith('blobs/'))).toMatchObject({ kind: 'blob', size: blob.size, sha256: blob.sha256 });
    expect(manifest.readStore.consistency).toMatch(/at or behind eventStore.head/);

    // The backup is the source's log as of one commit: a prefix of it, ending at the recorded head.
    const backedUp = eventRows(join(backupDir, 'events.db'));
    const source = eventRows(join(t.dataDir, 'events.db'));
    expect(backedUp.length).toBe(manifest.eventStore.events);
    expect(String(backedUp[backedUp.length - 1].position)).toBe(manifest.eventStore.head);
    expect(source.length).toBeGreaterThan(backedUp.length);
    expect(source.slice(0, backedUp.length)).toEqual(backedUp);

    const restored = join(dir(), 'data');
    const restore = cli(restored, 'restore', backupDir);
    expect(restore.out).toContain(`Verified ${manifest.files.length} file(s)`);
    expect(restore.status).toBe(0);
    expect(eventRows(join(restored, 'events.db'))).toEqual(backedUp);
    for (const key of ['auth-jwt-secret', 'mail-thread-secret', 'audit-signing-key.pem']) expect(readFileSync(join(restored, key))).toEqual(readFileSync(join(t.dataDir, key)));
    expect(await new FileBlobStore(join(restored, 'blobs')).get(blob.sha256)).toEqual(Buffer.from('a screenshot, say'));
    const verify = cli(restored, 'verify', '--all');
    expect(verify.out).toContain('0 broken');
    expect(verify.status).toBe(0);

    // The read store copy is never ahead of the log it came with...
    const read = new SqliteReadStore(join(restored, 'read.db'));
    const records = await new ProjectionRegistry(read).all();
    await read.close();
    expect(records.length).toBe(allProjections().length);
    for (const r of records) expect(r.active.checkpoint <= padPosition(BigInt(manifest.eventStore.head))).toBe(true);
    // ...and once the projections catch up from its checkpoints, equals a clean rebuild.
    await catchUp(restored);
    const clean = dir();
    writeFileSync(join(clean, 'events.db'), readFileSync(join(restored, 'events.db')));
    // The log's personal fields open with its data keys: they go with it.
    await carryDataKeys(restored, clean);
    expect(cli(clean, 'rebuild', 'all', '--quiet').status).toBe(0);
    expect(await snapshotOf(restored)).toEqual(await snapshotOf(clean));
    expect(unpadPosition(records[0].active.checkpoint) >= 0n).toBe(true);

    // A used DATA_DIR is refused, unless --force; then the backup replaces its stores.
    const refused = cli(restored, 'restore', backupDir);
    expect(refused.status).toBe(1);
    expect(refused.out).toContain('is not empty');
    const later = createEventStore({ dataDir: restored });
    await later.append('ticket-later', [{ id: randomUUID(), type: 'Noted', data: {}, metadata: {} }], 'no_stream');
    await later.close();
    const forced = cli(restored, 'restore', backupDir, '--force');
    expect(forced.status).toBe(0);
    expect(eventRows(join(restored, 'events.db'))).toEqual(backedUp);

    // Backing up again into the same folder copies only new blobs.
    const again = cli(restored, 'backup', backupDir);
    expect(again.status).toBe(0);
    expect(again.out).toContain('Blobs: 0 copied, 1 already in the backup.');
  });

  it('refuses a backup that does not match its manifest, and writes nothing', () => {
    const source = dir();
    const ticketless = cli(source, 'backup', join(source, 'inside'));
    expect(ticketless.status).not.toBe(0); // no event store yet, and never inside DATA_DIR
    createEventStore({ dataDir: source }).close();
    const backupDir = join(dir(), 'backup');
    expect(cli(source, 'backup', backupDir).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    writeFileSync(join(backupDir, 'extra-key'), 'x');
    manifest.files.push({ path: '../escape', kind: 'key', size: 1, sha256: '0'.repeat(64) });
    writeFileSync(join(backupDir, 'manifest.json'), JSON.stringify(manifest));
    const target = join(dir(), 'data');
    const escaping = cli(target, 'restore', backupDir);
    expect(escaping.status).toBe(1);
    expect(escaping.out).toContain('names a path outside the backup');

    manifest.files.pop();
    writeFileSync(join(backupDir, 'manifest.json'), JSON.stringify(manifest));
    const db = new Database(join(backupDir, 'events.db'));
    db.exec(`INSERT INTO store_meta (key, value) VALUES ('tampered', 'yes')`);
    db.close();
    const tampered = cli(target, 'restore', backupDir);
    expect(tampered.status).toBe(1);
    expect(tampered.out).toMatch(/events\.db (has \d+ bytes|does not match its SHA-256)/);
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
    expect(cli(target, 'restore', join(backupDir, 'nowhere')).out).toContain('has no manifest.json');
  });
});
