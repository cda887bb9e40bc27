import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { BackupManifest, DERIVED_DATABASES, EVENT_DATABASE, KEY_FILES, MANIFEST_FILE, safeRelativePath } from './backup-manifest';
import { sha256OfFile } from './file-hash';
import { eventStoreHead, removeDatabase } from './sqlite-snapshot';

/** The backup cannot be restored as it is: nothing was written. */
export class BackupInvalidError extends Error {
  override readonly name = 'BackupInvalidError';
}

/** DATA_DIR holds data and --force was not given: nothing was written. */
export class DataDirNotEmptyError extends Error {
  override readonly name = 'DataDirNotEmptyError';
}

export async function readManifest(backupDir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await fs.readFile(join(backupDir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new BackupInvalidError(`${backupDir} has no ${MANIFEST_FILE}: not a backup, or one that did not finish.`);
    throw error;
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(text) as BackupManifest;
  } catch {
    throw new BackupInvalidError(`${MANIFEST_FILE} is not JSON.`);
  }
  if (manifest?.format !== 'helpdesk-backup' || manifest.version !== 1 || !Array.isArray(manifest.files)) {
    throw new BackupInvalidError(`${MANIFEST_FILE} is not a helpdesk backup manifest (version 1).`);
  }
  for (const file of manifest.files) {
    if (!safeRelativePath(file?.path)) throw new BackupInvalidError(`${MANIFEST_FILE} names a path outside the backup: ${JSON.stringify(file?.path)}`);
  }
  return manifest;
}

/** Every file the manifest lists, with the size and SHA-256 it says; the problems found, if any. */
export async function verifyBackup(backupDir: string, manifest: BackupManifest): Promise<string[]> {
  const problems: string[] = [];
  for (const file of manifest.files) {
    const path = join(backupDir, file.path);
    const stat = await fs.stat(path).catch(() => null);
    if (!stat?.isFile()) problems.push(`${file.path} is missing`);
    else if (stat.size !== file.size) problems.push(`${file.path} has ${stat.size} bytes, the manifest says ${file.size}`);
    else if ((await sha256OfFile(path)) !== file.sha256) problems.push(`${file.path} does not match its SHA-256`);
  }
  const events = manifest.files.find((f) => f.path === manifest.eventStore?.file && f.kind === 'event-store');
  if (!events) problems.push('the manifest names no event store file');
  else if (events.path === EVENT_DATABASE && problems.length === 0) {
    const { head, events: count } = eventStoreHead(join(backupDir, EVENT_DATABASE));
    if (head.toString() !== manifest.eventStore.head || count !== manifest.eventStore.events) {
      problems.push(`${EVENT_DATABASE} ends at position ${head} with ${count} events; the manifest says ${manifest.eventStore.head} with ${manifest.eventStore.events}`);
    }
  }
  return problems;
}

export interface RestoreOptions {
  backupDir: string;
  dataDir: string;
  /** Restore into a DATA_DIR that holds data: its databases and keys are replaced. */
  force?: boolean;
}

export interface RestoreReport {
  manifest: BackupManifest;
  restored: string[];
  /** Files the backup holds that this restore did not put in DATA_DIR, and why. */
  left: Array<{ path: string; why: string }>;
}

/**
 * Restores a backup into DATA_DIR after verifying every file against the manifest. Refuses a
 * DATA_DIR with anything in it unless `force`: then its databases (with their WAL files, which
 * would otherwise be replayed onto the restored ones) and keys are removed first; blobs are
 * content-addressed, so the folder is merged. Stop the helpdesk before restoring.
 */
export async function restoreDataDir(options: RestoreOptions): Promise<RestoreReport> {
  const backupDir = resolve(options.backupDir);
  const dataDir = resolve(options.dataDir);
  const manifest = await readManifest(backupDir);
  const problems = await verifyBackup(backupDir, manifest);
  if (problems.length) throw new BackupInvalidError(`The backup does not match its manifest:\n  ${problems.join('\n  ')}`);

  const present = await fs.readdir(dataDir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
  if (present.length > 0 && !options.force) {
    throw new DataDirNotEmptyError(`${dataDir} is not empty (${present.slice(0, 5).join(', ')}${present.length > 5 ? ', …' : ''}); restore into an empty DATA_DIR, or pass --force to replace its databases and keys.`);
  }
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (present.length > 0) {
    for (const name of new Set([EVENT_DATABASE, ...DERIVED_DATABASES, ...manifest.files.filter((f) => f.kind !== 'blob').map((f) => f.path)])) await removeDatabase(join(dataDir, name));
    for (const name of KEY_FILES) await fs.rm(join(dataDir, name), { force: true });
  }

  const restored: string[] = [];
  const left: RestoreReport['left'] = [];
  // An NDJSON export is appended to the configured event store by the caller, and renumbered
  // there: a read store built against the old positions would not fit it, so it is rebuilt.
  const renumbered = manifest.eventStore.file !== EVENT_DATABASE;
  for (const file of manifest.files) {
    if (file.kind === 'event-store' && renumbered) {
      left.push({ path: file.path, why: 'an event export: import it into the configured event store' });
      continue;
    }
    if (file.kind === 'read-store' && renumbered) {
      left.push({ path: file.path, why: 'built against the exported positions: the read models are rebuilt from the imported events' });
      continue;
    }
    const destination = join(dataDir, file.path);
    await fs.mkdir(join(destination, '..'), { recursive: true });
    const temp = `${destination}.${randomUUID()}.restoring`;
    await fs.copyFile(join(backupDir, file.path), temp);
    await fs.chmod(temp, 0o600);
    await fs.rename(temp, destination);
    restored.push(file.path);
  }
  return { manifest, restored, left };
}
