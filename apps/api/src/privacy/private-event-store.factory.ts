import { EventStore } from '@helpdesk/event-store';
import { createKeyStore, PrivateEventStore, SubjectKeys } from '@helpdesk/privacy';
import { resolvePiiMasterKey } from './pii-master-key';

export const STORED_EVENT_STORE = Symbol('STORED_EVENT_STORE');

/**
 * The event store as the app uses it: personal fields sealed per subject above the stored one
 * (the hash-chained adapter `openStored` opens). Fails, before anything is written, when the master key is invalid or
 * not the one the key store was made with.
 */
export async function openPrivateEventStore(
  settings: { PII_MASTER_KEY?: string; EVENT_STORE_URL?: string; MONGO_URL?: string; DATA_DIR: string },
  openStored: () => EventStore,
): Promise<PrivateEventStore> {
  // The key first: with a bad one, nothing is opened (or created) at all.
  const master = resolvePiiMasterKey(settings);
  const stored = openStored();
  try {
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
