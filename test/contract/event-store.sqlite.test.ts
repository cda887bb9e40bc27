import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { HashChainingEventStore, SqliteEventStore, verifyStream } from '@helpdesk/event-store';
import Database from 'better-sqlite3';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('embedded SQLite (memory)', async () => ({ store: new SqliteEventStore(':memory:') }));

eventStoreContract('embedded SQLite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-es-'));
  return { store: new SqliteEventStore(join(dir, 'events.db')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

eventStoreContract('hash-chained embedded SQLite (as the app runs it)', async () => ({ store: new HashChainingEventStore(new SqliteEventStore(':memory:')) }));

describe('hash chains', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'helpdesk-es-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const event = (type: string, data: Record<string, unknown> = {}) => ({ id: randomUUID(), type, data, metadata: { occurredAt: '2026-01-05T04:00:00.000Z' } });

  async function chainedStream(file: string) {
    const store = new HashChainingEventStore(new SqliteEventStore(file));
    await store.append('ticket-1', [event('TicketSubmitted', { subject: 'VPN' })], 'no_stream');
    await store.append('ticket-1', [event('TicketAssigned', { agentId: 'ali' }), event('AssignmentAcknowledged')], 0);
    await Promise.all([store.append('ticket-1', [event('CommentAdded', { body: 'a' })], 'any'), store.append('ticket-1', [event('CommentAdded', { body: 'b' })], 'any')]);
    return store;
  }

  it('links every event to its predecessor, also when writers race with expected revision any', async () => {
    const store = await chainedStream(':memory:');
    const events = await store.readStream('ticket-1');
    expect(events).toHaveLength(5);
    expect(verifyStream('ticket-1', events)).toEqual({ streamId: 'ticket-1', events: 5, ok: true });
    await store.close();
  });

  it.each([
    ['an edited field', "UPDATE events SET data = json_set(data, '$.agentId', 'mallory') WHERE revision = 1", 1, /content does not match/],
    ['a deleted event', 'DELETE FROM events WHERE revision = 2', 3, /revision 2 is missing/],
    ['an edited actor in metadata', "UPDATE events SET metadata = json_set(metadata, '$.occurredAt', '2020-01-01') WHERE revision = 3", 3, /content does not match/],
  ])('names the first broken link after %s behind the store’s back', async (_what, sql, revision, reason) => {
    const file = join(dir, 'events.db');
    await (await chainedStream(file)).close();
    const db = new Database(file);
    db.prepare(sql).run();
    db.close();
    const store = new SqliteEventStore(file);
    const result = verifyStream('ticket-1', await store.readStream('ticket-1'));
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ streamId: 'ticket-1', revision, reason: expect.stringMatching(reason) });
    await store.close();
  });
});

describe('embedded SQLite event store, beyond the contract', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'helpdesk-es-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps events across a restart', async () => {
    const file = join(dir, 'events.db');
    const first = new SqliteEventStore(file);
    await first.append('s-1', [{ id: randomUUID(), type: 'A', data: {}, metadata: {} }], 'no_stream');
    await first.close();
    const second = new SqliteEventStore(file);
    expect((await second.readStream('s-1')).map((e) => e.type)).toEqual(['A']);
    await second.close();
  });

  it('lets two connections (as two processes would) share one file without a conflict going unnoticed', async () => {
    const file = join(dir, 'events.db');
    const a = new SqliteEventStore(file);
    const b = new SqliteEventStore(file);
    await a.append('s-1', [{ id: randomUUID(), type: 'A', data: {}, metadata: {} }], 'no_stream');
    await expect(b.append('s-1', [{ id: randomUUID(), type: 'B', data: {}, metadata: {} }], 'no_stream')).rejects.toThrow(
      /expected no_stream/,
    );
    await b.append('s-1', [{ id: randomUUID(), type: 'B', data: {}, metadata: {} }], 0);
    expect((await a.readStream('s-1')).map((e) => e.type)).toEqual(['A', 'B']);
    await a.close();
    await b.close();
  });
});
