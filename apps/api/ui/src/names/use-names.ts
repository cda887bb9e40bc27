import { useEffect, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import { Profile } from '../api/types';
import { useApp } from '../app-context';
import { Directory, NamesStore } from './names-store';

/** One store per signed-in session of a client: a new user (sign-out, sign-in) starts a new one. */
const stores = new WeakMap<ApiClient, { userId: string; store: NamesStore }>();

export function namesStoreFor(api: ApiClient, user: Profile): NamesStore {
  const held = stores.get(api);
  if (held && held.userId === user.id) return held.store;
  // Customers have no directory: staff are "staff" to them, and they know their own name.
  const read = user.role === 'customer' ? null : () => api.query<{ people: Directory }>('/directory').then((r) => r.people);
  const store = new NamesStore(read);
  stores.set(api, { userId: user.id, store });
  return store;
}

/**
 * Names for ids on the current screen: `nameOf(id)` is the person's name once the session's
 * directory has it (the screen re-renders when it arrives), the id until then.
 */
export function useNames(): (id: string) => string {
  const { api, user } = useApp();
  const store = namesStoreFor(api, user);
  const [seen, changed] = useState(store.version);
  useEffect(() => {
    const unsubscribe = store.subscribe(() => changed(store.version));
    if (store.version !== seen) changed(store.version);
    void store.load();
    return unsubscribe;
  }, [store]);
  return (id: string) => store.nameOf(id);
}

/** The name of one person by id (see useNames). */
export function useName(id: string): string {
  return useNames()(id);
}
