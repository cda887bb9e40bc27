/** What a backup holds, written last (`manifest.json`): a backup without one is incomplete. */
export interface BackupManifest {
  format: 'helpdesk-backup';
  version: 1;
  createdAt: string;
  /** The DATA_DIR backed up, and which stores were embedded there. */
  source: { dataDir: string; eventStore: 'embedded' | 'server'; readStore: 'embedded' | 'server' };
  eventStore: {
    /** `events.db` (an SQLite snapshot) or `events.ndjson` (an export, for EventStoreDB). */
    file: string;
    /** Last global position the backup holds ("-1": none), and how many events. */
    head: string;
    events: number;
  };
  readStore: { file: string | null; consistency: string };
  files: BackupFile[];
}

export type BackupFileKind = 'event-store' | 'read-store' | 'database' | 'key' | 'blob';

export interface BackupFile {
  /** Relative to the backup (and to DATA_DIR on restore), with forward slashes. */
  path: string;
  kind: BackupFileKind;
  size: number;
  sha256: string;
}

export const MANIFEST_FILE = 'manifest.json';

/** The keys a DATA_DIR may hold (made on first start when not given in the settings). */
export const KEY_FILES = ['auth-jwt-secret', 'mail-thread-secret', 'audit-signing-key.pem', 'pii-master-key'];

/**
 * SQLite files under DATA_DIR derived from the event log (projections, indexes). They are copied
 * before the event store, so their checkpoints are at or behind the log they are restored with:
 * they then catch up. Any other database (a key store) is copied after the event store, so it
 * holds everything the copied events refer to.
 */
export const DERIVED_DATABASES = ['read.db', 'search.db'];
export const EVENT_DATABASE = 'events.db';

export const READ_STORE_CONSISTENCY =
  'snapshot taken before the event store snapshot: every projection checkpoint in it is at or behind eventStore.head, so after a restore the projections catch up from their checkpoints to the restored log (never ahead of it)';

/** A manifest path that stays inside the directory it is resolved against. */
export function safeRelativePath(path: unknown): path is string {
  return typeof path === 'string' && path.length > 0 && !path.startsWith('/') && !path.includes('\\') && path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
