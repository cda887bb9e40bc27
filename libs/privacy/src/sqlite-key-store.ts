import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BlobKeyRecord, DataKeyRecord, KeyStore, ShreddedScope, SubjectRecord } from './key-store.port';
import { Purpose } from './personal-fields';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS subjects (subject_id TEXT PRIMARY KEY, lookup TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS data_keys (
  key_id TEXT PRIMARY KEY, subject_id TEXT NOT NULL, scope TEXT NOT NULL, purpose TEXT NOT NULL,
  wrapped TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (scope, purpose));
CREATE INDEX IF NOT EXISTS data_keys_subject ON data_keys (subject_id);
CREATE TABLE IF NOT EXISTS blob_keys (sha256 TEXT PRIMARY KEY, key_id TEXT NOT NULL, wrapped TEXT NOT NULL, stored TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS shredded (scope TEXT NOT NULL, purpose TEXT NOT NULL, erased_at TEXT NOT NULL, PRIMARY KEY (scope, purpose));
`;

interface KeyRow {
  key_id: string;
  subject_id: string;
  scope: string;
  purpose: Purpose;
  wrapped: string;
  created_at: string;
}
const keyOf = (r: KeyRow): DataKeyRecord => ({ keyId: r.key_id, subjectId: r.subject_id, scope: r.scope, purpose: r.purpose, wrapped: r.wrapped, createdAt: r.created_at });
const subjectOf = (r: { subject_id: string; lookup: string; created_at: string }): SubjectRecord => ({ subjectId: r.subject_id, lookup: r.lookup, createdAt: r.created_at });

/**
 * The embedded key store: its own SQLite file (DATA_DIR/keys.db), apart from the event log.
 * `secure_delete` zeroes what a shred frees, and a TRUNCATE checkpoint after it leaves no copy
 * of a deleted key in the WAL file.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;

  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
  }

  async ensureCheck(check: string): Promise<string> {
    this.db.prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('master_key_check', ?)`).run(check);
    return (this.db.prepare(`SELECT value FROM meta WHERE key = 'master_key_check'`).get() as { value: string }).value;
  }

  async ensureSubject(c: SubjectRecord): Promise<SubjectRecord> {
    this.db.prepare('INSERT OR IGNORE INTO subjects (subject_id, lookup, created_at) VALUES (?, ?, ?)').run(c.subjectId, c.lookup, c.createdAt);
    return (await this.subjectByLookup(c.lookup))!;
  }

  async subjectByLookup(lookup: string): Promise<SubjectRecord | null> {
    const row = this.db.prepare('SELECT * FROM subjects WHERE lookup = ?').get(lookup) as Parameters<typeof subjectOf>[0] | undefined;
    return row ? subjectOf(row) : null;
  }

  async subject(subjectId: string): Promise<SubjectRecord | null> {
    const row = this.db.prepare('SELECT * FROM subjects WHERE subject_id = ?').get(subjectId) as Parameters<typeof subjectOf>[0] | undefined;
    return row ? subjectOf(row) : null;
  }

  async ensureKey(c: DataKeyRecord): Promise<DataKeyRecord> {
    this.db
      .prepare('INSERT OR IGNORE INTO data_keys (key_id, subject_id, scope, purpose, wrapped, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(c.keyId, c.subjectId, c.scope, c.purpose, c.wrapped, c.createdAt);
    return (await this.keyFor(c.scope, c.purpose))!;
  }

  async ensureKeys(candidates: readonly DataKeyRecord[]): Promise<DataKeyRecord[]> {
    const insert = this.db.prepare('INSERT OR IGNORE INTO data_keys (key_id, subject_id, scope, purpose, wrapped, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const c of candidates) insert.run(c.keyId, c.subjectId, c.scope, c.purpose, c.wrapped, c.createdAt);
    })();
    return Promise.all(candidates.map(async (c) => (await this.keyFor(c.scope, c.purpose))!));
  }

  async key(keyId: string): Promise<DataKeyRecord | null> {
    const row = this.db.prepare('SELECT * FROM data_keys WHERE key_id = ?').get(keyId) as KeyRow | undefined;
    return row ? keyOf(row) : null;
  }

  async keyFor(scope: string, purpose: Purpose): Promise<DataKeyRecord | null> {
    const row = this.db.prepare('SELECT * FROM data_keys WHERE scope = ? AND purpose = ?').get(scope, purpose) as KeyRow | undefined;
    return row ? keyOf(row) : null;
  }

  async keysOf(subjectId: string): Promise<DataKeyRecord[]> {
    return (this.db.prepare('SELECT * FROM data_keys WHERE subject_id = ? ORDER BY created_at, key_id').all(subjectId) as KeyRow[]).map(keyOf);
  }

  async shred(keys: readonly Pick<DataKeyRecord, 'scope' | 'purpose'>[], erasedAt: string): Promise<void> {
    const del = this.db.prepare('DELETE FROM data_keys WHERE scope = ? AND purpose = ?');
    const mark = this.db.prepare('INSERT OR IGNORE INTO shredded (scope, purpose, erased_at) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const k of keys) {
        del.run(k.scope, k.purpose);
        mark.run(k.scope, k.purpose, erasedAt);
      }
    })();
    this.checkpoint();
  }

  async forgetSubject(subjectId: string): Promise<boolean> {
    const changed = this.db.prepare('DELETE FROM subjects WHERE subject_id = ?').run(subjectId).changes > 0;
    this.checkpoint();
    return changed;
  }

  async shredded(scope: string): Promise<ShreddedScope[]> {
    const rows = this.db.prepare('SELECT scope, purpose, erased_at FROM shredded WHERE scope = ? ORDER BY purpose').all(scope) as { scope: string; purpose: Purpose; erased_at: string }[];
    return rows.map((r) => ({ scope: r.scope, purpose: r.purpose, erasedAt: r.erased_at }));
  }

  async ensureBlobKey(c: BlobKeyRecord): Promise<BlobKeyRecord> {
    this.db.prepare('INSERT OR IGNORE INTO blob_keys (sha256, key_id, wrapped, stored, created_at) VALUES (?, ?, ?, ?, ?)').run(c.sha256, c.keyId, c.wrapped, c.stored, c.createdAt);
    return (await this.blobKey(c.sha256))!;
  }

  async blobKey(sha256: string): Promise<BlobKeyRecord | null> {
    const row = this.db.prepare('SELECT * FROM blob_keys WHERE sha256 = ?').get(sha256) as { sha256: string; key_id: string; wrapped: string; stored: string; created_at: string } | undefined;
    return row ? { sha256: row.sha256, keyId: row.key_id, wrapped: row.wrapped, stored: row.stored, createdAt: row.created_at } : null;
  }

  async deleteBlobKey(sha256: string): Promise<boolean> {
    const changed = this.db.prepare('DELETE FROM blob_keys WHERE sha256 = ?').run(sha256).changes > 0;
    if (changed) this.checkpoint();
    return changed;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private checkpoint(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
