import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildApps, cliEntry } from '../support/build-once';
import { cliEnv, dropMongoDatabase, openReadStoreOf } from '../support/mongo-env';
import { readModelSnapshot } from '../support/read-model-snapshot';
import { carryDataKeys } from '../support/carry-keys';
import { admin, agent, customer, newTicket, startTestApp, supervisor, tempDataDir } from '../support/test-app';
import { EVENT_STORE, EventStore } from '@helpdesk/event-store';
import { ProjectionEngine } from '@helpdesk/projection-engine';

jest.setTimeout(120_000);

const cli = (dataDir: string, args: string[], input?: string) => {
  const run = spawnSync(process.execPath, [cliEntry, ...args], { env: cliEnv(dataDir), encoding: 'utf8', input, maxBuffer: 1 << 28 });
  return { status: run.status, stdout: run.stdout, out: `${run.stdout}${run.stderr}` };
};

/** Every stored event, in position order, as the event store's table holds it. */
const eventRows = (dataDir: string) => {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  try {
    return db.prepare('SELECT position, stream_id, revision, event_id, type, data, metadata FROM events ORDER BY position').all() as Array<Record<string, unknown>>;
  } finally {
    db.close();
  }
};

/** The read models of the app or CLI on `dataDir`, through the read store port (embedded or MongoDB). */
const snapshot = async (dataDir: string) => {
  const store = await openReadStoreOf(dataDir);
  try {
    return await readModelSnapshot(store, { withPositions: true, withoutRecordedAt: true });
  } finally {
    await store.close();
  }
};

