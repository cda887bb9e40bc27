import { createEventStore } from '@helpdesk/event-store';
import { backupDataDir } from '@helpdesk/operations';
import { cliSettings } from './configured-stores';

/**
 * `backup <dir>`: an online backup of DATA_DIR while the helpdesk runs (SQLite snapshots of the
 * read store, then the event store, then any other database; the keys; new blobs), with a
 * manifest written last. With EVENT_STORE_URL the events are exported as NDJSON instead.
 */
export async function runBackup(dir: string | undefined): Promise<number> {
  if (!dir) {
    console.error('backup needs a directory to write the backup into.');
    return 2;
  }
  const settings = cliSettings();
  const eventServer = settings.EVENT_STORE_URL ? createEventStore({ eventStoreUrl: settings.EVENT_STORE_URL, dataDir: settings.DATA_DIR }) : undefined;
  try {
    const { manifest, blobs } = await backupDataDir({ dataDir: settings.DATA_DIR, target: dir, eventServer, readStoreIsServer: Boolean(settings.MONGO_URL) });
    const bytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
    console.log(`Backed up ${manifest.files.length} file(s), ${bytes} bytes, into ${dir}.`);
    console.log(`Event store: ${manifest.eventStore.file}, ${manifest.eventStore.events} event(s) up to position ${manifest.eventStore.head} (the source of truth).`);
    console.log(`Read store: ${manifest.readStore.file ?? '-'}: ${manifest.readStore.consistency}.`);
    console.log(`Keys: ${manifest.files.filter((f) => f.kind === 'key').map((f) => f.path).join(', ') || 'none in DATA_DIR (given in the settings?)'}.`);
    console.log(`Blobs: ${blobs.copied} copied, ${blobs.skipped} already in the backup.`);
    return 0;
  } finally {
    await eventServer?.close();
  }
}
