import Database from 'better-sqlite3';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Gives `to` the data keys of `from` (DATA_DIR/keys.db and the PII master key), as an operator
 * moving a log to another DATA_DIR must: the log's personal fields open only with them.
 */
export async function carryDataKeys(from: string, to: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(to, `keys.db${suffix}`), { force: true });
  const db = new Database(join(from, 'keys.db'), { readonly: true });
  try {
    await db.backup(join(to, 'keys.db'));
  } finally {
    db.close();
  }
  copyFileSync(join(from, 'pii-master-key'), join(to, 'pii-master-key'));
}
