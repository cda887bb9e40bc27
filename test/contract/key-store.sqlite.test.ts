import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyStore, SqliteKeyStore } from '@helpdesk/privacy';
import { keyStoreContract } from './key-store.contract';

keyStoreContract('embedded SQLite (DATA_DIR/keys.db)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-keys-'));
  return {
    store: new SqliteKeyStore(join(dir, 'keys.db')),
    reopen: async () => new SqliteKeyStore(join(dir, 'keys.db')),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describe('SQLite key store, beyond the contract', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'helpdesk-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is what createKeyStore makes without MONGO_URL, as DATA_DIR/keys.db', async () => {
    const store = await createKeyStore({ dataDir: dir });
    expect(store).toBeInstanceOf(SqliteKeyStore);
    expect(readdirSync(dir)).toContain('keys.db');
    await store.close();
  });

  it('leaves no byte of a shredded key in its files (database, WAL)', async () => {
    const store = new SqliteKeyStore(join(dir, 'keys.db'));
    const s = await store.ensureSubject({ subjectId: 'subject-1', lookup: 'lookup-1', createdAt: '2026-01-05T04:00:00.000Z' });
    const wrapped = 'WRAPPED-KEY-BYTES-'.repeat(8);
    const k = await store.ensureKey({ keyId: 'key-1', subjectId: s.subjectId, scope: 'ticket-1', purpose: 'content', wrapped, createdAt: '2026-01-05T04:00:00.000Z' });
    await store.shred([k], '2026-02-01T00:00:00.000Z');
    await store.forgetSubject(s.subjectId);
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, name));
      expect({ name, found: bytes.includes(Buffer.from('WRAPPED-KEY-BYTES-')) || bytes.includes(Buffer.from('lookup-1')) }).toEqual({ name, found: false });
    }
    await store.close();
  });
});
