import { randomBytes } from 'node:crypto';
import { HashChainingEventStore, SqliteEventStore } from '@helpdesk/event-store';
import { PrivateEventStore, SqliteKeyStore, SubjectKeys } from '@helpdesk/privacy';
import { eventStoreContract } from './event-store.contract';

// The stack the app runs: personal data sealed above the hash chains, above the adapter.
eventStoreContract('private + hash-chained embedded SQLite (as the app runs it)', async () => {
  const keyStore = new SqliteKeyStore(':memory:');
  const keys = await SubjectKeys.open(keyStore, randomBytes(32));
  return { store: new PrivateEventStore(new HashChainingEventStore(new SqliteEventStore(':memory:')), keys), cleanup: () => keyStore.close() };
});
