import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectionEngine } from '@helpdesk/projection-engine';

/**
 * Leaves no plaintext of an erased subject in the read models: every projection is rebuilt into
 * a new generation from the events (which now read as erased) and the old generation dropped.
 * On the embedded store the read store zeroes freed pages (secure_delete) and a TRUNCATE
 * checkpoint then empties the WAL file, so no old page survives in read.db or read.db-wal.
 */
export async function purgeReadModels(engine: ProjectionEngine, dataDir: string, embedded: boolean): Promise<void> {
  for (const projection of engine.projections) await engine.rebuild(projection.name);
  if (embedded) checkpointSqlite(join(dataDir, 'read.db'));
}

export function checkpointSqlite(file: string): void {
  if (!existsSync(file)) return;
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma('secure_delete = ON');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
