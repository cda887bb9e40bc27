import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { BackupInvalidError, DataDirNotEmptyError, eventsFromNdjson, importEvents, openRawEventStore, restoreDataDir } from '@helpdesk/operations';
import { auditPublicKey, cliSettings, configuredEventStore } from './configured-stores';
import { reportVerification } from './import-events.command';

/**
 * `restore <dir> [--force]`: verifies the backup against its manifest, then restores it into
 * DATA_DIR, which must be empty unless --force. A backup of EventStoreDB (an NDJSON export) is
 * imported into the configured event store. Stop the helpdesk first.
 */
export async function runRestore(dir: string | undefined, options: { force: boolean }): Promise<number> {
  if (!dir) {
    console.error('restore needs the directory of a backup.');
    return 2;
  }
  const settings = cliSettings();
  try {
    const report = await restoreDataDir({ backupDir: dir, dataDir: settings.DATA_DIR, force: options.force });
    const { manifest } = report;
    console.log(`Verified ${manifest.files.length} file(s) against the manifest of ${manifest.createdAt}.`);
    console.log(`Restored ${report.restored.length} file(s) into ${settings.DATA_DIR}.`);
    for (const { path, why } of report.left) console.log(`Not copied: ${path} (${why}).`);
    if (manifest.eventStore.file !== 'events.db') {
      const target = openRawEventStore(configuredEventStore(settings));
      try {
        const { progress, verification } = await importEvents(eventsFromNdjson(createReadStream(join(dir, manifest.eventStore.file))), target, { publicKey: auditPublicKey(settings) });
        console.log(`Imported ${progress.copied} event(s) into the configured event store.`);
        if (reportVerification(verification) !== 0) return 1;
      } finally {
        await target.close();
      }
    }
    console.log(`Event store: ${manifest.eventStore.events} event(s) up to position ${manifest.eventStore.head}. On start, the projections catch up from their checkpoints.`);
    return 0;
  } catch (error) {
    if (error instanceof BackupInvalidError || error instanceof DataDirNotEmptyError) {
      console.error(`Restore refused: ${error.message}`);
      console.error('Nothing was written.');
      return 1;
    }
    throw error;
  }
}
