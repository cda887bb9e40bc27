import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BlobKeyRecord, DataKeyRecord, KeyStore, ShreddedScope, SubjectRecord } from './key-store.port';
import { Purpose } from './personal-fields';
import { WalSync } from './wal-sync';

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
 *
 * Every write is durable before it answers, as with `synchronous = FULL`, but the fsync runs off
 * the event loop: SQLite commits without syncing (NORMAL, which in WAL mode only skips the
 * fsync of the WAL at commit) and the WAL file is then synced in libuv's thread pool (see
 * `durable`). A FULL commit blocked the whole process for one fsync per new ticket.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly sql;
  private readonly wal: WalSync | null;

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    this.wal = file === ':memory:' ? null : new WalSync(`${file}-wal`);
    const prepare = (sql: string) => this.db.prepare(sql);
    this.sql = {
      insertCheck: prepare(`INSERT OR IGNORE INTO meta (key, value) VALUES ('master_key_check', ?)`),
      check: prepare(`SELECT value FROM meta WHERE key = 'master_key_check'`),
      insertSubject: prepare('INSERT OR IGNORE INTO subjects (subject_id, lookup, created_at) VALUES (?, ?, ?)'),
      subjectByLookup: prepare('SELECT * FROM subjects WHERE lookup = ?'),
      subject: prepare('SELECT * FROM subjects WHERE subject_id = ?'),
      insertKey: prepare('INSERT OR IGNORE INTO data_keys (key_id, subject_id, scope, purpose, wrapped, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      key: prepare('SELECT * FROM data_keys WHERE key_id = ?'),
      keyFor: prepare('SELECT * FROM data_keys WHERE scope = ? AND purpose = ?'),
      keysOf: prepare('SELECT * FROM data_keys WHERE subject_id = ? ORDER BY created_at, key_id'),
      deleteKey: prepare('DELETE FROM data_keys WHERE scope = ? AND purpose = ?'),
      markShredded: prepare('INSERT OR IGNORE INTO shredded (scope, purpose, erased_at) VALUES (?, ?, ?)'),
      deleteSubject: prepare('DELETE FROM subjects WHERE subject_id = ?'),
      shredded: prepare('SELECT scope, purpose, erased_at FROM shredded WHERE scope = ? ORDER BY purpose'),
      insertBlobKey: prepare('INSERT OR IGNORE INTO blob_keys (sha256, key_id, wrapped, stored, created_at) VALUES (?, ?, ?, ?, ?)'),
      blobKey: prepare('SELECT * FROM blob_keys WHERE sha256 = ?'),
      deleteBlobKey: prepare('DELETE FROM blob_keys WHERE sha256 = ?'),
    };
  }

  async ensureCheck(check: string): Promise<string> {
    this.sql.insertCheck.run(check);
    await this.durable();
    return (this.sql.check.get() as { value: string }).value;
  }

  async ensureSubject(c: SubjectRecord): Promise<SubjectRecord> {
    this.sql.insertSubject.run(c.subjectId, c.lookup, c.createdAt);
    await this.durable();
    return (await this.subjectByLookup(c.lookup))!;
  }

  async subjectByLookup(lookup: string): Promise<SubjectRecord | null> {
    await this.readable();
    const row = this.sql.subjectByLookup.get(lookup) as Parameters<typeof subjectOf>[0] | undefined;
    return row ? subjectOf(row) : null;
  }

  async subject(subjectId: string): Promise<SubjectRecord | null> {
    await this.readable();
    const row = this.sql.subject.get(subjectId) as Parameters<typeof subjectOf>[0] | undefined;
    return row ? subjectOf(row) : null;
  }

  async ensureKey(c: DataKeyRecord): Promise<DataKeyRecord> {
    this.sql.insertKey.run(c.keyId, c.subjectId, c.scope, c.purpose, c.wrapped, c.createdAt);
    await this.durable();
    return (await this.keyFor(c.scope, c.purpose))!;
  }

  async ensureKeys(candidates: readonly DataKeyRecord[]): Promise<DataKeyRecord[]> {
    this.db.transaction(() => {
      for (const c of candidates) this.sql.insertKey.run(c.keyId, c.subjectId, c.scope, c.purpose, c.wrapped, c.createdAt);
    })();
    await this.durable();
    return Promise.all(candidates.map(async (c) => (await this.keyFor(c.scope, c.purpose))!));
  }

  async key(keyId: string): Promise<DataKeyRecord | null> {
    await this.readable();
    const row = this.sql.key.get(keyId) as KeyRow | undefined;
    return row ? keyOf(row) : null;
  }

  async keyFor(scope: string, purpose: Purpose): Promise<DataKeyRecord | null> {
    await this.readable();
    const row = this.sql.keyFor.get(scope, purpose) as KeyRow | undefined;
    return row ? keyOf(row) : null;
  }

  async keysOf(subjectId: string): Promise<DataKeyRecord[]> {
    await this.readable();
    return (this.sql.keysOf.all(subjectId) as KeyRow[]).map(keyOf);
  }

  async shred(keys: readonly Pick<DataKeyRecord, 'scope' | 'purpose'>[], erasedAt: string): Promise<void> {
    this.db.transaction(() => {
      for (const k of keys) {
        this.sql.deleteKey.run(k.scope, k.purpose);
        this.sql.markShredded.run(k.scope, k.purpose, erasedAt);
      }
    })();
    await this.checkpoint();
  }

  async forgetSubject(subjectId: string): Promise<boolean> {
    const changed = this.sql.deleteSubject.run(subjectId).changes > 0;
    await this.checkpoint();
    return changed;
  }

  async shredded(scope: string): Promise<ShreddedScope[]> {
    await this.readable();
    const rows = this.sql.shredded.all(scope) as { scope: string; purpose: Purpose; erased_at: string }[];
    return rows.map((r) => ({ scope: r.scope, purpose: r.purpose, erasedAt: r.erased_at }));
  }

  async ensureBlobKey(c: BlobKeyRecord): Promise<BlobKeyRecord> {
    this.sql.insertBlobKey.run(c.sha256, c.keyId, c.wrapped, c.stored, c.createdAt);
    await this.durable();
    return (await this.blobKey(c.sha256))!;
  }

  async blobKey(sha256: string): Promise<BlobKeyRecord | null> {
    await this.readable();
    const row = this.sql.blobKey.get(sha256) as { sha256: string; key_id: string; wrapped: string; stored: string; created_at: string } | undefined;
    return row ? { sha256: row.sha256, keyId: row.key_id, wrapped: row.wrapped, stored: row.stored, createdAt: row.created_at } : null;
  }

  async deleteBlobKey(sha256: string): Promise<boolean> {
    const changed = this.sql.deleteBlobKey.run(sha256).changes > 0;
    if (changed) await this.checkpoint();
    return changed;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Copies the WAL into the database (synced) and empties it: no deleted byte stays behind in the WAL. */
  private async checkpoint(): Promise<void> {
    await this.durable();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** After a write: resolves once it is on disk. */
  private durable(): Promise<void> {
    return this.wal ? this.wal.sync() : Promise.resolve();
  }

  /** Before a read: what it may find is on disk (a key is never used before it is durable). */
  private readable(): Promise<void> {
    return this.wal ? this.wal.caughtUp() : Promise.resolve();
  }
}

