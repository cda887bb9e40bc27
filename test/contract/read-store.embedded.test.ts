import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Filter, Sort, SqliteReadStore, UnsupportedFilterError } from '@helpdesk/read-store';
import { allProjections } from '@helpdesk/projections';
import { readStoreContract } from './read-store.contract';
import { readStoreProjectionsContract } from './read-store-projections.contract';
import { searchContract } from './search.contract';

readStoreContract('embedded SQLite (memory)', async () => ({ store: new SqliteReadStore(':memory:') }));

readStoreContract('embedded SQLite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-rs-'));
  return { store: new SqliteReadStore(join(dir, 'read.db')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('embedded read store, beyond the contract', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'helpdesk-rs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Collections declared exactly as the projections declare them, with some data for the planner. */
  async function projectedStore(): Promise<SqliteReadStore> {
    const store = new SqliteReadStore(join(dir, 'read.db'));
    for (const projection of allProjections()) {
      for (const spec of projection.collections) await store.collection(spec.name).ensureIndexes(spec.indexes);
    }
    await store.transaction(async (tx) => {
      for (let i = 0; i < 2000; i++) {
        const common = { status: ['new', 'assigned', 'closed'][i % 3], open: i % 3 !== 2, assigneeId: i % 4 ? `agent-${i % 5}` : null, rank: i % 4, dueAt: `2026-02-${String((i % 28) + 1).padStart(2, '0')}` };
        await tx.collection('queue').insertOne({ _id: `t${i}`, ...common, team: 'billing', language: i % 2 ? 'ur' : 'en' });
        await tx.collection('tickets').insertOne({ _id: `t${i}`, ...common, number: `HD-${String(i).padStart(6, '0')}`, updatedAt: `2026-01-${(i % 28) + 1}`, customer: { email: `c${i % 50}@example.pk` } });
        await tx.collection('audit_trail').insertOne({ _id: `a${i}`, ticketId: `t${i % 100}`, revision: i, occurredAt: `2026-01-${(i % 28) + 1}`, type: 'TicketAssigned' });
      }
    });
    return store;
  }

  const QUERIES: Array<[string, string, Filter, Sort]> = [
    ['queue: all open', 'queue', { open: true }, { rank: 1, dueAt: 1 }],
    ['queue: mine', 'queue', { open: true, assigneeId: 'agent-1' }, { rank: 1, dueAt: 1 }],
    ['queue: unassigned', 'queue', { open: true, assigneeId: null }, { rank: 1, dueAt: 1 }],
    ['queue: team', 'queue', { open: true, team: 'billing' }, { rank: 1, dueAt: 1 }],
    ['queue: one status', 'queue', { open: true, status: 'new' }, { rank: 1, dueAt: 1 }],
    ['queue: one language', 'queue', { open: true, language: 'ur' }, { rank: 1, dueAt: 1 }],
    ['tickets: newest first', 'tickets', {}, { updatedAt: -1 }],
    ['tickets: by status', 'tickets', { status: 'assigned' }, { updatedAt: -1 }],
    ['tickets: by assignee and status', 'tickets', { assigneeId: 'agent-2', status: 'assigned' }, { updatedAt: -1 }],
    ['tickets: by customer', 'tickets', { 'customer.email': 'c7@example.pk' }, { updatedAt: -1 }],
    ['audit trail of a ticket', 'audit_trail', { ticketId: 't7' }, { revision: 1 }],
  ];

  it.each(QUERIES)('answers "%s" from a declared index, already in order (EXPLAIN QUERY PLAN)', async (_label, collection, filter, sort) => {
    const store = await projectedStore();
    const plan = store.collection(collection).explain(filter, { sort, limit: 50 }).join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX ix_/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    await store.close();
  });

  it('looks tickets up by number through the unique index', async () => {
    const store = await projectedStore();
    expect(store.collection('tickets').explain({ number: 'HD-000042' }).join(' | ')).toMatch(/USING INDEX ix_tickets__number/);
    expect((await store.collection('tickets').findOne({ number: 'HD-000042' }))?._id).toBe('t42');
    await store.close();
  });

  it('shows a second connection (another process) only committed writes, and nothing half-done', async () => {
    const file = join(dir, 'read.db');
    const writer = new SqliteReadStore(file);
    const reader = new SqliteReadStore(file);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let wroteA!: () => void;
    const halfway = new Promise<void>((resolve) => (wroteA = resolve));
    const tx = writer.transaction(async (t) => {
      await t.collection('c').insertOne({ _id: 'a' });
      wroteA();
      await gate;
      await t.collection('c').insertOne({ _id: 'b' });
    });
    await halfway; // the transaction holds one uncommitted write
    expect(await reader.collection('c').count()).toBe(0);
    expect(await writer.collection('c').count()).toBe(0); // the store's own queries read committed data too
    release();
    await tx;
    expect(await reader.collection('c').count()).toBe(2);
    await writer.close();
    await reader.close();
  });

  it('waits for another connection’s write lock without stopping the event loop, then writes', async () => {
    // Two stores on one file: the API's reactors and a projector process beside it. SQLite's own
    // busy handler would sleep on this thread, so the holder could never finish: a deadlock until
    // the busy timeout, then SQLITE_BUSY.
    const file = join(dir, 'read.db');
    const holder = new SqliteReadStore(file);
    const waiter = new SqliteReadStore(file);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const tx = holder.transaction(async (t) => {
      await t.collection('c').insertOne({ _id: 'first' });
      locked();
      await gate;
    });
    await holding;
    const single = waiter.collection('c').insertOne({ _id: 'single' });
    const grouped = waiter.transaction((t) => t.collection('c').insertOne({ _id: 'grouped' }));
    const settled: string[] = [];
    void single.then(() => settled.push('single'));
    void grouped.then(() => settled.push('grouped'));
    // Timers keep firing while both wait for the lock; neither has written yet.
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(settled).toEqual([]);
    expect(await waiter.collection('c').count()).toBe(0);
    release();
    await tx;
    await Promise.all([single, grouped]);
    expect((await holder.collection('c').find({})).map((d) => d._id).sort()).toEqual(['first', 'grouped', 'single']);
    await holder.close();
    await waiter.close();
  });

  it('queues writes made while a transaction is open behind it instead of mixing them in', async () => {
    const store = new SqliteReadStore(join(dir, 'read.db'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const tx = store
      .transaction(async (t) => {
        await t.collection('c').insertOne({ _id: 'in-tx' });
        await gate;
        throw new Error('rolled back');
      })
      .catch((e: Error) => e.message);
    const outside = store.collection('c').insertOne({ _id: 'outside' });
    release();
    expect(await tx).toBe('rolled back');
    await outside;
    expect((await store.collection('c').find({})).map((d) => d._id)).toEqual(['outside']);
    await store.close();
  });

  it('refuses field paths that could not be written into SQL safely', async () => {
    const store = new SqliteReadStore(':memory:');
    await expect(store.collection('c').find({ "a') OR 1=1 --": 1 })).rejects.toThrow(UnsupportedFilterError);
    await expect(store.collection('c').find({}, { sort: { 'a b': 1 } })).rejects.toThrow(UnsupportedFilterError);
    await store.close();
  });

  it('says so when a filter would need to reach into arrays of sub-documents', async () => {
    const store = new SqliteReadStore(':memory:');
    await store.collection('c').insertOne({ _id: '1', comments: [{ by: 'x' }] });
    await expect(store.collection('c').find({ 'comments.by': 'x' })).rejects.toThrow(/arrays of sub-documents/);
    await store.close();
  });
});

readStoreProjectionsContract('embedded SQLite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-rs-'));
  return { store: new SqliteReadStore(join(dir, 'read.db')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

searchContract('embedded SQLite (FTS5)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-rs-'));
  return { store: new SqliteReadStore(join(dir, 'read.db')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
