import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { ApiClient } from './api/client';
import { Profile } from './api/types';
import { Locale, Translate } from './i18n/i18n';
import { Formats } from './format';

/** What every screen needs: the API, the signed-in user, and the agent's language and time zone. */
export interface AppContext {
  api: ApiClient;
  user: Profile;
  locale: Locale;
  t: Translate;
  fmt: Formats;
  announce(message: string): void;
}

export const App = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const ctx = useContext(App);
  if (!ctx) throw new Error('useApp outside the signed-in app');
  return ctx;
}
