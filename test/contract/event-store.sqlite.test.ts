import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@helpdesk/event-store';
import { eventStoreContract } from './event-store.contract';

eventStoreContract('embedded SQLite (memory)', async () => ({ store: new SqliteEventStore(':memory:') }));

eventStoreContract('embedded SQLite (file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-es-'));
  return { store: new SqliteEventStore(join(dir, 'events.db')), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
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
