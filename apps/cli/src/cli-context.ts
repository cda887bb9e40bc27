import { SlaPolicyBook } from '@helpdesk/application';
import { BlobStore, createBlobStore } from '@helpdesk/blob-store';
import { createEventStore, EventStore } from '@helpdesk/event-store';
import { ProjectionEngine } from '@helpdesk/projection-engine';
import { createReadStore, ReadStore } from '@helpdesk/read-store';
import { allProjections } from '@helpdesk/projections';
import { validateSettings } from '../../api/src/config/settings';
import { SealedBlobStore } from '@helpdesk/privacy';
import { openPrivateEventStore } from '../../api/src/privacy/private-event-store.factory';

export interface CliContext {
  /** The events as the app reads them: personal fields opened (or erased). */
  events: EventStore;
  /** The events as stored (personal fields sealed): what the hash chains cover. */
  stored: EventStore;
  store: ReadStore;
  engine: ProjectionEngine;
  /** Attachments and raw mail, as the API stores them. */
  blobs: BlobStore;
  close(): Promise<void>;
}

/** The stores and the projection engine, configured exactly as the API configures them. */
export async function openCliContext(): Promise<CliContext> {
  const settings = validateSettings(process.env);
  const events = await openPrivateEventStore(settings, () => createEventStore({ eventStoreUrl: settings.EVENT_STORE_URL, dataDir: settings.DATA_DIR, synchronous: settings.SQLITE_SYNCHRONOUS }));
  const store = await createReadStore({ mongoUrl: settings.MONGO_URL, dataDir: settings.DATA_DIR });
  const blobs = new SealedBlobStore(await createBlobStore({ mongoUrl: settings.MONGO_URL, dataDir: settings.DATA_DIR }), events.keys);
  const engine = new ProjectionEngine(events, store, allProjections({ slaPolicies: new SlaPolicyBook(events) }), { batchSize: 2000 });
  return {
    events,
    stored: events.stored,
    store,
    engine,
    blobs,
    close: async () => {
      await blobs.close();
      await store.close();
      await events.close();
    },
  };
}
