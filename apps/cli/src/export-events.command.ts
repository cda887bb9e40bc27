import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { createEventStore } from '@helpdesk/event-store';
import { exportEvents } from '@helpdesk/operations';
import { cliSettings } from './configured-stores';

/**
 * `export-events [file|-]`: the configured event store's whole feed as NDJSON, in global order,
 * each event with its id, stream, revision, type, data and metadata (hash-chain link included).
 * To a file it writes `<file>.partial` and renames it when complete, so a file under the asked
 * name is always a whole export.
 */
export async function runExportEvents(file: string | undefined): Promise<number> {
  const settings = cliSettings();
  const store = createEventStore({ eventStoreUrl: settings.EVENT_STORE_URL, dataDir: settings.DATA_DIR, synchronous: settings.SQLITE_SYNCHRONOUS });
  try {
    if (!file || file === '-') {
      const result = await exportEvents(store, process.stdout);
      console.error(`Exported ${result.events} event(s), up to position ${result.lastPosition}.`);
      return 0;
    }
    const partial = `${file}.partial`;
    const out = createWriteStream(partial, { flags: 'w', mode: 0o600 });
    try {
      const result = await exportEvents(store, out);
      out.end();
      await finished(out);
      await rename(partial, file);
      console.log(`Exported ${result.events} event(s), up to position ${result.lastPosition}, to ${file}.`);
      return 0;
    } catch (error) {
      out.destroy();
      await rm(partial, { force: true });
      throw error;
    }
  } finally {
    await store.close();
  }
}