describe('export-events and import-events (NDJSON, global order, chains intact)', () => {
  let source: string;
  const dirs: string[] = [];
  const fresh = (withKey = true) => {
    const dir = tempDataDir();
    dirs.push(dir);
    // The audit key travels with the data (backups carry it): with it, signatures are checked too.
    if (withKey) copyFileSync(join(source, 'audit-signing-key.pem'), join(dir, 'audit-signing-key.pem'));
    return dir;
  };

  beforeAll(async () => {
    buildApps();
    const t = await startTestApp();
    source = t.dataDir;
    for (let i = 0; i < 3; i++) {
      const ticket = (await t.http.post('/tickets').set(t.as(customer)).send(newTicket({ subject: `Ticket ${i} ✓ اردو` })).expect(201)).body;
      await t.http.post(`/tickets/${ticket.id}/assign`).set(t.as(supervisor)).send({ agentId: 'agent-ali' }).expect(200);
      if (i === 1) await t.http.post('/audit/checkpoints').set(t.as(admin)).expect(200);
      const done = (await t.http.post(`/tickets/${ticket.id}/start`).set(t.as(agent('agent-ali'))).send({}).expect(200)).body;
      await t.http.get(`/tickets/${ticket.id}`).query({ consistentWith: done.position }).set(t.as(agent())).expect(200);
    }
    await t.http.post('/audit/checkpoints').set(t.as(admin)).expect(200);
    // Every read model has applied the whole log before the comparison reads them (a slow store lags).
    expect(await t.app.get(ProjectionEngine).waitFor(await t.app.get<EventStore>(EVENT_STORE).headPosition(), undefined, 120_000)).toBe(true);
    await t.stop();
  });

  afterAll(async () => {
    for (const dir of [source, ...dirs]) {
      if (!dir) continue;
      await dropMongoDatabase(dir);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('re-creates identical streams, ids, revisions and metadata on an empty store, and they verify there', async () => {
    const file = join(fresh(false), 'export.ndjson');
    const exported = cli(source, ['export-events', file]);
    expect(exported.status).toBe(0);
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const rows = eventRows(source);
    expect(lines.map((l) => l.id)).toEqual(rows.map((r) => r.event_id));
    expect(lines[0]).toEqual(
      expect.objectContaining({ id: rows[0].event_id, streamId: rows[0].stream_id, revision: Number(rows[0].revision), position: String(rows[0].position), type: rows[0].type }),
    );
    expect(lines.every((l) => typeof l.metadata.chain?.hash === 'string')).toBe(true);
    expect(exported.out).toContain(`Exported ${rows.length} event(s)`);

    const target = fresh();
    const imported = cli(target, ['import-events', file]);
    expect(imported.out).toContain(`Imported ${rows.length} event(s)`);
    expect(imported.out).toMatch(/VERIFIED: source \d+ event\(s\), target \d+; same events in the same order; same positions; chains on the target verify; 2 signed checkpoint\(s\) hold/);
    expect(imported.status).toBe(0);
    expect(eventRows(target)).toEqual(rows);

    const verified = cli(target, ['verify', '--all']);
    expect(verified.out).toContain('2 signed checkpoint(s) checked, 0 broken');
    expect(verified.status).toBe(0);

    // Idempotent by event id: importing the same log again appends nothing.
    const again = cli(target, ['import-events', file]);
    expect(again.out).toContain(`Imported 0 event(s); ${rows.length} were already there`);
    expect(again.status).toBe(0);
    expect(eventRows(target)).toEqual(rows);

    // The read models built from the imported log equal the source's (but for the commit times
    // the audit trail shows: the target stamps its own; the business time is in the metadata).
    // The log's personal fields are sealed: the read models open them with the source's data keys.
    await carryDataKeys(source, target);
    expect(cli(target, ['rebuild', 'all', '--quiet']).status).toBe(0);
    expect(await snapshot(target)).toEqual(await snapshot(source));
  });

  it('streams through standard input and output', () => {
    const exported = cli(source, ['export-events']);
    expect(exported.status).toBe(0);
    const target = fresh();
    const imported = cli(target, ['import-events', '-'], exported.stdout);
    expect(imported.status).toBe(0);
    expect(eventRows(target)).toEqual(eventRows(source));
  });

  it('continues an interrupted import after the events it already appended', () => {
    const all = cli(source, ['export-events']).stdout;
    const lines = all.trim().split('\n');
    const target = fresh();
    const half = cli(target, ['import-events', '-'], `${lines.slice(0, Math.floor(lines.length / 2)).join('\n')}\n`);
    expect(half.status).toBe(0);
    const rest = cli(target, ['import-events', '-'], all);
    expect(rest.out).toContain(`Imported ${lines.length - Math.floor(lines.length / 2)} event(s); ${Math.floor(lines.length / 2)} were already there`);
    expect(rest.status).toBe(0);
    expect(eventRows(target)).toEqual(eventRows(source));
  });

  it('imports an edited event faithfully and names the broken link; refuses mixing two logs and bad lines', () => {
    const lines = cli(source, ['export-events']).stdout.trim().split('\n');
    const edited = lines.map((line) => JSON.parse(line));
    const victim = edited.findIndex((e) => e.type === 'TicketAssigned');
    edited[victim].data.agentId = 'agent-mallory';
    const target = fresh();
    const tampered = cli(target, ['import-events', '-'], edited.map((e) => JSON.stringify(e)).join('\n'));
    expect(tampered.status).toBe(1);
    expect(tampered.out).toContain(`PROBLEM target: ${edited[victim].streamId} breaks at revision ${edited[victim].revision}`);
    expect(tampered.out).toContain('FAILED');

    const garbled = fresh();
    const bad = cli(garbled, ['import-events', '-'], `${lines[0]}\n{"id": 3}\n`);
    expect(bad.status).toBe(2);
    expect(bad.out).toContain('line 2: "id" must be a non-empty string');
    expect(eventRows(garbled)).toHaveLength(1);
    expect(cli(garbled, ['import-events', join(garbled, 'missing.ndjson')]).out).toContain('No file');

    // A store that holds something other than the start of this log is not appended to.
    const other = cli(garbled, ['import-events', '-'], `${lines.slice(1).join('\n')}\n`);
    expect(other.status).toBe(1);
    expect(other.out).toContain('does not hold the start of this log');
    expect(eventRows(garbled)).toHaveLength(1);
  });
});
