import { EventStore } from '@helpdesk/event-store';
import { createKeyStore, PrivateEventStore, SubjectKeys } from '@helpdesk/privacy';
import { resolvePiiMasterKey } from './pii-master-key';

export const STORED_EVENT_STORE = Symbol('STORED_EVENT_STORE');

/**
 * The event store as the app uses it: personal fields sealed per subject above `stored` (the
 * hash-chained adapter). Fails, before anything is written, when the master key is invalid or
 * not the one the key store was made with.
 */
export async function openPrivateEventStore(
  settings: { PII_MASTER_KEY?: string; EVENT_STORE_URL?: string; MONGO_URL?: string; DATA_DIR: string },
  stored: EventStore,
): Promise<PrivateEventStore> {
  try {
    const master = resolvePiiMasterKey(settings);
    const keyStore = await createKeyStore({ mongoUrl: settings.MONGO_URL, dataDir: settings.DATA_DIR });
    try {
      return new PrivateEventStore(stored, await SubjectKeys.open(keyStore, master));
    } catch (error) {
      await keyStore.close();
      throw error;
    }
  } catch (error) {
    await stored.close();
    throw error;
  }
}
