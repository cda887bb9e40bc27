import Database from 'better-sqlite3';
import { rename, rm } from 'node:fs/promises';

const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API. All pages are
 * copied in one step, inside one read transaction: the copy is the database as of one commit,
 * while writers go on (WAL readers do not block them), and a write cannot restart the copy the
 * way it restarts a backup copied in small steps. Written under a temporary name, then renamed.
 */
export async function snapshotSqlite(source: string, destination: string): Promise<void> {
  const partial = `${destination}.partial`;
  await removeDatabase(partial);
  const db = new Database(source, { fileMustExist: true, timeout: 10_000 });
  try {
    await db.backup(partial, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  await removeSidecars(partial);
  await rename(partial, destination);
}

/** The database file and what SQLite keeps beside it. */
export async function removeDatabase(file: string): Promise<void> {
  await rm(file, { force: true });
  await removeSidecars(file);
}

async function removeSidecars(file: string): Promise<void> {
  for (const suffix of ['-wal', '-shm', '-journal']) await rm(`${file}${suffix}`, { force: true });
}

/** Head position and event count of an event store file (opened read-only, left unchanged). */
export function eventStoreHead(file: string): { head: bigint; events: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT max(position) AS head, count(*) AS events FROM events').safeIntegers(true).get() as { head: bigint | null; events: bigint };
    return { head: row.head ?? -1n, events: Number(row.events) };
  } finally {
    db.close();
  }
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function isSqliteHeader(firstBytes: Buffer): boolean {
  return firstBytes.length >= SQLITE_HEADER.length && firstBytes.subarray(0, SQLITE_HEADER.length).equals(SQLITE_HEADER);
}
