import { capabilitiesOf, ReadStoreCapabilities } from './read-store-capabilities';
import type { Collection, Doc, ReadStore } from './read-store.port';

/**
 * The same store as a server without multi-document transactions would be: `transaction` runs
 * its work without atomicity and `supportsTransactions` is false. Tests run the guarded
 * projection mode on the embedded store with it.
 */
export function withoutTransactions(store: ReadStore): ReadStore {
  const capabilities: ReadStoreCapabilities = { ...capabilitiesOf(store), transactions: false, mode: 'guarded' };
  const view: ReadStore & { capabilities: ReadStoreCapabilities } = {
    capabilities,
    supportsTransactions: false,
    collection: <T extends Doc = Doc>(name: string): Collection<T> => store.collection<T>(name),
    listCollections: () => store.listCollections(),
    dropCollection: (name) => store.dropCollection(name),
    transaction: (work) => work(view),
    search: (collection, query) => store.search(collection, query),
    close: () => store.close(),
  };
  return view;
}
